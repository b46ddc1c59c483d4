package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Firefox's enterprise policy file ({@code /etc/firefox/policies/policies.json} on Linux): our
 * root's path in {@code policies.Certificates.Install}, so every profile, including ones not
 * yet created, imports it at start. The file may hold other administrators' policies: we add
 * and remove our one entry and leave every other key as it was.
 */
final class FirefoxPolicyStore implements TrustStore {
    private static final Logger LOG = LoggerFactory.getLogger(FirefoxPolicyStore.class);

    static final Path DEFAULT_FILE = Path.of("/etc/firefox/policies/policies.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final StoreId id;
    private final Path file;

    FirefoxPolicyStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.id = new StoreId(StoreKind.FIREFOX_POLICY, this.file.toString());
    }

    @Override
    public StoreId id() {
        return id;
    }

    @Override
    public Presence status(LocalRootFile root) {
        String path = root.file().toString();
        ObjectNode document = read();
        boolean listed = document != null && install(document, false) != null
                && contains(install(document, false), path);
        return new Presence(listed, path, listed ? "" : Files.exists(file) ? "" : "no policy file");
    }

    @Override
    public Installation install(LocalRootFile root) {
        String path = root.file().toString();
        ObjectNode existing = read();
        boolean created = existing == null;
        ObjectNode document = created ? JSON.createObjectNode() : existing;
        ArrayNode install = install(document, true);
        if (contains(install, path)) {
            return new Installation(path, false, false);
        }
        install.add(path);
        write(document);
        LOG.info("Added {} to Firefox's policy {}", path, file);
        return new Installation(path, true, created);
    }

    @Override
    public List<String> remove(Collection<KnownRoot> roots, List<RecordedEntry> recorded) {
        ObjectNode document = read();
        if (document == null) {
            return List.of();
        }
        ArrayNode install = install(document, false);
        if (install == null) {
            return List.of();
        }
        Set<String> recordedPaths = recorded.stream().map(RecordedEntry::name).collect(Collectors.toSet());
        List<String> removed = new ArrayList<>();
        for (Iterator<JsonNode> it = install.elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            if (element.isTextual() && (recordedPaths.contains(element.asText()) || holdsOneOf(element.asText(), roots))) {
                removed.add(element.asText());
                it.remove();
            }
        }
        if (removed.isEmpty()) {
            return removed;
        }
        pruneEmpty(document);
        boolean weCreatedIt = recorded.stream().anyMatch(RecordedEntry::createdContainer);
        if (weCreatedIt && document.isEmpty()) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new TrustStoreException("Cannot remove " + file + ": " + e.getMessage(), e);
            }
            LOG.info("Removed Firefox's policy file {}, which held only our root", file);
        } else {
            write(document);
            LOG.info("Removed {} from Firefox's policy {}", removed, file);
        }
        return removed;
    }

    /** Empty objects we leave behind would be noise in someone else's file; remove only those on our path. */
    private static void pruneEmpty(ObjectNode document) {
        JsonNode policies = document.get("policies");
        if (!(policies instanceof ObjectNode policiesObject)) {
            return;
        }
        JsonNode certificates = policiesObject.get("Certificates");
        if (certificates instanceof ObjectNode certificatesObject) {
            JsonNode install = certificatesObject.get("Install");
            if (install instanceof ArrayNode array && array.isEmpty()) {
                certificatesObject.remove("Install");
            }
            if (certificatesObject.isEmpty()) {
                policiesObject.remove("Certificates");
            }
        }
        if (policiesObject.isEmpty()) {
            document.remove("policies");
        }
    }

    private static boolean holdsOneOf(String path, Collection<KnownRoot> roots) {
        try {
            Path candidate = Path.of(path);
            if (!candidate.isAbsolute() || !Files.isRegularFile(candidate) || Files.size(candidate) > 1_000_000) {
                return false;
            }
            var certificates = Fingerprints.certificatesIn(Files.readAllBytes(candidate));
            return !certificates.isEmpty() && certificates.stream()
                    .allMatch(certificate -> roots.stream().anyMatch(root -> root.matches(certificate)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean contains(ArrayNode install, String path) {
        for (JsonNode element : install) {
            if (element.isTextual() && element.asText().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /** {@code policies.Certificates.Install}, made on the way when {@code create}; null when absent otherwise. */
    private ArrayNode install(ObjectNode document, boolean create) {
        ObjectNode policies = object(document, "policies", create);
        ObjectNode certificates = policies == null ? null : object(policies, "Certificates", create);
        if (certificates == null) {
            return null;
        }
        JsonNode install = certificates.get("Install");
        if (install == null) {
            return create ? certificates.putArray("Install") : null;
        }
        if (!install.isArray()) {
            throw new TrustStoreException(file + ": policies.Certificates.Install is not a list; left unchanged", null);
        }
        return (ArrayNode) install;
    }

    private ObjectNode object(ObjectNode parent, String name, boolean create) {
        JsonNode child = parent.get(name);
        if (child == null) {
            return create ? parent.putObject(name) : null;
        }
        if (!child.isObject()) {
            throw new TrustStoreException(file + ": \"" + name + "\" is not an object; left unchanged", null);
        }
        return (ObjectNode) child;
    }

    /** The document, or null when there is no file. */
    private ObjectNode read() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new TrustStoreException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                return JSON.createObjectNode(); // an empty file: treat as no policies
            }
            if (!node.isObject()) {
                throw new TrustStoreException(file + " is not a JSON object; left unchanged", null);
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new TrustStoreException(file + " is not valid JSON (" + e.getOriginalMessage() + "); left unchanged", e);
        }
    }

    private void write(ObjectNode document) {
        try {
            Path parent = file.getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".policies.", ".tmp");
            try {
                Files.writeString(temp, JSON.writeValueAsString(document) + "\n");
                if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new TrustStoreException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
