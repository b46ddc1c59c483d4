package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.login.LoginLedger;
import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.TokenException;
import com.ukeybridge.token.TokenInfo;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code verifyPin} of protocol v2 (docs/protocol.md): with a display the agent asks in its own
 * dialog and refuses a PIN from the page ({@code PIN_ENTRY_IN_AGENT}); headless, a page PIN only
 * with {@code pagePin: true}, and never when the token reports few tries left
 * ({@code PIN_TRIES_LOW}, the token untouched). A wrong PIN ends only this connection's login
 * ({@link Token#verifyPin}). The PIN is held in a {@code char[]}, wiped after the call, never logged.
 */
final class VerifyPinV2 implements RpcMethod {
    private final TokenAccess tokens;
    private final LoginLedger logins;
    private final UserPrompts prompts;
    private final PinEntry pinEntry;

    VerifyPinV2(TokenAccess tokens, LoginLedger logins, UserPrompts prompts, PinEntry pinEntry) {
        this.tokens = tokens;
        this.logins = logins;
        this.prompts = prompts;
        this.pinEntry = pinEntry;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId"), Set.of("pin"));
        Optional<String> pagePin = checked.pin();
        if (pinEntry == PinEntry.NONE || (pinEntry == PinEntry.AGENT && pagePin.isPresent())) {
            throw new RpcException(RpcError.PIN_ENTRY_IN_AGENT, pinEntry == PinEntry.AGENT
                    ? "this agent asks for the PIN in its own dialog: send verifyPin without 'pin'"
                    : "this agent runs headless without 'pagePin': it takes no PIN at all", Map.of("pinEntry", pinEntry.protocolName()));
        }
        if (pinEntry == PinEntry.PAGE && pagePin.isEmpty()) {
            throw RpcException.invalidParams("pin", "'pin' is required: this agent runs without a display and cannot ask for it");
        }
        KeyToken token = tokens.find(checked.tokenId());
        char[] pin = pagePin.isPresent() ? pagePin(token, pagePin.get()) : askUser(connection, token);
        long generationBefore = token.loginGeneration();
        try {
            token.verifyPin(pin);
        } catch (TokenException e) {
            logins.loginFailed(connection.id(), token);
            throw e;
        } finally {
            Arrays.fill(pin, '\0');
        }
        logins.loggedIn(connection.id(), token, generationBefore);
        return JsonNodeFactory.instance.objectNode().put("loggedIn", true);
    }

    /** A page's PIN is tried only while the token has tries to spare: the last ones belong to a person at the agent. */
    private static char[] pagePin(KeyToken token, String pin) {
        TokenInfo info = token.refreshInfo();
        if (info.pinLocked()) {
            throw new RpcException(RpcError.PIN_LOCKED, "the user PIN of token " + token.id() + " is blocked");
        }
        if (info.pinCountLow() || info.pinFinalTry()) {
            throw new RpcException(RpcError.PIN_TRIES_LOW, "the token has few PIN tries left: a PIN from the page is not tried",
                    Map.of("finalTry", info.pinFinalTry(), "countLow", info.pinCountLow()));
        }
        return pin.toCharArray();
    }

    private char[] askUser(ClientConnection connection, KeyToken token) {
        TokenInfo info = token.refreshInfo();
        return prompts.askPin(new PinRequest(connection.origin(), info.label(), info.pinCountLow(), info.pinFinalTry()))
                .orElseThrow(() -> new RpcException(RpcError.CANCELLED_BY_USER, "the user closed the PIN dialog"));
    }
}
