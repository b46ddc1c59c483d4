package com.ukeybridge.installer.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What {@link BrowserPolicies#install} changed, so that uninstall removes exactly that and no
 * more: our files, the folders we had to create, and the Firefox entries we added (not ones an
 * administrator had already written).
 *
 * @param files policy files we wrote whole
 * @param createdDirectories folders that did not exist before us, deepest last
 * @param firefoxPolicies the Firefox policy file we changed, or null
 * @param firefoxSkipDomains the {@code LocalNetworkAccess.SkipDomains} entries we added
 * @param firefoxFileCreated whether the Firefox policy file did not exist before us
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyRecord(List<String> files, List<String> createdDirectories, String firefoxPolicies,
                           List<String> firefoxSkipDomains, boolean firefoxFileCreated) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PolicyRecord {
        files = files == null ? List.of() : List.copyOf(files);
        createdDirectories = createdDirectories == null ? List.of() : List.copyOf(createdDirectories);
        firefoxSkipDomains = firefoxSkipDomains == null ? List.of() : List.copyOf(firefoxSkipDomains);
    }

    static PolicyRecord empty() {
        return new PolicyRecord(List.of(), List.of(), null, List.of(), false);
    }

    /** An absent file is an empty record. */
    static PolicyRecord load(Path file) {
        try {
            return JSON.readValue(Files.readString(file), PolicyRecord.class);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new PolicyException("Cannot read the policy record " + file + ": " + e.getMessage(), e);
        }
    }

    void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new PolicyException("Cannot write the policy record " + file + ": " + e.getMessage(), e);
        }
    }
}
