package com.ukeybridge.site;

import com.ukeybridge.site.api.SiteServer;
import com.ukeybridge.site.ca.CaKey;
import com.ukeybridge.site.ca.CaKeys;
import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.download.DownloadService;
import com.ukeybridge.site.issuance.Issuer;
import com.ukeybridge.site.ra.RegistrationAuthority;
import com.ukeybridge.site.ra.TrustedIssuers;
import com.ukeybridge.site.renewal.RenewalService;
import com.ukeybridge.site.store.Database;

import java.net.URI;
import java.time.Clock;

/**
 * The whole update site in one object: records, CA, services and HTTP server, started from a
 * {@link SiteConfig}. What {@code serve} runs, and what tests, the demo and benchmarks start
 * in-process:
 * <pre>{@code
 * try (UpdateSite site = UpdateSite.start(SiteConfig.defaults(dir).withPort(0), Clock.systemUTC())) {
 *     site.ra().importCertificates(List.of(oldCertificate), "test");   // seed
 *     URI base = site.baseUri();                                       // http://localhost:PORT/
 * }
 * }</pre>
 */
public final class UpdateSite implements AutoCloseable {
    private final SiteConfig config;
    private final Database database;
    private final CaKey caKey;
    private final CertificateAuthority ca;
    private final RegistrationAuthority ra;
    private final SiteServer server;

    private UpdateSite(SiteConfig config, Database database, CaKey caKey, CertificateAuthority ca, RegistrationAuthority ra,
                       SiteServer server) {
        this.config = config;
        this.database = database;
        this.caKey = caKey;
        this.ca = ca;
        this.ra = ra;
        this.server = server;
    }

    /** Opens (or makes) the records and the CA key and starts serving. */
    public static UpdateSite start(SiteConfig config, Clock clock) {
        Database database = Database.open(config.database());
        CaKey caKey = null;
        try {
            caKey = CaKeys.open(config.caKey(), config.caSubject(), clock);
            CertificateAuthority ca = new CertificateAuthority(caKey);
            Issuer issuer = new Issuer(ca);
            RenewalService renewals = new RenewalService(database, issuer, config.renewal(), clock);
            DownloadService downloads = new DownloadService(database, issuer, config.download(), clock);
            RegistrationAuthority ra = new RegistrationAuthority(database, downloads,
                    TrustedIssuers.fromFiles(config.trustedIssuers()), clock);
            SiteServer server = new SiteServer(config, renewals, downloads);
            server.start();
            return new UpdateSite(config, database, caKey, ca, ra, server);
        } catch (RuntimeException e) {
            if (caKey != null) {
                caKey.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * The RA operations on this site's records, without a server: what {@code ra …} uses. The CA
     * key is not opened (the RA never signs).
     */
    public static RegistrationAuthority registrationAuthority(SiteConfig config, Database database, Clock clock) {
        DownloadService downloads = new DownloadService(database, null, config.download(), clock);
        return new RegistrationAuthority(database, downloads, TrustedIssuers.fromFiles(config.trustedIssuers()), clock);
    }

    public int port() {
        return server.port();
    }

    /** {@code http://localhost:PORT/basePath} (https with {@code tls}). */
    public URI baseUri() {
        String base = config.basePath().endsWith("/") ? config.basePath() : config.basePath() + "/";
        return URI.create((config.tls().isPresent() ? "https" : "http") + "://localhost:" + port() + base);
    }

    /** Seeding and RA operations: import certificates, make download authorizations, list, revoke. */
    public RegistrationAuthority ra() {
        return ra;
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public Database database() {
        return database;
    }

    public SiteConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                caKey.close();
            } finally {
                database.close();
            }
        }
    }
}
