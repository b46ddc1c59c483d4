package com.ukeybridge.agent.server;

import com.ukeybridge.agent.TrustedRoot;
import com.ukeybridge.certs.AgentTlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A real AgentServer on a free port with real TLS, and the clients the tests talk to it with. */
final class RunningServer implements AutoCloseable {
    static final String ORIGIN = "https://site.example";
    static final String OTHER_ORIGIN = "http://localhost:8080";
    static final String VERSION = "9.8.7-test";

    final TestHandler handler = new TestHandler();
    final AgentServer server;
    final SSLContext tls;
    final HttpClient http;

    /** Makes the TLS files in {@code tlsDir} as {@code certs create} does, and starts on a free port, serving protocol 1. */
    RunningServer(Path tlsDir) throws IOException {
        this(tlsDir, List.of(1));
    }

    /** As {@link #RunningServer(Path)}, serving {@code protocols}. */
    RunningServer(Path tlsDir, List<Integer> protocols) throws IOException {
        AgentTlsFiles.create(tlsDir);
        tls = TrustedRoot.trusting(tlsDir.resolve(AgentTlsFiles.ROOT));
        server = new AgentServer(new AgentServerSettings(0, List.of(ORIGIN, OTHER_ORIGIN), tlsDir, VERSION, protocols), handler);
        server.start();
        http = HttpClient.newBuilder().sslContext(tls).build();
    }

    int port() {
        return server.port();
    }

    URI uri(String host, String path) {
        return URI.create("https://" + host + ":" + port() + path);
    }

    URI webSocketUri(String host) {
        return webSocketUri(host, 1);
    }

    URI webSocketUri(String host, int protocol) {
        return URI.create("wss://" + host + ":" + port() + "/v" + protocol);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("127.0.0.1", path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    WsClient connect(String origin) {
        return WsClient.connect(http, webSocketUri("127.0.0.1"), origin);
    }

    /**
     * Sends {@code request} as is over a fresh TLS connection to 127.0.0.1 and returns the
     * response: its head, and its body when it announces a Content-Length (or, once the head is
     * in and announces none, until the server closes or goes quiet for a second). Until the
     * head is complete, a slow server is waited for (two minutes at most, for a hung one).
     */
    String raw(String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port())) {
            socket.setSoTimeout((int) java.time.Duration.ofMinutes(2).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            try {
                int expectedLength = -1;
                for (int b; (b = in.read()) >= 0; ) {
                    response.append((char) b);
                    if (expectedLength < 0 && response.indexOf("\r\n\r\n") > 0) {
                        String head = response.toString().toLowerCase(java.util.Locale.ROOT);
                        if (head.startsWith("http/1.1 101")) {
                            break;
                        }
                        java.util.regex.Matcher length = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(head);
                        if (length.find()) {
                            expectedLength = response.length() + Integer.parseInt(length.group(1));
                        } else {
                            socket.setSoTimeout(1000);
                        }
                    }
                    if (response.length() == expectedLength) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // no length announced: the server answered and waits for more
            }
            return response.toString();
        }
    }

    /** A WebSocket handshake for /v1 as a browser would send it, with the given headers. */
    static String upgradeRequest(String host, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET /v1 HTTP/1.1\r\n");
        if (host != null) {
            request.append("Host: ").append(host).append("\r\n");
        }
        request.append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
