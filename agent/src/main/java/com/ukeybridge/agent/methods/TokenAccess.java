package com.ukeybridge.agent.methods;

import com.ukeybridge.agent.login.LoginLedger;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.TokenId;
import com.ukeybridge.agent.tokens.TokenDirectory;

/** Finds the token a request names, and checks the connection's own login to it. */
final class TokenAccess {
    private final TokenDirectory registry;
    private final LoginLedger logins;

    TokenAccess(TokenDirectory registry, LoginLedger logins) {
        this.registry = registry;
        this.logins = logins;
    }

    KeyToken find(TokenId id) {
        return registry.find(id).orElseThrow(() -> new RpcException(RpcError.TOKEN_NOT_FOUND, "no token " + id + " is present"));
    }

    /** The token, once this connection has logged in to it (with {@code verifyPin}). */
    KeyToken findLoggedIn(ClientConnection connection, TokenId id) {
        KeyToken token = find(id);
        if (!logins.touch(connection.id(), token)) {
            throw new RpcException(RpcError.LOGIN_REQUIRED, "verifyPin first: this connection is not logged in to token " + id);
        }
        return token;
    }

    /** Tells listeners now, rather than at the next poll, that the token's objects changed. */
    void objectsChanged() {
        registry.refresh();
    }
}
