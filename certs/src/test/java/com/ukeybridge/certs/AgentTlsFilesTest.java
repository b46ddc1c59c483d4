package com.ukeybridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTlsFilesTest {
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    @TempDir
    Path dir;

    @Test
    void whenCreated_thenRootPemHoldsOnlyTheRootCertificate() throws Exception {
        AgentTlsFiles.create(dir);

        List<String> types = pemBlocks(dir.resolve(AgentTlsFiles.ROOT)).stream().map(b -> b.type).toList();
        assertThat(types).containsExactly("CERTIFICATE");
        X509Certificate root = TestPem.root(dir);
        assertThat(root.getBasicConstraints()).isZero();
        root.verify(root.getPublicKey());
    }

    @Test
    void whenCreated_thenAgentCertPemHoldsTheLeafThenTheRoot() {
        AgentTlsFiles.create(dir);

        List<X509Certificate> chain = TestPem.certificates(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE));
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getBasicConstraints()).isEqualTo(-1);
        assertThat(chain.get(1)).isEqualTo(TestPem.root(dir));
        assertThatNoException().isThrownBy(() -> chain.get(0).verify(chain.get(1).getPublicKey()));
    }

    @Test
    void whenCreated_thenTheOnlyPrivateKeyInTheDirectoryIsTheAgentsOwn() throws Exception {
        AgentTlsFiles.create(dir);

        List<PemBlock> privateKeys = new ArrayList<>();
        int mentions = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                mentions += Files.readString(file, StandardCharsets.ISO_8859_1).split("PRIVATE KEY", -1).length - 1;
                pemBlocks(file).stream().filter(b -> b.type.contains("PRIVATE KEY")).forEach(privateKeys::add);
            }
        }

        assertThat(mentions).as("one BEGIN and one END line in the whole directory").isEqualTo(2);
        assertThat(privateKeys).hasSize(1);
        assertThat(privateKeys.get(0).type).isEqualTo("PRIVATE KEY");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(privateKeys.get(0).der));
        assertThat(signsFor(key, TestPem.leaf(dir))).isTrue();
        assertThat(signsFor(key, TestPem.root(dir))).isFalse();
    }

    @Test
    void whenCreated_thenNoTemporaryFilesRemain() throws Exception {
        AgentTlsFiles.create(dir);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    AgentTlsFiles.ROOT, AgentTlsFiles.AGENT_CERTIFICATE, AgentTlsFiles.AGENT_KEY);
        }
    }

    @Test
    void whenCreatedOnPosix_thenAgentFilesAreOwnerOnlyAndRootIsWorldReadable() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));

        AgentTlsFiles.create(dir);

        assertThat(mode(dir.resolve(AgentTlsFiles.AGENT_KEY))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve(AgentTlsFiles.ROOT))).isEqualTo("rw-r--r--");
    }

    @Test
    void whenDirectoryIsMissing_thenItIsCreatedOwnerOnlyWithItsParents() throws Exception {
        Path nested = dir.resolve("a/b/tls");

        AgentTlsFiles.create(nested);

        assertThat(nested.resolve(AgentTlsFiles.ROOT)).isRegularFile();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(mode(nested)).isEqualTo("rwx------");
        }
    }

    @Test
    void whenDirectoryPathIsAFile_thenCreateFailsNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> AgentTlsFiles.create(file))
                .isInstanceOf(TlsFilesNotWrittenException.class)
                .isInstanceOf(TlsFilesException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void whenCreatedTwice_thenAllFilesAreReplacedByANewRootAndLeaf() throws Exception {
        AgentTlsFiles.create(dir);
        X509Certificate firstRoot = TestPem.root(dir);
        X509Certificate firstLeaf = TestPem.leaf(dir);
        String firstKey = Files.readString(dir.resolve(AgentTlsFiles.AGENT_KEY));

        AgentTlsFiles.create(dir);

        X509Certificate secondRoot = TestPem.root(dir);
        assertThat(secondRoot).isNotEqualTo(firstRoot);
        assertThat(secondRoot.getSerialNumber()).isNotEqualTo(firstRoot.getSerialNumber());
        assertThat(secondRoot.getSubjectX500Principal()).isNotEqualTo(firstRoot.getSubjectX500Principal());
        assertThat(TestPem.leaf(dir).getSerialNumber()).isNotEqualTo(firstLeaf.getSerialNumber());
        assertThat(Files.readString(dir.resolve(AgentTlsFiles.AGENT_KEY))).isNotEqualTo(firstKey);
        assertThatNoException().isThrownBy(() -> TestPem.leaf(dir).verify(secondRoot.getPublicKey()));
    }

    @Test
    void whenRecreatedOverLooserOldFiles_thenAgentFilesAreOwnerOnlyAgain() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        AgentTlsFiles.create(dir);
        Files.setPosixFilePermissions(dir.resolve(AgentTlsFiles.AGENT_KEY), PosixFilePermissions.fromString("rw-rw-rw-"));

        AgentTlsFiles.create(dir);

        assertThat(mode(dir.resolve(AgentTlsFiles.AGENT_KEY))).isEqualTo("rw-------");
    }

    @Test
    void whenCreatedWithAClock_thenCertificatesAreDatedByItAndTheResultDescribesTheFiles() {
        Instant now = Instant.parse("2026-03-01T08:00:00Z");

        CreatedTlsFiles created = AgentTlsFiles.create(dir, Clock.fixed(now, ZoneOffset.UTC));

        X509Certificate leaf = TestPem.leaf(dir);
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofMinutes(5)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(now.minus(Duration.ofMinutes(5)).plus(Duration.ofDays(820)));
        assertThat(created.root()).isEqualTo(dir.resolve(AgentTlsFiles.ROOT));
        assertThat(created.agentCertificate()).isEqualTo(dir.resolve(AgentTlsFiles.AGENT_CERTIFICATE));
        assertThat(created.agentKey()).isEqualTo(dir.resolve(AgentTlsFiles.AGENT_KEY));
        assertThat(created.rootCertificate()).isEqualTo(TestPem.root(dir));
        assertThat(created.rootFingerprintSha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void whenCreated_thenTheLeafFromTheFilesValidatesUnderRootPem() {
        Instant now = Instant.now();
        AgentTlsFiles.create(dir, Clock.fixed(now, ZoneOffset.UTC));

        assertThatNoException().isThrownBy(() -> PkixPath.validate(TestPem.leaf(dir), TestPem.root(dir), now));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean signsFor(PrivateKey key, X509Certificate certificate) throws Exception {
        byte[] data = "probe".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(data);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        return verifier.verify(signer.sign());
    }

    private record PemBlock(String type, byte[] der) {
    }

    /** Every PEM block in a file, found by text search rather than by the code under test. */
    private static List<PemBlock> pemBlocks(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<PemBlock> blocks = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new PemBlock(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
        }
        // Every BEGIN line must belong to a block the pattern understood.
        assertThat(text.split("-----BEGIN ", -1)).hasSize(blocks.size() + 1);
        return blocks;
    }
}
