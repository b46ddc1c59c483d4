package com.ukeybridge.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the agent's JSON configuration and validates every key at the edge: an unknown key,
 * a value of the wrong type or out of range stops the agent with a message naming the key.
 * Relative paths are taken relative to the configuration file's folder.
 */
public final class AgentConfigReader {
    private static final Set<String> KEYS = Set.of(
            "ports", "port", "allowedOrigins", "pkcs11Modules", "tlsDir", "dataDir", "warnDays", "updateSiteUrl", "confirmWrites",
            "protocols", "pagePin", "replaceIssuers", "skfModules");

    /** More would only slow the page, which tries them one by one. */
    static final int MAX_PORTS = 16;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Path defaultDataDir;

    /** @param defaultDataDir where the agent keeps its files when the configuration does not say */
    public AgentConfigReader(Path defaultDataDir) {
        this.defaultDataDir = defaultDataDir;
    }

    /** The per-user default: {@code $XDG_DATA_HOME/ukey-bridge} or {@code ~/.local/share/ukey-bridge}. */
    public static AgentConfigReader withUserDefaults() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return new AgentConfigReader(base.resolve("ukey-bridge"));
    }

    public AgentConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toAbsolutePath().getParent());
    }

    AgentConfig parse(String text, Path baseDir) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("configuration must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new ConfigException("unknown configuration key '" + name + "' (known: " + String.join(", ", sorted(KEYS)) + ")");
            }
        }
        Fields fields = new Fields(root, baseDir);
        Path dataDir = fields.path("dataDir").orElse(defaultDataDir);
        List<String> allowedOrigins = fields.list("allowedOrigins", AllowedOrigins::validate);
        return new AgentConfig(
                ports(fields),
                allowedOrigins,
                fields.list("pkcs11Modules", value -> fields.resolve("pkcs11Modules", value)),
                fields.path("tlsDir").orElse(dataDir.resolve("tls")),
                dataDir,
                fields.integer("warnDays", 0, 3650).orElse(AgentConfig.DEFAULT_WARN_DAYS),
                fields.text("updateSiteUrl").map(AgentConfigReader::httpUrl),
                fields.bool("confirmWrites"),
                ProtocolKeys.protocols(root),
                fields.bool("pagePin").orElse(false),
                ProtocolKeys.replaceIssuers(root, allowedOrigins, fields::resolve),
                fields.list("skfModules", value -> fields.resolve("skfModules", value)));
    }

    /** {@code ports} wins over {@code port}, which older configurations carry and means a list of one. */
    private static List<Integer> ports(Fields fields) {
        Optional<List<Integer>> ports = fields.ports("ports");
        Optional<Integer> port = fields.integer("port", 1, 65535);
        return ports.or(() -> port.map(List::of)).orElse(AgentConfig.DEFAULT_PORTS);
    }

    private static URI httpUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException("'updateSiteUrl' must be an http or https URL, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("'updateSiteUrl' is not a URL: " + e.getMessage());
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    /** Typed access to the fields of one configuration object, each failure naming its key. */
    private record Fields(JsonNode root, Path baseDir) {
        Optional<Integer> integer(String key, int min, int max) {
            JsonNode node = root.get(key);
            if (node == null) {
                return Optional.empty();
            }
            if (!node.isInt() || node.intValue() < min || node.intValue() > max) {
                throw new ConfigException("'" + key + "' must be a whole number from " + min + " to " + max + ", got " + node);
            }
            return Optional.of(node.intValue());
        }

        /** A non-empty list of distinct ports, at most MAX_PORTS. */
        Optional<List<Integer>> ports(String key) {
            JsonNode node = root.get(key);
            if (node == null) {
                return Optional.empty();
            }
            if (!node.isArray() || node.isEmpty() || node.size() > MAX_PORTS) {
                throw new ConfigException("'" + key + "' must be a list of 1 to " + MAX_PORTS + " ports, got " + node);
            }
            Set<Integer> ports = new LinkedHashSet<>();
            for (JsonNode item : node) {
                if (!item.isInt() || item.intValue() < 1 || item.intValue() > 65535) {
                    throw new ConfigException("'" + key + "' must hold whole numbers from 1 to 65535, got " + item);
                }
                if (!ports.add(item.intValue())) {
                    throw new ConfigException("'" + key + "' names port " + item + " twice");
                }
            }
            return Optional.of(List.copyOf(ports));
        }

        Optional<Boolean> bool(String key) {
            JsonNode node = root.get(key);
            if (node == null) {
                return Optional.empty();
            }
            if (!node.isBoolean()) {
                throw new ConfigException("'" + key + "' must be true or false, got " + node);
            }
            return Optional.of(node.booleanValue());
        }

        Optional<String> text(String key) {
            JsonNode node = root.get(key);
            if (node == null) {
                return Optional.empty();
            }
            if (!node.isTextual() || node.textValue().isBlank()) {
                throw new ConfigException("'" + key + "' must be a non-empty string, got " + node);
            }
            return Optional.of(node.textValue());
        }

        Optional<Path> path(String key) {
            return text(key).map(value -> resolve(key, value));
        }

        Path resolve(String key, String value) {
            try {
                return baseDir.resolve(value).normalize();
            } catch (InvalidPathException e) {
                throw new ConfigException("'" + key + "' holds an invalid path '" + value + "'");
            }
        }

        <T> List<T> list(String key, Function<String, T> element) {
            JsonNode node = root.get(key);
            if (node == null) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new ConfigException("'" + key + "' must be a list of strings, got " + node);
            }
            Set<T> values = new LinkedHashSet<>();
            for (JsonNode item : node) {
                if (!item.isTextual() || item.textValue().isBlank()) {
                    throw new ConfigException("'" + key + "' must be a list of non-empty strings, got " + item);
                }
                values.add(element.apply(item.textValue()));
            }
            return new ArrayList<>(values);
        }
    }
}
