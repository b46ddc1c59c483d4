package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.login.LoginLedger;
import com.ukeybridge.agent.prompt.DialogQueue;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.proof.ProofMessage;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.server.AgentServer;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.SignatureAlgorithm;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/protocol.md is the contract: every method, error code, reason and limit it lists is what
 * the agent answers (a real agent serving both versions, on SoftHSM2), and the JavaScript
 * client's reason table is the table of the version the client speaks.
 */
@Tag("softhsm")
class ProtocolDocumentTest {
    private static final ProtocolDocument DOCUMENT = ProtocolDocument.read();
    private static final Set<String> ALGORITHMS = Stream.concat(
            Arrays.stream(KeyAlgorithm.values()).map(KeyAlgorithm::protocolName),
            Arrays.stream(SignatureAlgorithm.values()).map(SignatureAlgorithm::protocolName)).collect(Collectors.toSet());

    @TempDir
    static Path dir;
    private static TokenFixture tokens;
    private static RunningAgent agent;

    @BeforeAll
    static void start() {
        tokens = TokenFixture.open("Doc Key");
        agent = RunningAgent.start(tokens, dir, new HeadlessPrompts(),
                RunningAgent.configured(List.of(RunningAgent.ORIGIN), false, List.of(1, 2), true, Map.of()));
    }

    @AfterAll
    static void stop() {
        agent.close();
        tokens.close();
    }

    @Test
    void whenVersion2sErrorTableIsRead_thenItIsEveryErrorTheAgentHasWithItsCode() {
        Map<Integer, String> agentErrors = new LinkedHashMap<>();
        for (RpcError error : RpcError.values()) {
            agentErrors.put(error.code(), error.reason());
        }

        assertThat(DOCUMENT.errors(2)).containsExactlyEntriesOf(agentErrors);
    }

    @Test
    void whenVersion1sErrorTableIsRead_thenItIsTheAgentsErrorsBeforeVersion2s() {
        Map<Integer, String> v1Errors = new LinkedHashMap<>();
        for (RpcError error : RpcError.values()) {
            if (error.code() < RpcError.PIN_ENTRY_IN_AGENT.code()) {
                v1Errors.put(error.code(), error.reason());
            }
        }

        assertThat(DOCUMENT.errors(1)).containsExactlyEntriesOf(v1Errors);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void whenAVersionsMethodsAreRead_thenTheAgentOffersExactlyThoseOnThatEndpoint(int version) {
        try (AgentClient page = agent.connect(version)) {
            JsonNode info = page.result("getInfo", Map.of());
            List<String> offered = new ArrayList<>(List.of("getInfo"));
            info.get("capabilities").forEach(capability -> {
                if (!ALGORITHMS.contains(capability.asText())) {
                    offered.add(capability.asText());
                }
            });

            assertThat(info.get("protocol").asInt()).isEqualTo(version);
            assertThat(DOCUMENT.methods(version)).containsExactlyInAnyOrderElementsOf(offered);
            for (String method : DOCUMENT.methods(version)) {
                assertThat(page.call(method, Map.of()).path("error").path("code").asInt()).as(method + " on /v" + version)
                        .isNotEqualTo(RpcError.METHOD_NOT_FOUND.code());
            }
        }
    }

    @Test
    void whenVersion2sGetInfoIsRead_thenItsCapabilitiesAreWhatTheAgentAnswers() throws Exception {
        String getInfo = ProtocolDocument.section(ProtocolDocument.section(DOCUMENT.version(2), "### Methods"),
                "#### getInfo → `{agent, version, protocol, pinEntry, capabilities[]}`");
        Matcher listed = Pattern.compile("`(\\[\"listTokens\".*?\\])`").matcher(getInfo);
        assertThat(listed.find()).as("getInfo's capabilities in docs/protocol.md").isTrue();

        try (AgentClient page = agent.connect(2)) {
            assertThat(page.result("getInfo", Map.of()).get("capabilities")).isEqualTo(AgentClient.JSON.readTree(listed.group(1)));
        }
    }

    @Test
    void whenSignIsCalledOnVersion2_thenItIsNotFoundAsTheDocumentSays() {
        assertThat(DOCUMENT.methods(2)).doesNotContain("sign");
        try (AgentClient page = agent.connect(2)) {
            assertThat(page.error("sign", Map.of()).get("data").get("reason").asText()).isEqualTo("METHOD_NOT_FOUND");
        }
    }

    @Test
    void whenVersion2sLimitsAreRead_thenEachIsTheAgentsOwn() {
        Map<String, Long> agentLimits = new LinkedHashMap<>();
        agentLimits.put("messageBytes", (long) AgentServer.MAX_MESSAGE_BYTES);
        agentLimits.put("challengeMinBytes", (long) ProofMessage.MIN_CHALLENGE_BYTES);
        agentLimits.put("challengeMaxBytes", (long) ProofMessage.MAX_CHALLENGE_BYTES);
        agentLimits.put("bindingBytes", (long) ProofMessage.BINDING_BYTES);
        agentLimits.put("proofMessageBytes", (long) ProofMessage.LENGTH);
        agentLimits.put("dialogsQueued", (long) DialogQueue.MAX_QUEUED);
        agentLimits.put("connectionsPerOrigin", (long) AgentServer.MAX_CONNECTIONS_PER_ORIGIN);
        agentLimits.put("connectionsInAll", (long) AgentServer.MAX_CONNECTIONS);
        agentLimits.put("idleLoginMinutes", LoginLedger.IDLE_LIMIT.toMinutes());

        Map<String, Long> documented = new LinkedHashMap<>();
        for (List<String> row : ProtocolDocument.table(ProtocolDocument.section(DOCUMENT.version(2), "### Limits"))) {
            documented.put(row.get(0), Long.parseLong(row.get(1)));
        }

        assertThat(documented).containsExactlyEntriesOf(agentLimits);
    }

    @Test
    void whenTheJavaScriptClientsReasonTableIsRead_thenItIsTheTableOfTheVersionItSpeaks() throws Exception {
        String client = Files.readString(ProtocolDocument.REPOSITORY.resolve("webpage/src/main/resources/public/js/agent-client.js"));
        Matcher version = Pattern.compile("export const PROTOCOL_VERSION = (\\d+);").matcher(client);
        assertThat(version.find()).as("PROTOCOL_VERSION in agent-client.js").isTrue();
        Matcher table = Pattern.compile("const REASON_BY_CODE = Object\\.freeze\\(\\{(.*?)\\}\\);", Pattern.DOTALL).matcher(client);
        assertThat(table.find()).as("REASON_BY_CODE in agent-client.js").isTrue();
        Map<Integer, String> reasons = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\\[?(-?\\d+)\\]?:\\s*'([A-Z_]+)'").matcher(table.group(1));
        while (entry.find()) {
            reasons.put(Integer.parseInt(entry.group(1)), entry.group(2));
        }

        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(DOCUMENT.errors(Integer.parseInt(version.group(1))));
    }
}
