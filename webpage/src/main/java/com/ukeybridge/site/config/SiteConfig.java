package com.ukeybridge.site.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The site's configuration (design.md, "serve --config FILE"), validated. Tests build one with
 * {@link #defaults(Path)} and the {@code with…} methods; {@code port} 0 picks a free port.
 *
 * @param port           HTTP(S) port (default 8080)
 * @param basePath       where the site lives below the host (default {@code /})
 * @param database       JDBC URL (default an H2 file {@code dataDir/site})
 * @param dataDir        the site's own files: H2 database, PKCS#12 CA keystore
 * @param agentUrl       where pages find the agent; without it they try {@link #DEFAULT_AGENT_URLS} in order
 * @param caKey          where the issuing CA key lives
 * @param caSubject      the CA's name when the site makes its key on first start
 * @param trustedIssuers PEM files of the old CA whose certificates {@code ra import-cert} admits
 * @param tls            HTTPS instead of plain HTTP when present
 * @param installerUrl   where pages send users who lack the agent
 * @param siteOrigin     the origin the pages are served from (behind a proxy the public one), which
 *                       proofs of possession are bound to; default the origin of {@code publicBaseUrl}, else only
 *                       loopback origins on the served port
 * @param publicBaseUrl  the site's public address, ending in {@code /} ({@code https://update.example.gov.cn/CaUpdate/}):
 *                       issued certificates name {@code crl}, {@code ca.crt} and {@code ocsp} below it, and
 *                       its origin is the one state-changing API requests may come from; default the server's own address
 * @param rateLimits     requests per minute per client and in all, and the proxies whose {@code X-Forwarded-For} counts
 * @param gm             the SM2 CA and the KMC for GM keys (issue 11); empty: SM2 keys are refused as unsupported
 */
public record SiteConfig(
        int port,
        String basePath,
        String database,
        Path dataDir,
        Optional<URI> agentUrl,
        CaKeySource caKey,
        String caSubject,
        List<Path> trustedIssuers,
        RenewalSettings renewal,
        DownloadSettings download,
        Optional<TlsSettings> tls,
        Optional<URI> installerUrl,
        Optional<SiteOrigin> siteOrigin,
        Optional<URI> publicBaseUrl,
        RateLimitSettings rateLimits,
        Optional<GmSettings> gm) {

    public static final int DEFAULT_PORT = 8080;
    /** Protocol v2 on the ports an agent takes, the first free one for each user of the machine. */
    public static final List<URI> DEFAULT_AGENT_URLS = List.of(URI.create("wss://127.0.0.1:28443/v2"),
            URI.create("wss://127.0.0.1:28444/v2"), URI.create("wss://127.0.0.1:28445/v2"), URI.create("wss://127.0.0.1:28446/v2"));
    public static final String DEFAULT_CA_SUBJECT = "CN=UKey Bridge Update Site CA";

    public SiteConfig {
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(agentUrl, "agentUrl");
        Objects.requireNonNull(caKey, "caKey");
        Objects.requireNonNull(caSubject, "caSubject");
        trustedIssuers = List.copyOf(trustedIssuers);
        Objects.requireNonNull(renewal, "renewal");
        Objects.requireNonNull(download, "download");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(installerUrl, "installerUrl");
        Objects.requireNonNull(siteOrigin, "siteOrigin");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(gm, "gm");
    }

    /**
     * Every default, with the site's files in {@code dataDir}: H2 database, PKCS#12 CA key with a
     * password generated beside it (the development mode: tests and the demo; {@code serve} refuses it without {@code --dev}).
     */
    public static SiteConfig defaults(Path dataDir) {
        return new SiteConfig(DEFAULT_PORT, "/", defaultDatabase(dataDir), dataDir, Optional.empty(),
                CaKeySource.Pkcs12.inDataDir(dataDir), DEFAULT_CA_SUBJECT, List.of(),
                RenewalSettings.DEFAULTS, DownloadSettings.DEFAULTS, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), RateLimitSettings.DEFAULTS, Optional.of(GmSettings.inDataDir(dataDir)));
    }

    /**
     * An H2 file database under {@code dataDir}, embedded: no network port (never AUTO_SERVER);
     * waits up to 10 s for a row lock held by a concurrent request. One process opens it at a
     * time: {@code ra …} while {@code serve} runs is refused with what to do (docs/site-api.md, "RA while serving").
     */
    public static String defaultDatabase(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("site") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    public SiteConfig withPort(int value) {
        return new SiteConfig(value, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, tls, installerUrl, siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    public SiteConfig withBasePath(String value) {
        return new SiteConfig(port, value, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, tls, installerUrl, siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    public SiteConfig withDatabase(String value) {
        return new SiteConfig(port, basePath, value, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, tls, installerUrl, siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    public SiteConfig withCaKey(CaKeySource value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, value, caSubject, trustedIssuers, renewal, download, tls, installerUrl, siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    public SiteConfig withTrustedIssuers(List<Path> value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, value, renewal, download, tls, installerUrl, siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    public SiteConfig withRenewal(RenewalSettings value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, value, download, tls, installerUrl, siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    public SiteConfig withDownload(DownloadSettings value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, value, tls, installerUrl, siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    public SiteConfig withTls(TlsSettings value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, Optional.of(value), installerUrl, siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    public SiteConfig withInstallerUrl(URI value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, tls, Optional.of(value), siteOrigin, publicBaseUrl, rateLimits, gm);
    }

    /** Where the pages look for the agent, in order. */
    public List<URI> agentUrls() {
        return agentUrl.map(List::of).orElse(DEFAULT_AGENT_URLS);
    }

    public SiteConfig withSiteOrigin(SiteOrigin value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, tls, installerUrl, Optional.of(value), publicBaseUrl, rateLimits, gm);
    }

    /**
     * The origins a proof of possession may be bound to: {@code siteOrigin}, else the origin of
     * {@code publicBaseUrl}, else the loopback origins on {@code servedPort} (the demo, a developer's machine).
     */
    public List<SiteOrigin> proofOrigins(int servedPort) {
        return siteOrigin.or(() -> publicBaseUrl.map(SiteOrigin::of))
                .map(List::of).orElseGet(() -> SiteOrigin.loopback(tls.isPresent(), servedPort));
    }

    public SiteConfig withPublicBaseUrl(URI value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, tls, installerUrl, siteOrigin, Optional.of(value), rateLimits, gm);
    }

    public SiteConfig withGm(Optional<GmSettings> value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, tls, installerUrl, siteOrigin, publicBaseUrl, rateLimits, value);
    }

    public SiteConfig withRateLimits(RateLimitSettings value) {
        return new SiteConfig(port, basePath, database, dataDir, agentUrl, caKey, caSubject, trustedIssuers, renewal, download, tls, installerUrl, siteOrigin, publicBaseUrl, value, gm);
    }
}
