package com.ukeybridge.agent.dialog;

import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.prompt.CertificateSummary;
import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.WriteRequest;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the PIN and consent dialogs say, in the user's language; kept apart from Swing so it is tested headless. */
public final class DialogTexts {
    /** The PIN dialog's lines; {@code warning} when the key is close to locking. */
    public record PinTexts(String title, String origin, String key, Optional<String> warning, String prompt, String hint,
                           String ok, String cancel) {
    }

    /**
     * The consent dialog's lines: who asks, what will happen in plain words, to which subject, and
     * the new and the replaced certificate's subject, issuer and validity ({@code details}).
     */
    public record ConsentTexts(String title, String origin, String action, String subject, List<String> details,
                               String question, String allow, String deny) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
        List<String> details = new ArrayList<>();
        request.certificate().ifPresent(certificate -> details.add(summary("consent.certificate.new", certificate)));
        request.replaced().ifPresent(replaced -> details.add(summary("consent.certificate.old", replaced)));
        return new ConsentTexts(messages.get("consent.title"), messages.get("consent.origin", request.origin(), request.tokenLabel()),
                action, request.subject(), List.copyOf(details), messages.get("consent.question"), messages.get("consent.allow"),
                messages.get("consent.deny"));
    }

    private String summary(String key, CertificateSummary certificate) {
        return messages.get(key, certificate.subject(), certificate.issuer(), DAY.format(certificate.notBefore()),
                DAY.format(certificate.notAfter()));
    }
}
