package com.ukeybridge.installer.policy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The machine-wide browser policies that let the pages allowed to use the agent reach it on
 * 127.0.0.1 without a Local Network Access prompt (which users would refuse, or never see in
 * a kiosk). Chrome, Chromium and Edge read every JSON file in their "managed" folder, so ours
 * is a file of its own; Firefox has one file shared with other administrators and with
 * {@code certs install}, so there we add and remove only our entries.
 */
public final class BrowserPolicies {
    /** Requests from these origins to loopback addresses skip LNA (Chrome/Edge 146+). */
    static final String LOOPBACK_ALLOWED = "LoopbackNetworkAllowedForUrls";
    /** The older, broader policy (Chrome/Edge 140+): loopback and the local network. */
    static final String LOCAL_NETWORK_ACCESS_ALLOWED = "LocalNetworkAccessAllowedForUrls";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PolicyLocations locations;
    private final Path recordFile;

    /** @param recordFile where what we changed is kept between install and uninstall */
    public BrowserPolicies(PolicyLocations locations, Path recordFile) {
        this.locations = locations;
        this.recordFile = recordFile;
    }

    /**
     * Makes the policies say exactly {@code allowedOrigins} (as the agent's configuration holds
     * them): what an earlier install wrote is taken back first, so a changed configuration leaves
     * no stale origin behind. No origin, no policy.
     *
     * @return the files written
     */
    public List<Path> install(List<String> allowedOrigins) {
        uninstall();
        if (allowedOrigins.isEmpty()) {
            return List.of();
        }
        List<String> created = new ArrayList<>();
        List<String> files = new ArrayList<>(); // ours whole; the Firefox file is shared
        ObjectNode chromium = JSON.createObjectNode();
        allowedOrigins.forEach(chromium.putArray(LOOPBACK_ALLOWED)::add);
        allowedOrigins.forEach(chromium.putArray(LOCAL_NETWORK_ACCESS_ALLOWED)::add);
        for (Path directory : locations.chromiumDirectories()) {
            createDirectories(directory, created);
            Path file = directory.resolve(PolicyLocations.CHROMIUM_FILE);
            write(file, chromium);
            files.add(file.toString());
        }

        Path firefox = locations.firefoxPolicies();
        ObjectNode document = read(firefox);
        boolean firefoxCreated = document == null;
        if (firefoxCreated) {
            document = JSON.createObjectNode();
            createDirectories(firefox.getParent(), created);
        }
        ArrayNode skip = skipDomains(document, firefox);
        Set<String> present = new LinkedHashSet<>();
        skip.forEach(node -> present.add(node.asText()));
        List<String> added = new ArrayList<>();
        for (String host : hosts(allowedOrigins)) {
            if (present.add(host)) {
                skip.add(host);
                added.add(host);
            }
        }
        write(firefox, document);
        new PolicyRecord(files, created, firefox.toString(), added, firefoxCreated).save(recordFile);
        List<Path> written = new ArrayList<>(files.stream().map(Path::of).toList());
        written.add(firefox);
        return written;
    }

    /** Takes back what the record says we did; entries other people wrote stay. */
    public void uninstall() {
        PolicyRecord record = PolicyRecord.load(recordFile);
        for (String file : record.files()) {
            delete(Path.of(file));
        }
        if (record.firefoxPolicies() != null) {
            Path firefox = Path.of(record.firefoxPolicies());
            ObjectNode document = read(firefox);
            if (document != null) {
                removeSkipDomains(document, firefox, record.firefoxSkipDomains());
                if (record.firefoxFileCreated() && document.isEmpty()) {
                    delete(firefox);
                } else {
                    write(firefox, document);
                }
            }
        }
        List<String> directories = new ArrayList<>(record.createdDirectories());
        directories.sort((a, b) -> Integer.compare(b.length(), a.length()));
        for (String directory : directories) {
            deleteIfEmpty(Path.of(directory));
        }
        delete(recordFile);
    }

    /** Firefox's {@code SkipDomains} holds host names, not origins. */
    static List<String> hosts(List<String> origins) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String origin : origins) {
            String host = URI.create(origin).getHost();
            if (host != null) {
                hosts.add(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            }
        }
        return List.copyOf(hosts);
    }

    private static ArrayNode skipDomains(ObjectNode document, Path file) {
        ObjectNode lna = object(object(document, "policies", file), "LocalNetworkAccess", file);
        JsonNode skip = lna.get("SkipDomains");
        if (skip == null) {
            return lna.putArray("SkipDomains");
        }
        if (!skip.isArray()) {
            throw new PolicyException(file + ": policies.LocalNetworkAccess.SkipDomains is not a list; left unchanged", null);
        }
        return (ArrayNode) skip;
    }

    private static void removeSkipDomains(ObjectNode document, Path file, List<String> ours) {
        JsonNode policies = document.get("policies");
        JsonNode lna = policies == null ? null : policies.get("LocalNetworkAccess");
        JsonNode skip = lna == null ? null : lna.get("SkipDomains");
        if (!(skip instanceof ArrayNode array)) {
            return;
        }
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            if (ours.contains(it.next().asText())) {
                it.remove();
            }
        }
        // Empty containers on our path would be noise in someone else's file.
        if (array.isEmpty()) {
            ((ObjectNode) lna).remove("SkipDomains");
        }
        if (lna.isEmpty()) {
            ((ObjectNode) policies).remove("LocalNetworkAccess");
        }
        if (policies.isEmpty()) {
            document.remove("policies");
        }
    }

    private static ObjectNode object(ObjectNode parent, String name, Path file) {
        JsonNode child = parent.get(name);
        if (child == null) {
            return parent.putObject(name);
        }
        if (!child.isObject()) {
            throw new PolicyException(file + ": \"" + name + "\" is not an object; left unchanged", null);
        }
        return (ObjectNode) child;
    }

    /** The document, or null when there is no file. */
    private static ObjectNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new PolicyException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                return JSON.createObjectNode();
            }
            if (!node.isObject()) {
                throw new PolicyException(file + " is not a JSON object; left unchanged", null);
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new PolicyException(file + " is not valid JSON (" + e.getOriginalMessage() + "); left unchanged", e);
        }
    }

    /** Like {@link Files#createDirectories}, noting each folder it had to make. */
    private static void createDirectories(Path directory, List<String> created) {
        List<Path> missing = new ArrayList<>();
        for (Path p = directory.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        try {
            for (Path p : missing) {
                Files.createDirectory(p);
                created.add(p.toString());
            }
        } catch (IOException e) {
            throw new PolicyException("Cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whole or not at all, readable by every user: the browsers run as each of them. */
    private static void write(Path file, ObjectNode document) {
        try {
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
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
            throw new PolicyException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new PolicyException("Cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            // Someone else's files live there now; the folder is theirs too.
        } catch (IOException e) {
            throw new PolicyException("Cannot remove " + directory + ": " + e.getMessage(), e);
        }
    }
}
