package com.ukeybridge.certs;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code certs create --dir D}: writes a fresh root and the agent's certificate into D and
 * says what it wrote. Touches no trust store.
 */
@Command(name = "create",
        description = {
            "Makes a new root for this machine, issues the agent's TLS certificate from it and discards the root's private key.",
            "Writes D/root.pem (public), D/agent-cert.pem and D/agent-key.pem (owner only), replacing earlier ones.",
            "Does not change any trust store."
        })
public final class CertsCreateCommand implements Callable<Integer> {
    /** Exit code when the files could not be written; picocli uses 2 for usage errors. */
    static final int NOT_WRITTEN = 1;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--dir", required = true, paramLabel = "D",
            description = "Directory for the files; created (owner only) if missing.")
    Path dir;

    @Override
    public Integer call() {
        CreatedTlsFiles created;
        try {
            created = AgentTlsFiles.create(dir, Clock.systemUTC());
        } catch (TlsFilesException e) {
            spec.commandLine().getErr().println("certs create: " + e.getMessage());
            return NOT_WRITTEN;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote " + created.root() + " (the local root, public)");
        out.println("Wrote " + created.agentCertificate() + " (the agent's certificate, then the root; owner only)");
        out.println("Wrote " + created.agentKey() + " (the agent's private key; owner only)");
        out.println("Root: " + created.rootCertificate().getSubjectX500Principal().getName());
        out.println("Root SHA-256 fingerprint: " + created.rootFingerprintSha256());
        out.println("The root's private key was not written anywhere. No trust store was changed.");
        out.flush();
        return 0;
    }
}
