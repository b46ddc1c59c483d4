package com.ukeybridge.site.store;

import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.ca.Pkcs12CaKey;
import com.ukeybridge.site.config.DownloadSettings;
import com.ukeybridge.site.config.RenewalSettings;
import com.ukeybridge.site.config.SiteOrigin;
import com.ukeybridge.site.download.DownloadService;
import com.ukeybridge.site.download.NewAuthorization;
import com.ukeybridge.site.issuance.CertificateRequest;
import com.ukeybridge.site.issuance.IssuedCertificate;
import com.ukeybridge.site.issuance.Issuer;
import com.ukeybridge.site.ra.RegistrationAuthority;
import com.ukeybridge.site.ra.TrustedIssuers;
import com.ukeybridge.site.refusal.CodeInvalidException;
import com.ukeybridge.site.refusal.CodeLockedException;
import com.ukeybridge.site.refusal.Refusal;
import com.ukeybridge.site.renewal.RenewalOffer;
import com.ukeybridge.site.renewal.RenewalService;
import com.ukeybridge.site.testing.MutableClock;
import com.ukeybridge.site.testing.TestKeys;
import com.ukeybridge.token.testing.TestCa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.ukeybridge.site.testing.Race.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the records must guarantee, run on H2 and on PostgreSQL: the schema migrates, values
 * round-trip, the unique constraint settles issuing races, and row locks make tries count
 * one by one, also between two site instances sharing one database (two pools here).
 */
abstract class StorageContract {
    private static final Instant NOW = Instant.parse("2027-03-01T08:00:00Z");
    private static final SiteOrigin ORIGIN = SiteOrigin.parse("https://update.example.gov.cn");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final TestCa oldCa = TestCa.create();
    private String url;
    private Instance first;
    private Instance second;

    /** A fresh, empty database's JDBC URL. */
    abstract String freshDatabase();

    /** What someone owning the tables runs to get the append-only trigger out of the way. */
    abstract String dropAppendOnlyTrigger();

    /** Removes what {@link #freshDatabase()} made. */
    void dropDatabase(String url) {
    }

    /** One site instance: its own pool and services on the shared database and CA key. */
    private final class Instance implements AutoCloseable {
        final Database database = Database.open(url);
        final CertificateAuthority ca = new CertificateAuthority(Pkcs12CaKey.openOrCreate(dir.resolve("ca.p12"), Optional.of("pw"), "CN=CA", clock));
        final Issuer issuer = new Issuer(ca);
        final RenewalService renewals = new RenewalService(database, issuer, RenewalSettings.DEFAULTS, clock);
        final DownloadService downloads = new DownloadService(database, issuer, new DownloadSettings(1822, 14, 100), clock);
        final RegistrationAuthority ra = new RegistrationAuthority(database, downloads, new TrustedIssuers(List.of(oldCa.certificate())), clock);

        @Override
        public void close() {
            database.close();
        }
    }

    @BeforeEach
    void openTwoInstances() {
        url = freshDatabase();
        first = new Instance();
        second = new Instance();
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        dropDatabase(url);
    }

    @Test
    void whenOpenedAgain_thenTheMigrationIsNotRepeated() {
        try (Database again = Database.open(url)) {
            List<CertificateRecord> all = again.transaction(c -> new CertificateRecords(c).all());
            assertThat(all).isEmpty();
        }
    }

    @Test
    void whenACertificateIsImported_thenItRoundTrips() throws Exception {
        KeyPair keys = TestKeys.ec();
        X509Certificate old = oldCa.issue(keys.getPublic(), "CN=张三,O=山东省某事业单位,C=CN", NOW.minusSeconds(86400), NOW.plus(Duration.ofDays(30)));

        first.ra.importCertificates(List.of(old), "test");

        CertificateRecord record = second.ra.certificates().get(0);
        assertThat(record.subject()).isEqualTo("CN=张三,O=山东省某事业单位,C=CN");
        assertThat(record.subjectDer()).isEqualTo(old.getSubjectX500Principal().getEncoded());
        assertThat(record.notAfter()).isEqualTo(old.getNotAfter().toInstant());
        assertThat(record.der()).isEqualTo(old.getEncoded());
        assertThat(record.origin()).isEqualTo(CertificateRecord.Origin.IMPORTED);
        assertThat(record.createdAt()).isEqualTo(NOW);
        assertThat(first.ra.importCertificates(List.of(old), "test").get(0).imported()).isFalse();
        assertThat(second.ra.auditEvents()).extracting(AuditEvent::action).containsExactly("CERTIFICATE_IMPORTED");
    }

    @Test
    void whenTwoRowsClaimOneIssuedKey_thenTheUniqueConstraintRefusesTheSecond() {
        NewCertificate row = new NewCertificate("f1", "01", "CN=CA", "CN=a", new byte[]{0x30, 0}, NOW, NOW, "key", CertificateRecord.Origin.ISSUED,
                Optional.of(CertificateRecord.Flow.DOWNLOAD), Optional.of("1"), new byte[]{1});
        NewCertificate other = new NewCertificate("f2", "02", "CN=CA", "CN=b", new byte[]{0x30, 0}, NOW, NOW, "key", CertificateRecord.Origin.ISSUED,
                Optional.of(CertificateRecord.Flow.DOWNLOAD), Optional.of("2"), new byte[]{2});
        first.database.transaction(c -> new CertificateRecords(c).insert(row, NOW));

        assertThatThrownBy(() -> second.database.transaction(c -> new CertificateRecords(c).insert(other, NOW)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(first.ra.certificates()).hasSize(1);
    }

    @Test
    void whenTwoInstancesIssueForOneKeyAtOnce_thenOneCertificate() throws Exception {
        KeyPair oldKeys = TestKeys.ec();
        X509Certificate old = oldCa.issue(oldKeys.getPublic(), "CN=并发", NOW.minusSeconds(86400), NOW.plus(Duration.ofDays(30)));
        first.ra.importCertificates(List.of(old), "test");
        RenewalOffer offer = first.renewals.start(old.getEncoded(), "test");
        byte[] csr = TestKeys.csr(TestKeys.ec(), "CN=x");
        byte[] proof = TestKeys.proveKey(oldKeys.getPrivate(), ORIGIN.value(), offer.challenge().bytes(), csr);
        CertificateRequest request = CertificateRequest.parse(csr);

        List<IssuedCertificate> issued = race(8, i -> (i % 2 == 0 ? first : second).renewals.issue(offer.renewalId(), proof, request,
                List.of(ORIGIN), "test"));

        assertThat(issued).extracting(IssuedCertificate::serialNumber).containsOnly(issued.get(0).serialNumber());
        assertThat(first.ra.certificates()).filteredOn(c -> c.origin() == CertificateRecord.Origin.ISSUED).hasSize(1);
        assertThat(first.ra.auditEvents()).extracting(AuditEvent::action).containsOnlyOnce("CERTIFICATE_ISSUED");
    }

    @Test
    void whenTwoDownloadsRaceForOneKey_thenOneCertificate() throws Exception {
        NewAuthorization a = first.ra.issueCode("CN=李四", "test");
        CertificateRequest request = CertificateRequest.parse(TestKeys.csr(TestKeys.ec(), "CN=x"));

        List<IssuedCertificate> issued = race(6, i -> (i % 2 == 0 ? first : second).downloads.issue(a.referenceNumber(),
                a.authorizationCode(), request, "test"));

        assertThat(issued).extracting(IssuedCertificate::serialNumber).containsOnly(issued.get(0).serialNumber());
        assertThat(first.ra.certificates()).hasSize(1);
    }

    @Test
    void whenTriesOnAnUnknownReferenceArriveAtOnceOnTwoInstances_thenEachIsCountedAsForARealOne() throws Exception {
        List<Refusal> refusals = race(8, i -> {
            try {
                (i % 2 == 0 ? first : second).downloads.check("123456789012", "WRONG-CODE-" + i, "test");
                return null;
            } catch (CodeInvalidException | CodeLockedException e) {
                return e;
            }
        });

        assertThat(refusals).extracting(r -> ((CodeInvalidException) r).attemptsLeft())
                .containsExactlyInAnyOrder(99, 98, 97, 96, 95, 94, 93, 92);
    }

    @Test
    void whenWrongCodesArriveAtOnceOnTwoInstances_thenEveryTryIsCounted() throws Exception {
        NewAuthorization a = first.ra.issueCode("CN=李四", "test");

        List<Refusal> refusals = race(12, i -> {
            try {
                (i % 2 == 0 ? first : second).downloads.check(a.referenceNumber(), "WRONG-CODE-" + i, "test");
                return null;
            } catch (CodeInvalidException | CodeLockedException e) {
                return e;
            }
        });

        assertThat(refusals).hasSize(12).allMatch(r -> r instanceof CodeInvalidException);
        assertThat(first.ra.authorizations().get(0).failedAttempts()).isEqualTo(12);
        assertThat(refusals).extracting(r -> ((CodeInvalidException) r).attemptsLeft())
                .containsExactlyInAnyOrder(99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88);
    }

    @Test
    void whenStartsForOneCertificateRaceOnTwoInstances_thenOneRenewal() throws Exception {
        KeyPair oldKeys = TestKeys.ec();
        X509Certificate old = oldCa.issue(oldKeys.getPublic(), "CN=同时", NOW.minusSeconds(86400), NOW.plus(Duration.ofDays(30)));
        first.ra.importCertificates(List.of(old), "test");

        List<RenewalOffer> offers = race(8, i -> (i % 2 == 0 ? first : second).renewals.start(old.getEncoded(), "test"));

        assertThat(offers).extracting(RenewalOffer::renewalId).containsOnly(offers.get(0).renewalId());
        assertThat(count(first, "SELECT COUNT(*) FROM renewals")).isEqualTo(1);
    }

    @Test
    void whenTwoRenewalRowsClaimOneCertificate_thenTheUniqueConstraintRefusesTheSecond() throws Exception {
        X509Certificate old = oldCa.issue(TestKeys.ec().getPublic(), "CN=两次", NOW.minusSeconds(86400), NOW.plus(Duration.ofDays(30)));
        first.ra.importCertificates(List.of(old), "test");
        long id = first.ra.certificates().get(0).id();
        first.database.transaction(c -> {
            new RenewalRecords(c).insert("r-one", id, new byte[32], NOW, NOW);
            return null;
        });

        assertThatThrownBy(() -> second.database.transaction(c -> {
            new RenewalRecords(c).insert("r-two", id, new byte[32], NOW, NOW);
            return null;
        })).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void whenARenewalIsNeverConfirmed_thenTheOldCertificateIsSupersededAfterTheGrace() throws Exception {
        KeyPair oldKeys = TestKeys.ec();
        X509Certificate old = oldCa.issue(oldKeys.getPublic(), "CN=宽限", NOW.minusSeconds(86400), NOW.plus(Duration.ofDays(30)));
        first.ra.importCertificates(List.of(old), "test");
        RenewalOffer offer = first.renewals.start(old.getEncoded(), "test");
        byte[] csr = TestKeys.csr(TestKeys.ec(), "CN=x");
        first.renewals.issue(offer.renewalId(), TestKeys.proveKey(oldKeys.getPrivate(), ORIGIN.value(), offer.challenge().bytes(), csr),
                CertificateRequest.parse(csr), List.of(ORIGIN), "test");
        clock.advance(RenewalSettings.DEFAULT_SUPERSEDE_GRACE);
        assertThat(second.renewals.supersedeOverdue()).isZero();

        clock.advance(Duration.ofSeconds(1));

        assertThat(second.renewals.supersedeOverdue()).isEqualTo(1);
        assertThat(first.renewals.supersedeOverdue()).isZero();
        CertificateRecord record = first.ra.certificates().get(0);
        assertThat(record.revocationReason()).contains(RevocationReason.SUPERSEDED);
        assertThat(first.renewals.start(old.getEncoded(), "test").pending()).isPresent();
    }

    @Test
    void whenEventsAreAppendedFromTwoInstancesAtOnce_thenOneIntactChain() throws Exception {
        race(8, i -> (i % 2 == 0 ? first : second).ra.issueCode("CN=链" + i, "test"));

        AuditLog.Verification verification = second.ra.verifyAudit();

        assertThat(verification.intact()).as(verification.broken().orElse("")).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(8);
    }

    @Test
    void whenRowsFromBeforeTheChainAreFound_thenTheyAreChainedInOrderOnOpen() {
        execute(first, "INSERT INTO audit_events (at, actor, action, target, detail) VALUES (TIMESTAMP WITH TIME ZONE '2026-01-02 03:04:05+00', 'ra old', 'CERTIFICATE_IMPORTED', '01', NULL)");
        execute(first, "INSERT INTO audit_events (at, actor, action, target, detail) VALUES (TIMESTAMP WITH TIME ZONE '2026-01-03 03:04:05+00', 'ra old', 'CERTIFICATE_REVOKED', '01', 'x')");

        try (Database again = Database.open(url)) {
            again.transaction(c -> null);
        }
        first.ra.issueCode("CN=新", "test");

        AuditLog.Verification verification = second.ra.verifyAudit();
        assertThat(verification.intact()).as(verification.broken().orElse("")).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(3);
    }

    @Test
    void whenAnAuditRowIsChangedOrRemoved_thenTheDatabaseRefuses() {
        first.ra.issueCode("CN=甲", "test");

        assertThatThrownBy(() -> execute(first, "UPDATE audit_events SET actor = 'someone else'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute(second, "DELETE FROM audit_events")).hasMessageContaining("append-only");
        assertThat(first.ra.auditEvents()).extracting(AuditEvent::actor).containsExactly("test");
    }

    @Test
    void whenAnAuditRowIsChanged_thenVerifyNamesIt() throws Exception {
        first.ra.issueCode("CN=甲", "test");
        first.ra.issueCode("CN=乙", "test");
        first.ra.issueCode("CN=丙", "test");
        long second_ = execute(first, "SELECT MIN(id) + 1 FROM audit_events");
        execute(first, dropAppendOnlyTrigger());

        execute(first, "UPDATE audit_events SET actor = 'someone else' WHERE id = " + second_);

        assertThat(first.ra.verifyAudit().broken()).hasValueSatisfying(why -> assertThat(why).contains("row " + second_, "changed"));
    }

    @Test
    void whenTheLastAuditRowIsRemoved_thenVerifyNoticesTheEnd() throws Exception {
        first.ra.issueCode("CN=甲", "test");
        first.ra.issueCode("CN=乙", "test");
        execute(first, dropAppendOnlyTrigger());

        execute(first, "DELETE FROM audit_events WHERE id = (SELECT MAX(id) FROM audit_events)");

        assertThat(first.ra.verifyAudit().broken()).hasValueSatisfying(why -> assertThat(why).contains("end"));
    }

    private static long count(Instance instance, String sql) {
        return execute(instance, sql);
    }

    /** Runs one statement as someone with the database's password could: a query's first number, or an update's count. */
    private static long execute(Instance instance, String sql) {
        return instance.database.transaction(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                if (s.execute(sql)) {
                    try (java.sql.ResultSet r = s.getResultSet()) {
                        r.next();
                        return r.getLong(1);
                    }
                }
                return (long) s.getUpdateCount();
            }
        });
    }

}
