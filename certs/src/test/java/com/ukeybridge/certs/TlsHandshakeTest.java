package com.ukeybridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real TLS handshake: a server using the keystore from the files, a client that trusts
 * only root.pem and checks the host name as HTTPS does.
 */
class TlsHandshakeTest {
    @TempDir
    Path dir;

    private SSLServerSocket server;

    @BeforeEach
    void startServer() throws Exception {
        AgentTlsFiles.create(dir);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(AgentTlsFiles.loadServerKeyStore(dir), new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        CompletableFuture.runAsync(this::serve);
    }

    /** Answers every connection with one line, until the socket closes. */
    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket connection = (SSLSocket) server.accept()) {
                connection.startHandshake();
                connection.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                connection.getOutputStream().flush();
            } catch (IOException e) {
                // A refused handshake or the closed server socket; the client side asserts.
            }
        }
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1"})
    void whenClientTrustsOnlyRootPem_thenHandshakeSucceedsForEveryLoopbackName(String host) throws Exception {
        try (SSLSocket socket = connect(host)) {
            socket.startHandshake();

            assertThat(socket.getInputStream().readNBytes(3)).asString(StandardCharsets.US_ASCII).isEqualTo("ok\n");
            assertThat(socket.getSession().getPeerCertificates()).hasSize(2);
        }
    }

    @Test
    void whenClientExpectsAnotherHost_thenHandshakeFails() throws Exception {
        try (SSLSocket socket = connect("example.com")) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void whenClientTrustsOnlyAnotherRoot_thenHandshakeFails(@TempDir Path otherDir) throws Exception {
        AgentTlsFiles.create(otherDir);
        try (SSLSocket socket = connect("127.0.0.1", otherDir.resolve(AgentTlsFiles.ROOT))) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    private SSLSocket connect(String host) throws Exception {
        return connect(host, dir.resolve(AgentTlsFiles.ROOT));
    }

    /**
     * Connects to the server on 127.0.0.1 but verifies the certificate for {@code host}, so
     * every name can be tried against one loopback listener whatever the resolver says.
     */
    private SSLSocket connect(String host, Path trustedRoot) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("root", TestPem.certificates(trustedRoot).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.getLocalPort()), 5_000);
        plain.setSoTimeout((int) TimeUnit.SECONDS.toMillis(10));
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, host, server.getLocalPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }
}
