package com.ukeybridge.installer.linux;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The page on http://localhost:PORT that plays the update site: it tries the agent's ports in
 * order, as the site's client does, keeps the first whose TLS the browser accepts, asks that agent
 * for getInfo and listTokens over wss and posts back one line per port tried ("P: refused",
 * "P: ok") followed by the answers, or "no agent" when none answered.
 */
final class TestPage implements AutoCloseable {
    private final HttpServer server;
    private volatile CompletableFuture<String> result = new CompletableFuture<>();

    TestPage(List<Integer> agentPorts) throws IOException {
        String page = """
                <!doctype html><meta charset="utf-8"><title>UKey Bridge package test</title>
                <script>
                const ports = [%s];
                const tried = [];
                const report = text => fetch("/result", {method: "POST", body: tried.concat([text]).join("\\n")});
                const attempt = i => {
                  if (i === ports.length) { report("no agent"); return; }
                  const answers = [];
                  let opened = false;
                  const ws = new WebSocket("wss://127.0.0.1:" + ports[i] + "/v2");
                  ws.onopen = () => {
                    opened = true;
                    tried.push(ports[i] + ": ok");
                    ws.send(JSON.stringify({jsonrpc: "2.0", id: 1, method: "getInfo"}));
                    ws.send(JSON.stringify({jsonrpc: "2.0", id: 2, method: "listTokens"}));
                  };
                  ws.onmessage = event => { answers.push(event.data); if (answers.length === 2) report(answers.join("\\n")); };
                  ws.onerror = () => {
                    if (opened) { report("websocket error"); return; }
                    tried.push(ports[i] + ": refused");
                    attempt(i + 1);
                  };
                };
                attempt(0);
                </script>
                """.formatted(agentPorts.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> respond(exchange, 200, page));
        server.createContext("/result", exchange -> {
            result.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 204, "");
        });
        server.start();
    }

    /** The page's origin, as the agent's allowedOrigins must name it. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** What the next page load reports. */
    CompletableFuture<String> nextResult() {
        result = new CompletableFuture<>();
        return result;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
