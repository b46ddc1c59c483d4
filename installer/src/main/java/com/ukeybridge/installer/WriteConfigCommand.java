package com.ukeybridge.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.config.ConfigException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code write-config}: the agent's configuration file from installer properties (the Windows
 * MSI's ALLOWED_ORIGINS, PORTS, UPDATE_SITE_URL, PKCS11_MODULES; the macOS package's defaults), checked
 * by the agent's own reader before it replaces anything. An administrator's file is kept unless
 * a property was given: a repair or an upgrade without properties changes nothing.
 */
@Command(name = "write-config", mixinStandardHelpOptions = true,
        description = {"Writes the agent's configuration from installer properties, as the agent will read it.",
                "Lists are comma- or semicolon-separated; empty values are left out. Exit code 2 when the agent would refuse the result."})
final class WriteConfigCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--allowed-origins", paramLabel = "LIST", defaultValue = "")
    String allowedOrigins;

    @Option(names = "--update-site-url", paramLabel = "URL", defaultValue = "")
    String updateSiteUrl;

    @Option(names = "--pkcs11-modules", paramLabel = "LIST", defaultValue = "")
    String pkcs11Modules;

    @Option(names = "--ports", paramLabel = "LIST", defaultValue = "",
            description = "Only when not the default 28443,28444,28445,28446 (the pages try the same list).")
    String ports;

    @Override
    public Integer call() {
        boolean anyProperty = !allowedOrigins.isBlank() || !updateSiteUrl.isBlank() || !pkcs11Modules.isBlank() || !ports.isBlank();
        if (Files.exists(out) && !anyProperty) {
            spec.commandLine().getOut().println("Kept " + out + " (no property given)");
            spec.commandLine().getOut().flush();
            return 0;
        }
        ObjectNode config = JSON.createObjectNode();
        if (!ports.isBlank()) {
            var list = config.putArray("ports");
            for (String port : split(ports)) {
                try {
                    list.add(Integer.parseInt(port));
                } catch (NumberFormatException e) {
                    list.add(port);   // the agent's reader below refuses it, naming the key
                }
            }
        }
        split(allowedOrigins).forEach(config.putArray("allowedOrigins")::add);
        split(pkcs11Modules).forEach(config.putArray("pkcs11Modules")::add);
        // No tlsDir: each user's agent keeps its own TLS identity in its own data folder.
        if (!updateSiteUrl.isBlank()) {
            config.put("updateSiteUrl", updateSiteUrl.trim());
        }
        try {
            Path parent = Files.createDirectories(out.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(parent, "." + out.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, JSON.writeValueAsString(config) + "\n");
                AdminCommand.read(temp);
                Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("ukey-bridge-admin: the properties make a configuration the agent would refuse: "
                    + e.getMessage());
            return AdminCommand.BAD_CONFIG;
        } catch (IOException e) {
            spec.commandLine().getErr().println("ukey-bridge-admin: cannot write " + out + ": " + e.getMessage());
            return AdminCommand.FAILED;
        }
        spec.commandLine().getOut().println("Wrote " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split("[,;]")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
