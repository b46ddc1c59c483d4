package com.ukeybridge.site.api;

import com.ukeybridge.site.refusal.OriginRefusedException;
import com.ukeybridge.site.refusal.UnsupportedMediaTypeException;
import io.javalin.http.Context;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What a state-changing API request must be before its body is read: {@code application/json}
 * (a form or {@code text/plain} post, which any page may send cross-site without asking, is
 * refused with 415), and, when the browser names its {@code Origin}, this site's own origin
 * (the configured public base URL's, else the one the request was addressed to).
 */
final class RequestGuard {
    private final Optional<String> publicOrigin;

    RequestGuard(Optional<URI> publicBaseUrl) {
        this.publicOrigin = publicBaseUrl.map(RequestGuard::origin);
    }

    void check(Context ctx) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new UnsupportedMediaTypeException("application/json");
        }
        String origin = ctx.header("Origin");
        if ("cross-site".equals(ctx.header("Sec-Fetch-Site")) || (origin != null && !origin.equals(ownOrigin(ctx)))) {
            throw new OriginRefusedException();
        }
    }

    private String ownOrigin(Context ctx) {
        return publicOrigin.orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
