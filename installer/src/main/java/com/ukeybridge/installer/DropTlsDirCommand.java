package com.ukeybridge.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drop-tls-dir --config FILE --if D}: takes {@code tlsDir} out of the configuration when it
 * names D. Version 0.1.0 wrote {@code "tlsDir": "/var/lib/ukey-bridge/tls"}, one key shared by
 * every user; without the key each user's agent uses its own folder. Every other key stays as written.
 */
@Command(name = "drop-tls-dir", mixinStandardHelpOptions = true,
        description = {"Removes 'tlsDir' from the configuration when it names D (the shared folder of version 0.1.0),",
                "so that each user's agent uses its own. Changes nothing otherwise."})
final class DropTlsDirCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path configFile;

    @Option(names = "--if", required = true, paramLabel = "D")
    Path shared;

    @Override
    public Integer call() {
        try {
            if (!Files.exists(configFile)) {
                return 0;
            }
            JsonNode root = JSON.readTree(Files.readString(configFile));
            JsonNode tlsDir = root == null ? null : root.get("tlsDir");
            if (!(root instanceof ObjectNode object) || tlsDir == null || !tlsDir.isTextual()
                    || !Path.of(tlsDir.textValue()).normalize().equals(shared.normalize())) {
                return 0;
            }
            object.remove("tlsDir");
            Path temp = Files.createTempFile(configFile.toAbsolutePath().getParent(), "." + configFile.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, JSON.writeValueAsString(object) + "\n");
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(configFile));
                Files.move(temp, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            spec.commandLine().getOut().println("Removed 'tlsDir' " + shared + " from " + configFile
                    + ": each user's agent now keeps its own TLS identity");
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("ukey-bridge-admin: cannot update " + configFile + ": " + e.getMessage());
            return AdminCommand.FAILED;
        }
    }
}
