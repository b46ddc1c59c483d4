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
 * <p>
 * The path is a world-readable copy beside the policy file, not {@code D/root.pem}: D is
 * owner-only, and Firefox runs as each user. The copy keeps its name across renewals, so a
 * new root replaces the old one in place.
 */
final class FirefoxPolicyStore implements TrustStore {
    private static final Logger LOG = LoggerFactory.getLogger(FirefoxPolicyStore.class);

    static final Path DEFAULT_FILE = Path.of("/etc/firefox/policies/policies.json");
    static final String ROOT_COPY = "ukey-bridge-local-root.pem";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final StoreId id;
    private final Path file;
    private final Path copy;

    FirefoxPolicyStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.copy = this.file.resolveSibling(ROOT_COPY);
        this.id = new StoreId(StoreKind.FIREFOX_POLICY, this.file.toString());
    }

    /** The world-readable copy of the root the policy names. */
    Path rootCopy() {
        return copy;
    }

    @Override
    public StoreId id() {
        return id;
    }

    @Override
    public Presence status(LocalRootFile root) {
        String path = copy.toString();
        ObjectNode document = read();
        boolean listed = document != null && install(document, false) != null
                && contains(install(document, false), path);
        boolean copied = holdsOneOf(path, List.of(root.known()));
        String detail = !Files.exists(file) ? "no policy file"
                : listed && !copied ? "listed, but " + copy + " does not hold this root" : "";
        return new Presence(listed && copied, path, detail);
    }

    @Override
    public Installation install(LocalRootFile root) {
        String path = copy.toString();
        ObjectNode existing = read();
        boolean created = existing == null;
        ObjectNode document = created ? JSON.createObjectNode() : existing;
        ArrayNode install = install(document, true);
        boolean copied = holdsOneOf(path, List.of(root.known()));
        if (!copied) {
            writeCopy(root);
        }
        if (contains(install, path)) {
            return new Installation(path, !copied, false);
        }
        install.add(path);
        write(file, toJson(document));
        LOG.info("Added {} to Firefox's policy {}", path, file);
        return new Installation(path, true, created);
    }

    private void writeCopy(LocalRootFile root) {
        try {
            write(copy, Files.readString(root.file()));
        } catch (IOException e) {
            throw new TrustStoreException("Cannot read " + root.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> remove(Collection<KnownRoot> roots, List<RecordedEntry> recorded) {
        List<String> removed = new ArrayList<>();
        boolean documentChanged = false;
        ObjectNode document = read();
        ArrayNode install = document == null ? null : install(document, false);
        if (install != null) {
            Set<String> recordedPaths = recorded.stream().map(RecordedEntry::name).collect(Collectors.toSet());
            for (Iterator<JsonNode> it = install.elements(); it.hasNext(); ) {
                JsonNode element = it.next();
                if (element.isTextual()
                        && (recordedPaths.contains(element.asText()) || holdsOneOf(element.asText(), roots))) {
                    removed.add(element.asText());
                    it.remove();
                    documentChanged = true;
                }
            }
        }
        // Our copy goes only when it holds one of the roots being removed (not a newer root installed since).
        if (holdsOneOf(copy.toString(), roots)) {
            delete(copy);
            if (!removed.contains(copy.toString())) {
                removed.add(copy.toString());
            }
        }
        if (!documentChanged) {
            return removed;
        }
        pruneEmpty(document);
        boolean weCreatedIt = recorded.stream().anyMatch(RecordedEntry::createdContainer);
        if (weCreatedIt && document.isEmpty()) {
            delete(file);
            LOG.info("Removed Firefox's policy file {}, which held only our root", file);
        } else {
            write(file, toJson(document));
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

    private static String toJson(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise Firefox's policies", e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new TrustStoreException("Cannot remove " + path + ": " + e.getMessage(), e);
        }
    }

    /** Whole or not at all (temporary file, then rename), readable by every user: Firefox runs as each of them. */
    private static void write(Path target, String text) {
        try {
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, text);
                if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new TrustStoreException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
