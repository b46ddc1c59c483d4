package com.ukeybridge.site.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.config.SiteConfigReader;
import com.ukeybridge.site.store.AuditEvent;
import com.ukeybridge.site.store.Database;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.TestKeys;
import com.ukeybridge.site.UpdateSite;
import com.ukeybridge.token.testing.TestCa;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar update-site.jar ra …}, run through its command line on an H2 file database. */
class RaCommandTest {
    private final TestCa oldCa = TestCa.create();

    @TempDir
    Path dir;

    private Path config;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void writeConfig() throws Exception {
        Files.writeString(dir.resolve("old-ca.pem"), SiteFixture.pem(oldCa.certificate()));
        config = dir.resolve("site.json");
        Files.writeString(config, "{\"dataDir\": \"data\", \"trustedIssuers\": [\"old-ca.pem\"]}");
    }

    private Run ra(String... args) {
        return ra(Map.of(), args);
    }

    private Run ra(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = UpdateSiteCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path pem(X509Certificate... certificates) throws Exception {
        Path file = Files.createTempFile(dir, "cert", ".pem");
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : certificates) {
            text.append(SiteFixture.pem(c));
        }
        Files.writeString(file, text);
        return file;
    }

    private X509Certificate oldCertificate(String subject) {
        return oldCa.issue(TestKeys.ec().getPublic(), subject, Instant.now().plus(Duration.ofDays(30)));
    }

    private List<AuditEvent> audit() {
        SiteConfig site = new SiteConfigReader(Map.of(), true).read(config);
        try (Database database = Database.open(site.database())) {
            return UpdateSite.registrationAuthority(site, database, Clock.systemUTC()).auditEvents();
        }
    }

    @Test
    void whenCertificatesOfTheOldCaAreImported_thenTheyAreListedAndAudited() throws Exception {
        X509Certificate a = oldCertificate("CN=张三,O=单位,C=CN");
        X509Certificate b = oldCertificate("CN=李四,O=单位,C=CN");

        Run imported = ra("ra", "import-cert", "--config", config.toString(), pem(a, b).toString());
        Run again = ra("ra", "import-cert", "--config", config.toString(), pem(a).toString());
        Run list = ra("ra", "list", "--config", config.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported", a.getSerialNumber().toString(16), "CN=张三,O=单位,C=CN", "CN=李四");
        assertThat(again.out()).contains("already known");
        assertThat(list.out()).contains(a.getSerialNumber().toString(16), b.getSerialNumber().toString(16), "IMPORTED");
        assertThat(audit()).extracting(AuditEvent::action).containsExactly("CERTIFICATE_IMPORTED", "CERTIFICATE_IMPORTED");
        assertThat(audit()).extracting(AuditEvent::actor).allMatch(actor -> actor.startsWith("ra "));
    }

    @Test
    void whenACertificateIsNotFromATrustedIssuer_thenNothingIsImported() throws Exception {
        X509Certificate trusted = oldCertificate("CN=张三");
        var strangerCa = new com.ukeybridge.site.ca.CertificateAuthority(com.ukeybridge.site.ca.Pkcs12CaKey.openOrCreate(
                dir.resolve("stranger.p12"), java.util.Optional.of("pw"), "CN=Stranger CA", Clock.systemUTC()));
        X509Certificate stranger = strangerCa.issue(new com.ukeybridge.site.ca.IssueOrder(new org.bouncycastle.asn1.x500.X500Name("CN=Mallory"),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(TestKeys.ec().getPublic().getEncoded()), Instant.now(), 30));

        Run refused = ra("ra", "import-cert", "--config", config.toString(), pem(trusted, stranger).toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("not among the trustedIssuers");
        assertThat(ra("ra", "list", "--config", config.toString()).out()).doesNotContain(trusted.getSerialNumber().toString(16));
    }

    @Test
    void whenTheSignatureIsForged_thenNothingIsImported() throws Exception {
        // Same issuer name, another key: a certificate the old CA never signed.
        TestCa impostor = TestCa.create();
        X509Certificate forged = impostor.issue(TestKeys.ec().getPublic(), "CN=Mallory", Instant.now().plusSeconds(86400));

        Run refused = ra("ra", "import-cert", "--config", config.toString(), pem(forged).toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("does not verify");
    }

    @Test
    void whenACodeIsIssuedAsJson_thenReferenceNumberAndCodeArePrintedAndOnlyItsHashIsKept() throws Exception {
        Run issued = ra("ra", "issue-code", "--config", config.toString(), "--subject", "CN=王五,OU=办公室,O=某单位,C=CN", "--json");

        assertThat(issued.exit()).as(issued.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(issued.out());
        assertThat(json.get("referenceNumber").asText()).matches("[0-9]{12}");
        assertThat(json.get("authorizationCode").asText()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
        assertThat(json.size()).isEqualTo(2);
        assertThat(ra("ra", "list", "--config", config.toString()).out()).contains(json.get("referenceNumber").asText(), "CN=王五")
                .doesNotContain(json.get("authorizationCode").asText());
        assertThat(audit()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("AUTHORIZATION_CREATED");
            assertThat(e.detail()).doesNotContain(json.get("authorizationCode").asText());
        });
    }

    @Test
    void whenACodeIsIssuedForHumans_thenBothAreLabelled() {
        Run issued = ra("ra", "issue-code", "--config", config.toString(), "--subject", "CN=王五");

        assertThat(issued.out()).contains("业务参考号", "授权码");
    }

    @Test
    void whenTheSubjectIsNotADistinguishedName_thenRefused() {
        Run refused = ra("ra", "issue-code", "--config", config.toString(), "--subject", "not a name");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error:");
    }

    @Test
    void whenACertificateIsRevoked_thenListedAsRevokedAndAudited() throws Exception {
        X509Certificate a = oldCertificate("CN=张三");
        ra("ra", "import-cert", "--config", config.toString(), pem(a).toString());

        Run revoked = ra("ra", "revoke", "--config", config.toString(), a.getSerialNumber().toString(16).toUpperCase());
        Run unknown = ra("ra", "revoke", "--config", config.toString(), "abcdef");

        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).contains("revoked");
        assertThat(ra("ra", "list", "--config", config.toString()).out()).contains("REVOKED");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(audit()).extracting(AuditEvent::action).containsExactly("CERTIFICATE_IMPORTED", "CERTIFICATE_REVOKED");
    }

    @Test
    void whenTheConfigurationHasAnUnknownKey_thenTheCommandStopsNamingIt() throws Exception {
        Files.writeString(config, "{\"databse\": \"x\"}");

        Run refused = ra("ra", "list", "--config", config.toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("'databse'");
    }

    @Test
    void whenUserNameIsSpoofed_thenTheAuditNamesTheOsAccountAndTheOperatorLabel() {
        String spoofed = System.getProperty("user.name");
        System.setProperty("user.name", "mallory");
        try {
            assertThat(ra(Map.of("SUDO_USER", "alice"), "ra", "issue-code", "--config", config.toString(), "--subject", "CN=张三",
                    "--operator", "王五 窗口2").exit()).isZero();
        } finally {
            System.setProperty("user.name", spoofed);
        }

        String actor = audit().get(0).actor();
        assertThat(actor).doesNotContain("mallory").contains("(uid " + new com.sun.security.auth.module.UnixSystem().getUid() + ")", "via sudo from alice", "(王五 窗口2)");
        assertThat(actor).startsWith("ra " + new com.sun.security.auth.module.UnixSystem().getUsername());
    }

    @Test
    void whenTheAuditLogIsIntactOrChanged_thenAuditVerifySaysSo() throws Exception {
        ra("ra", "issue-code", "--config", config.toString(), "--subject", "CN=甲");
        ra("ra", "issue-code", "--config", config.toString(), "--subject", "CN=乙");

        Run intact = ra("ra", "audit", "verify", "--config", config.toString());
        try (Database database = Database.open(new SiteConfigReader(Map.of(), true).read(config).database())) {
            database.transaction(c -> c.createStatement().executeUpdate("DROP TRIGGER audit_events_append_only"));
            database.transaction(c -> c.createStatement().executeUpdate("UPDATE audit_events SET detail = 'nothing' WHERE id = (SELECT MIN(id) FROM audit_events)"));
        }
        Run broken = ra("ra", "audit", "verify", "--config", config.toString());

        assertThat(intact.exit()).isZero();
        assertThat(intact.out()).contains("intact", "2 rows");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("audit log broken", "changed");
    }

    @Test
    void whenTheDataFolderIsOpenToOthers_thenRefusedNamingItAndItsFilesAreMadePrivateOtherwise() throws Exception {
        assertThat(ra("ra", "list", "--config", config.toString()).exit()).isZero();
        Path data = dir.resolve("data");
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(data)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty()
                    .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
        Files.setPosixFilePermissions(data.resolve("site.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ra("ra", "list", "--config", config.toString()).exit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("site.mv.db")))).isEqualTo("rw-------");

        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run refused = ra("ra", "list", "--config", config.toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(data.toAbsolutePath().toString(), "open to other users", "chmod 700");
    }
}
