package com.ukeybridge.site.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to the fields of one JSON object of the configuration; every failure names the
 * key by its full path ({@code renewal.daysBefore}). Relative paths are taken from {@code baseDir}.
 */
record ConfigFields(JsonNode object, String prefix, Path baseDir) {

    static ConfigFields of(JsonNode object, String prefix, Path baseDir, Set<String> known) {
        if (object == null || !object.isObject()) {
            throw new ConfigException(prefix.isEmpty() ? "configuration must be a JSON object"
                    : "'" + prefix + "' must be a JSON object, got " + object);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ConfigException("unknown configuration key '" + prefix + (prefix.isEmpty() ? "" : ".") + name
                        + "' (known" + (prefix.isEmpty() ? "" : " in " + prefix) + ": " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return new ConfigFields(object, prefix, baseDir);
    }

    String name(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    Optional<ConfigFields> object(String key, Set<String> known) {
        JsonNode node = object.get(key);
        return node == null ? Optional.empty() : Optional.of(of(node, name(key), baseDir, known));
    }

    Optional<Integer> integer(String key, int min, int max) {
        JsonNode node = object.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isInt() || node.intValue() < min || node.intValue() > max) {
            throw new ConfigException("'" + name(key) + "' must be a whole number from " + min + " to " + max + ", got " + node);
        }
        return Optional.of(node.intValue());
    }

    Optional<String> text(String key) {
        JsonNode node = object.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new ConfigException("'" + name(key) + "' must be a non-empty string, got " + node);
        }
        return Optional.of(node.textValue());
    }

    String requiredText(String key) {
        return text(key).orElseThrow(() -> new ConfigException("'" + name(key) + "' is required"));
    }

    Optional<Path> path(String key) {
        return text(key).map(value -> resolve(key, value));
    }

    List<Path> paths(String key) {
        return texts(key).stream().map(value -> resolve(key, value)).toList();
    }

    List<String> texts(String key) {
        JsonNode node = object.get(key);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException("'" + name(key) + "' must be a list of strings, got " + node);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw new ConfigException("'" + name(key) + "' must be a list of non-empty strings, got " + item);
            }
            values.add(item.textValue());
        }
        return values;
    }

    Optional<Boolean> bool(String key) {
        JsonNode node = object.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new ConfigException("'" + name(key) + "' must be true or false, got " + node);
        }
        return Optional.of(node.booleanValue());
    }

    Optional<URI> uri(String key, Set<String> schemes) {
        return text(key).map(value -> {
            try {
                URI uri = new URI(value);
                if (!schemes.contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                    throw new ConfigException("'" + name(key) + "' must be a URL (" + String.join(" or ", schemes.stream().sorted().toList())
                            + "), got '" + value + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new ConfigException("'" + name(key) + "' is not a URL: " + e.getMessage());
            }
        });
    }

    private Path resolve(String key, String value) {
        try {
            String expanded = value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value;
            return baseDir.resolve(expanded).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException("'" + name(key) + "' holds an invalid path '" + value + "'");
        }
    }
}
