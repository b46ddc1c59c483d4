package com.ukeybridge.site.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * The origin the pages are served from, {@code scheme://host[:port]} exactly as a browser sends
 * it in its {@code Origin} header (lowercase scheme and host, no default port, no path): what the
 * agent puts into a proof of possession (docs/protocol.md, v2 {@code proveKey}), and so what the
 * site rebuilds the proof's bytes from. Behind a proxy it is the public origin, which only the
 * configuration can know ({@code siteOrigin} in site.json).
 */
public record SiteOrigin(String value) {
    public SiteOrigin {
        value = canonical(value);
    }

    /** @throws ConfigException naming {@code siteOrigin} unless {@code text} is {@code http(s)://host[:port]} */
    public static SiteOrigin parse(String text) {
        return new SiteOrigin(text);
    }

    /** The origin of an http(s) address ({@code publicBaseUrl}): scheme, lower-case host, port unless the default. */
    public static SiteOrigin of(URI address) {
        String scheme = address.getScheme().toLowerCase(Locale.ROOT);
        int port = address.getPort();
        boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
        return new SiteOrigin(scheme + "://" + address.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    /**
     * Without {@code siteOrigin}, the origins a browser on this machine may show the pages under:
     * {@code localhost}, {@code 127.0.0.1} and {@code [::1]} on the served port. Only a proof made
     * by a page on this machine's loopback verifies then: the demo's and a developer's case.
     */
    public static List<SiteOrigin> loopback(boolean https, int port) {
        String scheme = https ? "https" : "http";
        String suffix = port == (https ? 443 : 80) ? "" : ":" + port;
        return List.of(new SiteOrigin(scheme + "://localhost" + suffix), new SiteOrigin(scheme + "://127.0.0.1" + suffix),
                new SiteOrigin(scheme + "://[::1]" + suffix));
    }

    /** SHA-256 of the origin's UTF-8 bytes: the {@code O} of the proof's message. */
    public byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return value;
    }

    private static String canonical(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException | NullPointerException e) {
            throw invalid(text);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
            throw invalid(text);
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String canonical = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort());
        // A browser's Origin header never carries a default port or capitals: accept only that spelling,
        // so that what the operator reads in site.json is byte for byte what the agent signs.
        if (!canonical.equals(text)) {
            throw invalid(text);
        }
        return canonical;
    }

    private static ConfigException invalid(String text) {
        return new ConfigException("'siteOrigin' must be the origin the pages are served from, scheme://host[:port]"
                + " as a browser sends it (e.g. https://update.example.gov.cn), without path or default port; got '" + text + "'");
    }
}
