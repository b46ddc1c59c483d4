package com.ukeybridge.agent.dialog;

import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.WriteRequest;

import java.util.Optional;

/** What the PIN and consent dialogs say, in the user's language; kept apart from Swing so it is tested headless. */
public final class DialogTexts {
    /** The PIN dialog's lines; {@code warning} when the key is close to locking. */
    public record PinTexts(String title, String origin, String key, Optional<String> warning, String prompt, String hint,
                           String ok, String cancel) {
    }

    /** The consent dialog's lines: who asks, what will happen in plain words, to which subject. */
    public record ConsentTexts(String title, String origin, String action, String subject, String question,
                               String allow, String deny) {
    }

    private final Messages messages;

    public DialogTexts(Messages messages) {
        this.messages = messages;
    }

    public PinTexts pin(PinRequest request) {
        Optional<String> warning = request.finalTry() ? Optional.of(messages.get("pin.finalTry"))
                : request.pinCountLow() ? Optional.of(messages.get("pin.countLow")) : Optional.empty();
        return new PinTexts(messages.get("pin.title"), messages.get("pin.origin", request.origin()),
                messages.get("pin.key", request.tokenLabel()), warning, messages.get("pin.prompt"), messages.get("pin.hint"),
                messages.get("button.ok"), messages.get("button.cancel"));
    }

    public ConsentTexts consent(WriteRequest request) {
        String action = switch (request.kind()) {
            case NEW_KEY_AND_REQUEST -> messages.get("consent.newKeyAndRequest");
            case STORE_CERTIFICATE -> messages.get("consent.storeCertificate");
            case REPLACE_CERTIFICATE -> messages.get("consent.replaceCertificate");
        };
        return new ConsentTexts(messages.get("consent.title"), messages.get("consent.origin", request.origin(), request.tokenLabel()),
                action, request.subject(), messages.get("consent.question"), messages.get("consent.allow"), messages.get("consent.deny"));
    }
}
