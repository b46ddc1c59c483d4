package com.ukeybridge.agent.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the agent's listening sockets: 127.0.0.1 always, [::1] too when the machine has it,
 * both on the same port ({@code localhost} may resolve to either). Never a routable address.
 * Binding here, before Jetty starts, is what lets port 0 mean "one free port on both".
 */
final class LoopbackSockets {
    private static final Logger log = LoggerFactory.getLogger(LoopbackSockets.class);
    private static final int ATTEMPTS = 10;

    static final InetAddress IPV4 = address(new byte[] {127, 0, 0, 1});
    static final InetAddress IPV6 = address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private LoopbackSockets() {
    }

    /** @return the bound channels, the IPv4 one first */
    static List<ServerSocketChannel> bind(int port) throws IOException {
        boolean ipv6 = hasIpv6Loopback();
        for (int attempt = 1; ; attempt++) {
            ServerSocketChannel v4 = open(IPV4, port);
            if (!ipv6) {
                return List.of(v4);
            }
            int actual = ((InetSocketAddress) v4.getLocalAddress()).getPort();
            try {
                return List.of(v4, open(IPV6, actual));
            } catch (BindException e) {
                v4.close();
                // A free port on 127.0.0.1 may be taken on [::1]: pick again. A configured port
                // must be ours on both, or "localhost" could reach another program.
                if (port != 0 || attempt == ATTEMPTS) {
                    throw new BindException("Port " + actual + " is in use on [::1]");
                }
            }
        }
    }

    /** Whether a loopback interface carries ::1 (false with IPv6 off or -Djava.net.preferIPv4Stack=true). */
    static boolean hasIpv6Loopback() {
        try {
            return NetworkInterface.getByInetAddress(IPV6) != null;
        } catch (SocketException e) {
            log.debug("Cannot tell whether ::1 exists: {}", e.toString());
            return false;
        }
    }

    private static ServerSocketChannel open(InetAddress address, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            // On Windows SO_REUSEADDR would let another program bind the same port; elsewhere it
            // only lets a restarted agent rebind while old connections linger in TIME_WAIT.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            channel.bind(new InetSocketAddress(address, port), 128);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static void closeAll(List<ServerSocketChannel> channels) {
        List<IOException> ignored = new ArrayList<>();
        for (ServerSocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                ignored.add(e);
            }
        }
        ignored.forEach(e -> log.debug("Closing a listening socket: {}", e.toString()));
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("A literal address always converts", e);
        }
    }
}
