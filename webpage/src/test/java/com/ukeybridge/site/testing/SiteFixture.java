package com.ukeybridge.site.testing;

import com.ukeybridge.site.UpdateSite;
import com.ukeybridge.site.config.RateLimitSettings;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.token.testing.TestCa;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A running site for API tests: a real server on a free port, records in a fresh database, a
 * controlled clock, and an "old CA" whose certificates are imported as the RA would.
 */
public final class SiteFixture implements AutoCloseable {
    public static final Instant START = Instant.parse("2027-03-01T08:00:00Z");
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    public final MutableClock clock;
    public final TestCa oldCa = TestCa.create();
    public final Path dir;
    public final UpdateSite site;
    public final ApiClient api;

    /** An old certificate on a "UKey": its key pair and the certificate. */
    public record OldCertificate(KeyPair keys, X509Certificate certificate) {
        public String der() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public SiteFixture(String database) {
        this(database, UnaryOperator.identity());
    }

    public SiteFixture(String database, UnaryOperator<SiteConfig> configure) {
        this(database, START, configure);
    }

    /** @param start the clock's first instant (the CA certificate starts there too) */
    public SiteFixture(String database, Instant start, UnaryOperator<SiteConfig> configure) {
        clock = new MutableClock(start);
        try {
            dir = Files.createTempDirectory("site-");
            Path oldCaFile = dir.resolve("old-ca.pem");
            Files.writeString(oldCaFile, pem(oldCa.certificate()));
            // Rate limits out of the way; RateLimitApiTest sets its own.
            SiteConfig config = configure.apply(SiteConfig.defaults(dir).withPort(0).withDatabase(database)
                    .withTrustedIssuers(List.of(oldCaFile)).withRateLimits(RateLimitSettings.uniform(1_000_000, 1_000_000)));
            site = UpdateSite.start(config, clock);
            api = new ApiClient(site.baseUri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate of the old CA for a fresh person, with this notAfter, imported (renewable if in its window). */
    public OldCertificate importedCertificate(Instant notAfter) {
        OldCertificate old = oldCertificate(notAfter);
        site.ra().importCertificates(List.of(old.certificate()), "test");
        return old;
    }

    /** As {@link #importedCertificate} but not imported: unknown to the site. */
    public OldCertificate oldCertificate(Instant notAfter) {
        KeyPair keys = TestKeys.ec();
        String subject = "CN=张三" + PEOPLE.incrementAndGet() + ",OU=信息科,O=山东省某事业单位,C=CN";
        return new OldCertificate(keys, oldCa.issue(keys.getPublic(), subject, notAfter.minus(Duration.ofDays(1820)), notAfter));
    }

    public static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] unb64(String text) {
        return Base64.getDecoder().decode(text);
    }

    public ApiClient.Answer startRenewal(OldCertificate old) {
        return api.post("api/renewals", Map.of("certificate", old.der()));
    }

    /** The origin a browser shows for this site's pages (what an agent binds a proof to): http://localhost:PORT. */
    public String origin() {
        URI base = site.baseUri();
        return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    }

    /** Proves the old key for this site's origin, bound to a request for {@code newKeys}, and sends both. */
    public ApiClient.Answer issueRenewal(ApiClient.Answer offer, OldCertificate old, KeyPair newKeys) {
        return issueRenewal(offer, old, newKeys, origin());
    }

    /** The same with a proof made for {@code proofOrigin}, as an agent shows it pages of that origin. */
    public ApiClient.Answer issueRenewal(ApiClient.Answer offer, OldCertificate old, KeyPair newKeys, String proofOrigin) {
        byte[] csr = TestKeys.csr(newKeys, "CN=ignored by the site");
        byte[] proof = TestKeys.proveKey(old.keys().getPrivate(), proofOrigin, unb64(offer.body().get("challenge").asText()), csr);
        return api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/certificate",
                Map.of("proof", b64(proof), "csr", b64(csr)));
    }

    /** A count from the records, e.g. {@code "SELECT COUNT(*) FROM certificates"}. */
    public long count(String sql) {
        return site.database().transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    public static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @Override
    public void close() {
        site.close();
    }
}
