package com.ukeybridge.agent.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.TokenId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key pairs this agent made with {@code signCsr} that have not got a certificate yet, per
 * token, kept in {@code dataDir/created-keys.json} so that the record survives a restart.
 * Protocol v2's {@code deleteKey} removes only these: a page cannot have the agent delete a key
 * it did not make, nor one that was certified. Thread-safe.
 */
public final class CreatedKeys {
    private static final Logger log = LoggerFactory.getLogger(CreatedKeys.class);
    static final String FILE = "created-keys.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Set<String>> keys;

    private CreatedKeys(Path file, Map<String, Set<String>> keys) {
        this.file = file;
        this.keys = keys;
    }

    /** The record in {@code dataDir}; none yet is an empty record, an unreadable one is an error at start. */
    public static CreatedKeys in(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                Map<String, List<String>> stored = JSON.readValue(file.toFile(), new TypeReference<>() {
                });
                stored.forEach((token, ids) -> keys.put(token, new LinkedHashSet<>(ids)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new CreatedKeys(file, keys);
    }

    /** {@code signCsr} made {@code keyId} on {@code token}. */
    public synchronized void created(TokenId token, ObjectId keyId) {
        if (keys.computeIfAbsent(token.value(), t -> new LinkedHashSet<>()).add(keyId.hex())) {
            save();
        }
    }

    /** Whether {@code keyId} on {@code token} was made here and has had no certificate written by this agent since. */
    public synchronized boolean isUncertified(TokenId token, ObjectId keyId) {
        return keys.getOrDefault(token.value(), Set.of()).contains(keyId.hex());
    }

    /** The key got a certificate, or was deleted: it is no longer {@code deleteKey}'s to remove. */
    public synchronized void forget(TokenId token, ObjectId keyId) {
        Set<String> ids = keys.get(token.value());
        if (ids != null && ids.remove(keyId.hex())) {
            if (ids.isEmpty()) {
                keys.remove(token.value());
            }
            save();
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), keys);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The key stays on the token either way; only deleteKey will refuse it.
            log.error("cannot record created keys in {}: {}", file, e.getMessage());
        }
    }
}
