package com.ukeybridge.agent.desktop;

import com.ukeybridge.agent.desktop.DesktopState.CertificateStanding;
import com.ukeybridge.agent.desktop.DesktopState.KeyStanding;
import com.ukeybridge.token.ModuleStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;

/**
 * The diagnostics a user copies into a support call: version, port, modules, keys and
 * certificates, the local root, where the log is. Plain text in English, the support
 * desk's working language for logs, so it reads the same whatever the user's OS speaks.
 */
public final class DiagnosticsReport {
    private final String version;
    private final List<String> allowedSites;
    private final List<Integer> protocols;
    private final Path tlsDir;
    private final Path logFile;

    /** @param protocols the protocol versions served, each at {@code /vN} */
    public DiagnosticsReport(String version, List<String> allowedSites, List<Integer> protocols, Path tlsDir, Path logFile) {
        this.protocols = List.copyOf(protocols);
        this.version = version;
        this.allowedSites = List.copyOf(allowedSites);
        this.tlsDir = tlsDir;
        this.logFile = logFile;
    }

    public String render(DesktopFacts facts, DesktopState state, Instant now) {
        StringBuilder text = new StringBuilder();
        text.append("UKey Bridge agent ").append(version).append('\n');
        text.append("Time: ").append(now.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        text.append("OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", Java ").append(System.getProperty("java.version")).append('\n');
        text.append("State: ").append(state.tray()).append('\n');
        OptionalInt port = facts.port();
        text.append("Listening: ").append(port.isPresent() ? String.join(", ", protocols.stream()
                .map(protocol -> "wss://127.0.0.1:" + port.getAsInt() + "/v" + protocol).toList()) : "no").append('\n');
        for (AgentProblem problem : facts.problems()) {
            text.append("Problem: ").append(problem.kind())
                    .append(problem.kind() == AgentProblem.Kind.PORT_TAKEN ? " (port " + problem.port() + ")" : "").append('\n');
        }
        text.append("Allowed sites: ").append(allowedSites.isEmpty() ? "(none)" : String.join(", ", allowedSites)).append('\n');
        text.append("PKCS#11 modules:\n");
        if (facts.modules().isEmpty()) {
            text.append("  (none configured)\n");
        }
        for (ModuleStatus module : facts.modules()) {
            text.append("  ").append(module.library()).append(": ")
                    .append(module.loaded() ? "loaded, " + module.description() : "NOT loaded, " + module.error().orElse("unknown error"))
                    .append('\n');
        }
        text.append("Keys:\n");
        if (state.keys().isEmpty()) {
            text.append("  (none inserted)\n");
        }
        for (KeyStanding key : state.keys()) {
            KeyContents contents = key.key();
            text.append("  ").append(contents.label()).append(" (").append(contents.manufacturer()).append(' ')
                    .append(contents.model()).append(", serial ").append(contents.serialNumber()).append(")\n");
            for (CertificateStanding certificate : key.certificates()) {
                text.append("    ").append(certificate.certificate().subject())
                        .append("; notAfter ").append(certificate.certificate().notAfter())
                        .append("; ").append(certificate.status().status())
                        .append(", ").append(certificate.status().daysLeft()).append(" days left\n");
            }
        }
        LocalRootStatus root = LocalRootStatus.read(tlsDir);
        text.append("Local root: ").append(root.file()).append(": ");
        if (!root.exists()) {
            text.append("MISSING");
        } else if (root.fingerprint().isPresent()) {
            text.append("present, SHA-256 ").append(root.fingerprint().get());
        } else {
            text.append("unreadable, ").append(root.problem().orElse(""));
        }
        text.append('\n');
        text.append("Log: ").append(logFile).append('\n');
        return text.toString();
    }
}
