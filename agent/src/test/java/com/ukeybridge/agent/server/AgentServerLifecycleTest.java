package com.ukeybridge.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.ukeybridge.certs.AgentTlsFiles;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentServerLifecycleTest {
    @TempDir
    Path tlsDir;

    @Test
    void whenThePortIsZero_thenAFreePortIsPickedAndReported() throws Exception {
        try (RunningServer agent = new RunningServer(tlsDir)) {
            assertThat(agent.port()).isPositive();
            assertThat(agent.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void whenAPortIsConfigured_thenItIsTheOneBound() throws Exception {
        AgentTlsFiles.create(tlsDir);
        int port = freePort();
        try (AgentServer server = new AgentServer(settings(port), new TestHandler())) {
            server.start();

            assertThat(server.port()).isEqualTo(port);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(socket.isConnected()).isTrue();
            }
        }
    }

    @Test
    void whenThePortIsTaken_thenStartFailsAndSaysSo() throws Exception {
        AgentTlsFiles.create(tlsDir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             AgentServer server = new AgentServer(settings(taken.getLocalPort()), new TestHandler())) {
            assertThatThrownBy(server::start).isInstanceOf(BindException.class);
        }
    }

    @Test
    void whenStartedTwice_thenTheSecondStartIsRefused() throws Exception {
        try (RunningServer agent = new RunningServer(tlsDir)) {
            assertThatThrownBy(agent.server::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void whenTheTlsFilesAreMissing_thenStartFails() {
        AgentServer server = new AgentServer(settings(0), new TestHandler());

        assertThatThrownBy(server::start).isInstanceOf(RuntimeException.class);
    }

    @Test
    void whenReachedThroughANonLoopbackAddress_thenNothingListens() throws Exception {
        Optional<InetAddress> routable = nonLoopbackAddress();
        assumeThat(routable).as("this machine has a non-loopback address").isPresent();

        try (RunningServer agent = new RunningServer(tlsDir); Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(routable.get(), agent.port()), 2000))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void whenStoppedTwice_thenNothingHappens() throws Exception {
        RunningServer agent = new RunningServer(tlsDir);

        agent.server.stop();
        agent.server.stop();
    }

    private AgentServerSettings settings(int port) {
        return new AgentServerSettings(port, List.of(RunningServer.ORIGIN), tlsDir, "1", List.of(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
