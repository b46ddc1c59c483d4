package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.keys.CreatedKeys;
import com.ukeybridge.agent.login.LoginLedger;
import com.ukeybridge.agent.prompt.DialogQueue;
import com.ukeybridge.agent.prompt.TooManyDialogsException;
import com.ukeybridge.agent.prompt.UserPrompts;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.agent.rpc.RpcHandler;
import com.ukeybridge.agent.view.TokenSnapshot;
import com.ukeybridge.agent.view.TokenViews;
import com.ukeybridge.token.TokenException;
import com.ukeybridge.token.TokenListener;
import com.ukeybridge.agent.tokens.TokenDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods of docs/protocol.md, one table per protocol version (a connection gets the table
 * of the endpoint it opened), and the {@code tokensChanged} notification to every connection.
 * Registered with the registry as its listener.
 */
public final class AgentMethods implements RpcHandler, TokenListener {
    private static final Logger log = LoggerFactory.getLogger(AgentMethods.class);

    /** Protocol v1's token methods, as {@code getInfo} lists them. */
    static final List<String> V1_METHODS = List.of(
            "listTokens", "verifyPin", "sign", "signCsr", "writeCert", "deleteKey", "logout");
    /** Protocol v2's: no {@code sign}; {@code proveKey} signs only a proof message. */
    static final List<String> V2_METHODS = List.of(
            "listTokens", "verifyPin", "proveKey", "signCsr", "writeCert", "deleteKey", "logout");

    private final Map<Integer, Map<String, RpcMethod>> methods;
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final LoginLedger logins;
    private final TokenList tokenList;

    public AgentMethods(String version, TokenDirectory registry, LoginLedger logins, UserPrompts prompts,
                        Clock clock, MethodSettings settings) {
        this.logins = logins;
        this.tokenList = new TokenList(registry, logins, new TokenViews(clock, settings.warnDays()));
        TokenAccess tokens = new TokenAccess(registry, logins);
        // One dialog visible at a time for both versions; only v2 can answer TOO_MANY_DIALOGS.
        DialogQueue dialogs = new DialogQueue(prompts);
        UserPrompts v1Prompts = dialogs.unbounded();
        UserPrompts v2Prompts = dialogs.bounded();
        WriteConsent consent = new WriteConsent(v1Prompts, settings.confirmWrites());
        WriteConsent v2Consent = new WriteConsent(v2Prompts, settings.confirmWrites());
        PinEntry pinEntry = PinEntry.of(prompts.canAsk(), settings.pagePin());
        CreatedKeys createdKeys = CreatedKeys.in(settings.dataDir());

        Map<String, RpcMethod> v1 = Map.of(
                "getInfo", new GetInfo(version, 1, V1_METHODS, Optional.empty()),
                "listTokens", new ListTokens(tokenList),
                "verifyPin", new VerifyPin(tokens, logins, v1Prompts),
                "sign", new Sign(tokens),
                "signCsr", new SignCsr(tokens, consent, createdKeys, false),
                "writeCert", new WriteCert(tokens, consent, createdKeys, Optional.empty()),
                "deleteKey", new DeleteKey(tokens, createdKeys, false),
                "logout", new Logout(tokens, logins));
        Map<String, RpcMethod> v2 = Map.of(
                "getInfo", new GetInfo(version, 2, V2_METHODS, Optional.of(pinEntry)),
                "listTokens", new ListTokens(tokenList),
                "verifyPin", new VerifyPinV2(tokens, logins, v2Prompts, pinEntry),
                "proveKey", new ProveKey(tokens),
                "signCsr", new SignCsr(tokens, v2Consent, createdKeys, true),
                "writeCert", new WriteCert(tokens, v2Consent, createdKeys,
                        Optional.of(new ReplacementIssuers(settings.replaceIssuers()))),
                "deleteKey", new DeleteKey(tokens, createdKeys, true),
                "logout", new Logout(tokens, logins));
        this.methods = Map.of(1, v1, 2, v2);
    }

    @Override
    public JsonNode call(ClientConnection connection, String method, ObjectNode params) {
        RpcMethod handler = methods.getOrDefault(connection.protocol(), Map.of()).get(method);
        if (handler == null) {
            throw new RpcException(RpcError.METHOD_NOT_FOUND, "unknown method '" + method + "'");
        }
        try {
            return handler.call(connection, params);
        } catch (TokenException e) {
            RpcException error = TokenErrors.toRpc(e);
            log.info("{} failed on the token: {} ({})", method, error.error().reason(), e.getMessage());
            throw error;
        } catch (TooManyDialogsException e) {
            log.info("{} refused: {}", method, e.getMessage());
            throw new RpcException(RpcError.TOO_MANY_DIALOGS, e.getMessage());
        }
    }

    @Override
    public void connectionOpened(ClientConnection connection) {
        connections.add(connection);
    }

    @Override
    public void connectionClosed(ClientConnection connection) {
        connections.remove(connection);
        logins.connectionClosed(connection.id());
    }

    /** Sends {@code tokensChanged} to every connection, each seeing its own login state. */
    @Override
    public void tokensChanged() {
        if (connections.isEmpty()) {
            return;
        }
        List<TokenSnapshot> snapshots = tokenList.read();
        for (ClientConnection connection : connections) {
            connection.notify("tokensChanged", tokenList.render(snapshots, connection));
        }
    }

    /** For the idle sweep: a connection's logins end after {@link LoginLedger#IDLE_LIMIT}. */
    public void expireIdleLogins() {
        logins.expireIdle();
    }

}
