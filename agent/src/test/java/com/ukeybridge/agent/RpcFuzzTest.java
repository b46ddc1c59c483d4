package com.ukeybridge.agent;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.ukeybridge.agent.login.LoginLedger;
import com.ukeybridge.agent.methods.AgentMethods;
import com.ukeybridge.agent.methods.MethodSettings;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.MalformedMessageException;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.agent.rpc.RpcMessageReader;
import com.ukeybridge.agent.rpc.RpcRequest;
import com.ukeybridge.agent.rpc.RpcResponses;
import com.ukeybridge.agent.skf.SkfTokens;
import com.ukeybridge.agent.tokens.TokenDirectory;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TestCertificates.Provisioned;
import com.ukeybridge.token.testing.QuietLogs;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One WebSocket text message, any content, through what the agent does with it: the
 * {@link RpcMessageReader}, then every method's parameter checks ({@link AgentMethods}), on a
 * SoftHSM2 token holding a certificate. The answer is a result or an error of protocol.md,
 * never {@code INTERNAL_ERROR} (a bug) and never an exception out of the agent.
 *
 * <p>Input: the first byte picks the connection: bit 1 its protocol (set: v2, else v1), bit 0
 * whether it is logged in to the token (set) or a fresh one that is not; the rest is the message. {@code $TOKEN} and {@code $CERT} in it
 * stand for the token's and the certificate's ids, which change with every SoftHSM2 store,
 * so that the committed inputs reach past the token lookup. Methods that change the token
 * run on the fresh connection only, so they stop at {@code LOGIN_REQUIRED} after their
 * parameter checks and the token stays as it was.
 */
@Tag("softhsm")
class RpcFuzzTest {
    private static final Set<String> CHANGES_TOKEN = Set.of("signCsr", "writeCert", "deleteKey");
    private static final Set<String> CHANGES_LOGIN = Set.of("verifyPin", "logout");
    private static final Set<RpcError> ENVELOPE_ERRORS = EnumSet.of(RpcError.PARSE_ERROR, RpcError.INVALID_REQUEST, RpcError.INVALID_PARAMS);
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    private static QuietLogs quiet;
    private static TokenFixture tokens;
    private static String tokenId;
    private static String certId;
    private static Path dataDir;
    private static SkfTokens noSkf;
    private static AgentMethods methods;
    /** Logged in to the token: one connection of protocol v1, one of v2. */
    private static ClientConnection[] users;
    private static boolean userMayBeLoggedOut;
    private static final RpcMessageReader reader = new RpcMessageReader();
    private static final RpcResponses responses = new RpcResponses();

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("rpc-fuzz");
        quiet = new QuietLogs();
        tokens = TokenFixture.open("Fuzz Key");
        Token token = tokens.token();
        Provisioned provisioned = TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256,
                "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN", Duration.ofDays(20));
        token.logout();
        tokenId = token.id().value();
        certId = provisioned.id().hex();
        Clock clock = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
        noSkf = SkfTokens.open(List.of(), Duration.ofHours(1), Duration.ofSeconds(5));
        methods = new AgentMethods("fuzz", new TokenDirectory(tokens.registry(), noSkf), new LoginLedger(clock), new HeadlessPrompts(), clock,
                new MethodSettings(false, 30, true, Map.of(), dataDir));
        users = new ClientConnection[] {connection(1), connection(2)};
        for (ClientConnection user : users) {
            methods.connectionOpened(user);
        }
        logInUsers();
    }

    @AfterAll
    static void stop() {
        if (noSkf != null) {
            noSkf.close();
        }
        if (tokens != null) {
            tokens.close();
        }
        quiet.close();
    }

    @FuzzTest
    void whenAnyMessageArrives_thenTheAnswerIsOneTheProtocolLists(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean loggedIn = (input[0] & 1) == 1;
        int protocol = (input[0] & 2) == 2 ? 2 : 1;
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8)
                .replace("$TOKEN", tokenId).replace("$CERT", certId);
        RpcRequest request;
        try {
            request = reader.read(text);
        } catch (MalformedMessageException e) {
            assertThat(ENVELOPE_ERRORS).contains(e.error().error());
            assertThat(responses.error(e.id(), e.error())).contains("\"reason\":\"" + e.error().error().reason() + "\"");
            return;
        }
        if (loggedIn && !CHANGES_TOKEN.contains(request.method()) && !CHANGES_LOGIN.contains(request.method())) {
            if (userMayBeLoggedOut) {
                logInUsers();
            }
            answer(users[protocol - 1], request);
        } else {
            ClientConnection fresh = connection(protocol);
            methods.connectionOpened(fresh);
            try {
                answer(fresh, request);
            } finally {
                methods.connectionClosed(fresh);
                // A wrong PIN on any connection ends every login to the token (LoginLedger).
                userMayBeLoggedOut |= CHANGES_LOGIN.contains(request.method());
            }
        }
    }

    private static void answer(ClientConnection connection, RpcRequest request) {
        try {
            JsonNode result = methods.call(connection, request.method(), request.params());
            assertThat(responses.result(request.id(), result)).startsWith("{");
        } catch (RpcException e) {
            assertThat(e.error()).as("answered %s: %s", e.error(), e.getMessage()).isNotEqualTo(RpcError.INTERNAL_ERROR);
            assertThat(responses.error(request.id(), e)).contains("\"code\":" + e.error().code());
        }
    }

    private static void logInUsers() {
        for (ClientConnection user : users) {
            methods.call(user, "verifyPin", JsonNodeFactory.instance.objectNode().put("tokenId", tokenId).put("pin", TokenFixture.PIN));
        }
        userMayBeLoggedOut = false;
    }

    private static ClientConnection connection(int protocol) {
        String id = "fuzz-" + CONNECTIONS.incrementAndGet();
        return new ClientConnection() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String origin() {
                return RunningAgent.ORIGIN;
            }

            @Override
            public int protocol() {
                return protocol;
            }

            @Override
            public void notify(String method, JsonNode params) {
                // tokensChanged is not what is fuzzed here
            }
        };
    }
}
