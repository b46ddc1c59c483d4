package com.ukeybridge.site.api;

import com.ukeybridge.site.ca.CertificateAuthority;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.refusal.BodyTooLargeException;
import com.ukeybridge.site.refusal.RateLimitedException;
import com.ukeybridge.site.revocation.CrlPublisher;
import com.ukeybridge.site.revocation.OcspResponder;
import com.ukeybridge.site.store.Database;
import com.ukeybridge.site.config.TlsSettings;
import com.ukeybridge.site.download.DownloadService;
import com.ukeybridge.site.refusal.Refusal;
import com.ukeybridge.site.renewal.RenewalService;
import com.ukeybridge.site.refusal.BadRequestException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;

/**
 * The site's HTTP server: the pages from the classpath folder {@code public/}, and the API,
 * below {@code basePath}; plain HTTP unless {@code tls} is configured. Refusals become their
 * JSON answer; anything else is a 500 {@code INTERNAL_ERROR}, logged with its stack trace.
 */
public final class SiteServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteServer.class);
    static final String PAGES = "/public";
    private static final String ANSWERED = "ukey.refusal";

    private final SiteConfig config;
    private final ApiRoutes routes;
    private final RevocationRoutes revocation;
    private final SecurityHeaders headers;
    private final ClientAddress clients;
    private final RefusalAudit refusals;
    private Javalin app;

    public SiteServer(SiteConfig config, Services services, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clients = new ClientAddress(config.rateLimits().trustedProxies());
        this.routes = new ApiRoutes(config, services.renewals(), services.downloads(), new RateLimits(config.rateLimits(), clock), clients);
        this.revocation = new RevocationRoutes(services.crl(), services.ocsp(), services.ca());
        this.headers = new SecurityHeaders(config);
        this.refusals = new RefusalAudit(services.database(), clock);
    }

    /** What the server serves. */
    public record Services(Database database, CertificateAuthority ca, RenewalService renewals, DownloadService downloads,
                           CrlPublisher crl, OcspResponder ocsp) {
    }

    public synchronized void start() {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        boolean pages = SiteServer.class.getResource(PAGES) != null;
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.router.contextPath = config.basePath();
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.maxRequestSize = JsonBody.MAX_BYTES;
            if (pages) {
                cfg.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = PAGES;
                    files.location = Location.CLASSPATH;
                });
            }
            config.tls().ifPresentOrElse(
                    tls -> cfg.jetty.addConnector((server, http) -> httpsConnector(server, http, tls)),
                    () -> cfg.jetty.port = config.port());
            cfg.routes.before(headers::apply);
            routes.register(cfg.routes);
            revocation.register(cfg.routes);
            cfg.routes.exception(Refusal.class, (refusal, ctx) -> {
                LOG.info("{} {} refused: {}", ctx.method(), ctx.path(), refusal.reason());
                ctx.attribute(ANSWERED, true);
                if (refusal instanceof RateLimitedException limited) {
                    ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
                }
                refusals.record(refusal, routes.actor(ctx), ctx.method().name(), ctx.path());
                ctx.status(refusal.status()).contentType("application/json;charset=utf-8")
                        .result(ApiJson.refusal(refusal).toString());
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                // Javalin's own refusals (a body over maxRequestSize, a wrong method): our JSON shape, never a 500.
                Refusal refusal = e.getStatus() == 413 ? new BodyTooLargeException(JsonBody.MAX_BYTES) : new BadRequestException("body", e.getMessage());
                ctx.status(refusal instanceof BodyTooLargeException ? 413 : e.getStatus()).contentType("application/json;charset=utf-8")
                        .result(ApiJson.refusal(refusal).toString());
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("application/json;charset=utf-8").result(ApiJson.internalError().toString());
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.path().contains("/api/") && ctx.attribute(ANSWERED) == null) {
                    ctx.contentType("application/json;charset=utf-8").result(ApiJson.notFound().toString());
                }
            });
        }).start();
        if (config.siteOrigin().isEmpty()) {
            LOG.warn("No 'siteOrigin' configured: proofs of possession verify only for pages opened at {}; behind a proxy"
                    + " or under a public name, set siteOrigin to the origin browsers show", config.proofOrigins(port()));
        }
        if (!pages) {
            LOG.warn("No pages on the classpath ({}): serving the API only", PAGES);
        }
        LOG.info("Update site on {}://localhost:{}{}", config.tls().isPresent() ? "https" : "http", port(), config.basePath());
    }

    /** The port actually bound (the free one picked for port 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.port();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private ServerConnector httpsConnector(org.eclipse.jetty.server.Server server, HttpConfiguration base, TlsSettings tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(tls.password());
        HttpConfiguration https = new HttpConfiguration(base);
        https.setSendServerVersion(false);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        connector.setPort(config.port());
        return connector;
    }
}
