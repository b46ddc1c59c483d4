package com.ukeybridge.agent.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The configuration keys of protocol v2 (docs/protocol.md): {@code protocols}, {@code pagePin}
 * and {@code replaceIssuers}, each checked here so that a mistake names its key.
 */
final class ProtocolKeys {
    /** The protocol versions this agent can serve. */
    static final Set<Integer> KNOWN_PROTOCOLS = Set.of(1, 2);
    static final List<Integer> DEFAULT_PROTOCOLS = List.of(2);

    private ProtocolKeys() {
    }

    /** {@code protocols}: a non-empty list of known versions, answered sorted; {@code [2]} when absent. */
    static List<Integer> protocols(JsonNode root) {
        JsonNode node = root.get("protocols");
        if (node == null) {
            return DEFAULT_PROTOCOLS;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigException("'protocols' must be a non-empty list of protocol versions (1, 2), got " + node);
        }
        TreeSet<Integer> versions = new TreeSet<>();
        for (JsonNode item : node) {
            if (!item.isInt() || !KNOWN_PROTOCOLS.contains(item.intValue())) {
                throw new ConfigException("'protocols' lists an unknown protocol version " + item + " (known: 1, 2)");
            }
            versions.add(item.intValue());
        }
        return List.copyOf(versions);
    }

    /**
     * {@code replaceIssuers}: {origin: [PEM file, …]}, each origin one of {@code allowedOrigins}
     * and each file one or more X.509 certificates.
     *
     * @param resolve turns a configured path into a file, relative to the configuration's folder
     */
    static Map<String, List<X509Certificate>> replaceIssuers(JsonNode root, List<String> allowedOrigins,
                                                             BiFunction<String, String, Path> resolve) {
        JsonNode node = root.get("replaceIssuers");
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ConfigException("'replaceIssuers' must be an object {origin: [issuer PEM files]}, got " + node);
        }
        Map<String, List<X509Certificate>> issuers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String origin = entry.getKey();
            if (!allowedOrigins.contains(origin)) {
                throw new ConfigException("'replaceIssuers' names origin '" + origin + "', which is not in 'allowedOrigins'");
            }
            if (!entry.getValue().isArray()) {
                throw new ConfigException("'replaceIssuers' of '" + origin + "' must be a list of PEM files, got " + entry.getValue());
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (JsonNode file : entry.getValue()) {
                if (!file.isTextual() || file.textValue().isBlank()) {
                    throw new ConfigException("'replaceIssuers' of '" + origin + "' must list non-empty file names, got " + file);
                }
                certificates.addAll(readPem(resolve.apply("replaceIssuers", file.textValue())));
            }
            issuers.put(origin, List.copyOf(certificates));
        }
        return Map.copyOf(issuers);
    }

    private static List<X509Certificate> readPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new ConfigException("'replaceIssuers' file " + file + " holds no certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new ConfigException("'replaceIssuers' file " + file + " cannot be read: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new ConfigException("'replaceIssuers' file " + file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
