package com.ukeybridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadServerKeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void whenFilesWereCreated_thenKeyStoreHoldsTheAgentKeyAndChainUnderAliasAgent() throws Exception {
        AgentTlsFiles.create(dir);

        KeyStore store = AgentTlsFiles.loadServerKeyStore(dir);

        assertThat(store.getType()).isEqualToIgnoringCase("PKCS12");
        assertThat(Collections.list(store.aliases())).containsExactly("agent");
        assertThat(AgentTlsFiles.KEY_ALIAS).isEqualTo("agent");
        assertThat(store.isKeyEntry("agent")).isTrue();
        Key key = store.getKey("agent", new char[0]);
        assertThat(key).isInstanceOf(PrivateKey.class);
        assertThat(key.getEncoded()).isEqualTo(
                PemFile.read(dir.resolve(AgentTlsFiles.AGENT_KEY)).ecPrivateKey().getEncoded());
        Certificate[] chain = store.getCertificateChain("agent");
        assertThat(chain).containsExactly(TestPem.leaf(dir), TestPem.root(dir));
    }

    @Test
    void whenRootPemIsMissing_thenKeyStoreStillLoadsFromTheAgentFiles() throws Exception {
        AgentTlsFiles.create(dir);
        Files.delete(dir.resolve(AgentTlsFiles.ROOT));

        assertThat(AgentTlsFiles.loadServerKeyStore(dir).getCertificateChain("agent")).hasSize(2);
    }

    @Test
    void whenDirectoryIsEmpty_thenLoadFailsNamingTheCertificateFile() {
        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMissingException.class)
                .isInstanceOf(TlsFilesException.class)
                .hasMessageContaining(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE).toString())
                .hasMessageContaining("certs create --dir");
    }

    @Test
    void whenKeyFileIsMissing_thenLoadFailsNamingIt() throws Exception {
        AgentTlsFiles.create(dir);
        Files.delete(dir.resolve(AgentTlsFiles.AGENT_KEY));

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMissingException.class)
                .hasMessageContaining(dir.resolve(AgentTlsFiles.AGENT_KEY).toString());
    }

    @Test
    void whenCertificateFileIsNotPem_thenLoadFailsNamingIt() throws Exception {
        AgentTlsFiles.create(dir);
        Files.writeString(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE), "hello");

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMalformedException.class)
                .hasMessage("TLS file unusable: " + dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE)
                        + ": no CERTIFICATE block");
    }

    @Test
    void whenCertificateBlockIsCorrupt_thenLoadFailsNamingTheFile() throws Exception {
        AgentTlsFiles.create(dir);
        Files.writeString(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE),
                "-----BEGIN CERTIFICATE-----\nAAAABBBBCCCC\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMalformedException.class)
                .hasMessageContaining(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE).toString());
    }

    @Test
    void whenBase64IsBroken_thenLoadFailsNamingTheFile() throws Exception {
        AgentTlsFiles.create(dir);
        Files.writeString(dir.resolve(AgentTlsFiles.AGENT_KEY),
                "-----BEGIN PRIVATE KEY-----\n%%%%not base64%%%%\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMalformedException.class)
                .hasMessageContaining(dir.resolve(AgentTlsFiles.AGENT_KEY).toString());
    }

    @Test
    void whenKeyFileHoldsACertificate_thenLoadFailsSayingWhatItFound() throws Exception {
        AgentTlsFiles.create(dir);
        Files.copy(dir.resolve(AgentTlsFiles.ROOT), dir.resolve(AgentTlsFiles.AGENT_KEY),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMalformedException.class)
                .hasMessage("TLS file unusable: " + dir.resolve(AgentTlsFiles.AGENT_KEY)
                        + ": expected PRIVATE KEY, found CERTIFICATE");
    }

    @Test
    void whenCertificateFileHoldsAKey_thenLoadFailsSayingWhatItFound() throws Exception {
        AgentTlsFiles.create(dir);
        Files.copy(dir.resolve(AgentTlsFiles.AGENT_KEY), dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMalformedException.class)
                .hasMessageContaining("expected CERTIFICATE, found PRIVATE KEY");
    }

    @Test
    void whenFileHasNonAsciiCommentsAroundTheBlock_thenItStillLoads() throws Exception {
        AgentTlsFiles.create(dir);
        Path key = dir.resolve(AgentTlsFiles.AGENT_KEY);
        Files.writeString(key, "代理的私钥\n" + Files.readString(key) + "fin\u00e9\n", StandardCharsets.UTF_8);

        assertThat(AgentTlsFiles.loadServerKeyStore(dir).isKeyEntry("agent")).isTrue();
    }

    @Test
    void whenKeyIsTraditionalSec1Format_thenLoadFailsAskingForPkcs8() throws Exception {
        AgentTlsFiles.create(dir);
        Files.writeString(dir.resolve(AgentTlsFiles.AGENT_KEY),
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMalformedException.class)
                .hasMessageContaining("expected PRIVATE KEY, found EC PRIVATE KEY");
    }

    @Test
    void whenKeyAndCertificateComeFromDifferentRuns_thenLoadFailsNamingTheKeyFile(@TempDir Path other)
            throws Exception {
        AgentTlsFiles.create(dir);
        AgentTlsFiles.create(other);
        Files.copy(other.resolve(AgentTlsFiles.AGENT_KEY), dir.resolve(AgentTlsFiles.AGENT_KEY),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMalformedException.class)
                .hasMessage("TLS file unusable: " + dir.resolve(AgentTlsFiles.AGENT_KEY)
                        + ": the key does not belong to the certificate in agent-cert.pem");
    }

    @Test
    void whenChainRootIsFromAnotherRun_thenLoadFailsNamingTheCertificateFile(@TempDir Path other)
            throws Exception {
        AgentTlsFiles.create(dir);
        AgentTlsFiles.create(other);
        String leafOnly = PemText.certificates(java.util.List.of(TestPem.leaf(dir)));
        Files.writeString(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE),
                leafOnly + Files.readString(other.resolve(AgentTlsFiles.ROOT)));

        assertThatThrownBy(() -> AgentTlsFiles.loadServerKeyStore(dir))
                .isInstanceOf(TlsFileMalformedException.class)
                .hasMessage("TLS file unusable: " + dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE)
                        + ": certificate 1 is not signed by certificate 2");
    }
}
