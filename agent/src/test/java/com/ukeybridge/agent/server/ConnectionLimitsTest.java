package com.ukeybridge.agent.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** At most 8 open connections per origin and 32 in all; the upgrade beyond is refused with 429. */
class ConnectionLimitsTest {
    @TempDir
    Path tlsDir;

    @Test
    void whenAnOriginHasEightConnections_thenTheNinthIsRefusedWith429AndAnotherOriginStillConnects() throws Exception {
        List<WsClient> open = new ArrayList<>();
        try (RunningServer agent = new RunningServer(tlsDir, List.of(2))) {
            for (int i = 0; i < ConnectionLimits.PER_ORIGIN; i++) {
                open.add(WsClient.connect(agent.http, agent.webSocketUri("127.0.0.1", 2), RunningServer.ORIGIN));
            }

            Throwable refusal = WsClient.refusal(agent.http, agent.webSocketUri("127.0.0.1", 2), RunningServer.ORIGIN);
            assertThat(refusal).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) refusal).getResponse().statusCode()).isEqualTo(429);
            assertThat(WsClient.refusal(agent.http, agent.webSocketUri("127.0.0.1", 2), RunningServer.OTHER_ORIGIN)).isNull();

            open.remove(0).close();
            assertThat(connectsWithin10s(agent)).as("a place is free again once a connection closed").isTrue();
        } finally {
            open.forEach(WsClient::close);
        }
    }

    private static boolean connectsWithin10s(RunningServer agent) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (WsClient.refusal(agent.http, agent.webSocketUri("127.0.0.1", 2), RunningServer.ORIGIN) == null) {
                return true;
            }
        }
        return false;
    }

    @Test
    void whenThirtyTwoAreOpenInAll_thenAnyOriginIsRefused() {
        ConnectionLimits limits = new ConnectionLimits();
        List<ConnectionLimits.Slot> slots = new ArrayList<>();
        for (int origin = 0; origin < ConnectionLimits.TOTAL / ConnectionLimits.PER_ORIGIN; origin++) {
            for (int i = 0; i < ConnectionLimits.PER_ORIGIN; i++) {
                slots.add(limits.reserve("https://site" + origin + ".example").orElseThrow());
            }
        }

        assertThat(limits.reserve("https://another.example")).isEmpty();
        slots.get(0).release();
        slots.get(0).release(); // twice gives back one place only
        Optional<ConnectionLimits.Slot> freed = limits.reserve("https://another.example");
        assertThat(freed).isPresent();
        assertThat(limits.reserve("https://yet-another.example")).isEmpty();
    }
}
