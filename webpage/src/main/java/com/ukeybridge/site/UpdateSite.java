package com.ukeybridge.site;

import com.ukeybridge.site.api.SiteServer;
import com.ukeybridge.site.ca.CaKey;
import com.ukeybridge.site.ca.CaKeys;
import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.ca.RevocationUrls;
import com.ukeybridge.site.revocation.CrlPublisher;
import com.ukeybridge.site.revocation.OcspResponder;
import com.ukeybridge.site.store.DataDirectory;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.download.DownloadService;
import com.ukeybridge.site.issuance.Issuer;
import com.ukeybridge.site.ra.RegistrationAuthority;
import com.ukeybridge.site.ra.TrustedIssuers;
import com.ukeybridge.site.renewal.RenewalService;
import com.ukeybridge.site.store.Database;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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
    private final CrlPublisher crl;

    private UpdateSite(SiteConfig config, Database database, CaKey caKey, CertificateAuthority ca, RegistrationAuthority ra,
                       SiteServer server, CrlPublisher crl) {
        this.crl = crl;
        this.config = config;
        this.database = database;
        this.caKey = caKey;
        this.ca = ca;
        this.ra = ra;
        this.server = server;
    }

    /**
     * Opens (or makes) the records and the CA key and starts serving.
     *
     * @throws DataDirectory.DataDirectoryException when {@code dataDir} is open to other users
     */
    public static UpdateSite start(SiteConfig config, Clock clock) {
        Database database = openRecords(config);
        CaKey caKey = null;
        try {
            caKey = CaKeys.open(config.caKey(), config.caSubject(), clock);
            // Issued certificates name the public base URL; without one, the address the server got (port 0: a free one).
            AtomicReference<SiteServer> serving = new AtomicReference<>();
            CertificateAuthority ca = new CertificateAuthority(caKey, () -> Optional.ofNullable(serving.get())
                    .map(s -> RevocationUrls.under(config.publicBaseUrl().orElseGet(() -> baseUri(config, s.port())))));
            Issuer issuer = new Issuer(ca);
            RenewalService renewals = new RenewalService(database, issuer, config.renewal(), clock);
            DownloadService downloads = new DownloadService(database, issuer, config.download(), clock);
            RegistrationAuthority ra = new RegistrationAuthority(database, downloads,
                    TrustedIssuers.fromFiles(config.trustedIssuers()), clock);
            CrlPublisher crl = new CrlPublisher(database, ca, renewals, clock);
            OcspResponder ocsp = new OcspResponder(database, ca, renewals, crl, clock);
            SiteServer server = new SiteServer(config, new SiteServer.Services(database, ca, renewals, downloads, crl, ocsp), clock);
            server.start();
            serving.set(server);
            return new UpdateSite(config, database, caKey, ca, ra, server, crl);
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
        // The RA never signs: no CA key, so no issuer.
        DownloadService downloads = new DownloadService(database, null, config.download(), clock);
        return new RegistrationAuthority(database, downloads, TrustedIssuers.fromFiles(config.trustedIssuers()), clock);
    }

    public int port() {
        return server.port();
    }

    /**
     * The records of {@code config}, after checking its data folder (made 0700 if missing, refused
     * if open to others, files made 0600 once H2 has made them): what {@code serve} and {@code ra} open.
     */
    public static Database openRecords(SiteConfig config) {
        DataDirectory.secure(config.dataDir());
        Database database = Database.open(config.database());
        DataDirectory.secure(config.dataDir());
        return database;
    }

    /** {@code http://localhost:PORT/basePath} (https with {@code tls}). */
    public URI baseUri() {
        return baseUri(config, port());
    }

    private static URI baseUri(SiteConfig config, int port) {
        String base = config.basePath().endsWith("/") ? config.basePath() : config.basePath() + "/";
        return URI.create((config.tls().isPresent() ? "https" : "http") + "://localhost:" + port + base);
    }

    /** The current CRL (what {@code GET crl} answers). */
    public CrlPublisher crl() {
        return crl;
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
