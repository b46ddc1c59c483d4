package com.ukeybridge.agent.config;

import java.util.regex.Pattern;

/**
 * An allowed origin is compared with the page's {@code Origin} byte for byte, so it must be
 * written exactly as browsers send it: lowercase {@code scheme://host[:port]}, no path, no
 * trailing slash, no default port. Plain {@code http://} is for a page on this machine only
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}): anywhere else anybody on the path could
 * be that page.
 */
final class AllowedOrigins {
    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://(\\[[0-9a-f:.]+\\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:([0-9]{1,5}))?");

    private AllowedOrigins() {
    }

    private static final java.util.Set<String> LOOPBACK_HOSTS = java.util.Set.of("localhost", "127.0.0.1", "[::1]");

    static String validate(String origin) {
        var matcher = ORIGIN.matcher(origin);
        if (!matcher.matches()) {
            throw new ConfigException("'allowedOrigins' entry '" + origin
                    + "' is not an origin as browsers send it: lowercase scheme://host[:port], no path or trailing slash");
        }
        if ("http".equals(matcher.group(1)) && !LOOPBACK_HOSTS.contains(matcher.group(2))) {
            throw new ConfigException("'allowedOrigins' entry '" + origin
                    + "' is plain http on another machine: http:// is allowed only for localhost, 127.0.0.1 and [::1]; use https://");
        }
        String port = matcher.group(5);
        if (port != null) {
            int number = Integer.parseInt(port);
            boolean defaultPort = ("https".equals(matcher.group(1)) && number == 443) || ("http".equals(matcher.group(1)) && number == 80);
            if (number < 1 || number > 65535 || defaultPort || port.startsWith("0")) {
                throw new ConfigException("'allowedOrigins' entry '" + origin
                        + "' has a port browsers never send (out of range, leading zero, or the scheme's default)");
            }
        }
        return origin;
    }
}
