package com.ukeybridge.agent.config;

import java.util.regex.Pattern;

/**
 * An allowed origin is compared with the page's {@code Origin} byte for byte, so it must be
 * written exactly as browsers send it: lowercase {@code scheme://host[:port]}, no path, no
 * trailing slash, no default port.
 */
final class AllowedOrigins {
    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://(\\[[0-9a-f:.]+\\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:([0-9]{1,5}))?");

    private AllowedOrigins() {
    }

    static String validate(String origin) {
        var matcher = ORIGIN.matcher(origin);
        if (!matcher.matches()) {
            throw new ConfigException("'allowedOrigins' entry '" + origin
                    + "' is not an origin as browsers send it: lowercase scheme://host[:port], no path or trailing slash");
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
