package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.login.LoginLedger;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.view.TokenSnapshot;
import com.ukeybridge.agent.view.TokenViews;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.TokenException;
import com.ukeybridge.agent.tokens.TokenDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** The {@code {tokens: [Token]}} object of {@code listTokens} and {@code tokensChanged}. */
final class TokenList {
    private static final Logger log = LoggerFactory.getLogger(TokenList.class);

    private final TokenDirectory registry;
    private final LoginLedger logins;
    private final TokenViews views;

    TokenList(TokenDirectory registry, LoginLedger logins, TokenViews views) {
        this.registry = registry;
        this.logins = logins;
        this.views = views;
    }

    /** Reads every token once; a token that goes away or stays busy meanwhile is left out. */
    List<TokenSnapshot> read() {
        List<TokenSnapshot> snapshots = new ArrayList<>();
        for (KeyToken token : registry.tokens()) {
            try {
                snapshots.add(TokenSnapshot.read(token));
            } catch (TokenException e) {
                log.info("leaving token {} out of the list: {}", token.id(), e.getMessage());
            }
        }
        return snapshots;
    }

    ObjectNode render(List<TokenSnapshot> snapshots, ClientConnection connection) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode tokens = result.putArray("tokens");
        for (TokenSnapshot snapshot : snapshots) {
            tokens.add(views.render(snapshot, logins.isLoggedIn(connection.id(), snapshot.token()), connection.protocol()));
        }
        return result;
    }
}
