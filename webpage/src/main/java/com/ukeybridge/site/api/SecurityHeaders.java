package com.ukeybridge.site.api;

import com.ukeybridge.site.config.SiteConfig;
import io.javalin.http.Context;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The headers on every answer (pages, API, CRL): a strict Content-Security-Policy (scripts and
 * styles only from the site's own files, never inline; connections to the site and the local
 * agent only; never framed), nosniff, no referrer, no powerful features, and HSTS over TLS.
 */
final class SecurityHeaders {
    private final String contentSecurityPolicy;
    private final boolean tls;

    SecurityHeaders(SiteConfig config) {
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self' " + String.join(" ", agentSources(config.agentUrls())) + "; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
        this.tls = config.tls().isPresent();
    }

    void apply(Context ctx) {
        ctx.header("Content-Security-Policy", contentSecurityPolicy);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=()");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        if (tls) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** Each agent address the pages try, and the same port on the other loopback name the agent answers on. */
    private static Set<String> agentSources(List<URI> agentUrls) {
        Set<String> sources = new LinkedHashSet<>();
        for (URI agentUrl : agentUrls) {
            String port = agentUrl.getPort() == -1 ? "" : ":" + agentUrl.getPort();
            sources.add(agentUrl.getScheme() + "://" + agentUrl.getHost() + port);
            sources.add("wss://127.0.0.1" + port);
            sources.add("wss://localhost" + port);
        }
        return sources;
    }
}
