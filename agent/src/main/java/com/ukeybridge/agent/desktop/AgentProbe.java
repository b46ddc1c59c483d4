package com.ukeybridge.agent.desktop;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/**
 * Asks {@code GET /health} on a local port whether a UKey Bridge agent answers there, trusting
 * only this machine's local root: tells "already running" from "port taken by something else".
 */
public final class AgentProbe {
    private AgentProbe() {
    }

    public static boolean agentAnswers(int port, Path tlsDir) {
        try {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(trusting(tlsDir.resolve("root.pem")))
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\"") && response.body().contains("\"protocol\"");
        } catch (Exception e) {
            // Not TLS, not our root, not HTTP, no answer: whatever holds the port, it is not our agent.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static SSLContext trusting(Path rootPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(rootPem)) {
            store.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
