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
import java.util.Optional;
import java.util.Set;

/**
 * {@code verifyPin}: logs this connection in to the token. The PIN comes from the page or,
 * without one, from the agent's own dialog; it is held in a {@code char[]}, wiped after the
 * call, and never logged.
 */
final class VerifyPin implements RpcMethod {
    private final TokenAccess tokens;
    private final LoginLedger logins;
    private final UserPrompts prompts;

    VerifyPin(TokenAccess tokens, LoginLedger logins, UserPrompts prompts) {
        this.tokens = tokens;
        this.logins = logins;
        this.prompts = prompts;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId"), Set.of("pin"));
        Optional<String> pagePin = checked.pin();
        KeyToken token = tokens.find(checked.tokenId());
        char[] pin = pagePin.isPresent() ? pagePin.get().toCharArray() : askUser(connection, token);
        long generationBefore = token.loginGeneration();
        try {
            token.login(pin);
        } catch (TokenException e) {
            logins.loginFailed(token);
            throw e;
        } finally {
            Arrays.fill(pin, '\0');
        }
        logins.loggedIn(connection.id(), token, generationBefore);
        return JsonNodeFactory.instance.objectNode().put("loggedIn", true);
    }

    private char[] askUser(ClientConnection connection, KeyToken token) {
        if (!prompts.canAsk()) {
            throw RpcException.invalidParams("pin", "'pin' is required: this agent runs without a display and cannot ask for it");
        }
        TokenInfo info = token.info();
        return prompts.askPin(new PinRequest(connection.origin(), info.label(), info.pinCountLow(), info.pinFinalTry()))
                .orElseThrow(() -> new RpcException(RpcError.CANCELLED_BY_USER, "the user closed the PIN dialog"));
    }
}
