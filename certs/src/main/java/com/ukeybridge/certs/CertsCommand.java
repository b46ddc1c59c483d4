package com.ukeybridge.certs;

import com.ukeybridge.certs.trust.CertsInstallCommand;
import com.ukeybridge.certs.trust.CertsRenewIfNeededCommand;
import com.ukeybridge.certs.trust.CertsStatusCommand;
import com.ukeybridge.certs.trust.CertsUninstallCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code certs}: the agent's local TLS trust. Meant to be added as a subcommand of the
 * agent's top-level command, e.g. {@code java -jar ukey-agent.jar certs create --dir D}.
 */
@Command(name = "certs",
        description = "Local TLS trust: the per-machine root and the agent's certificate for 127.0.0.1, ::1 and localhost.",
        subcommands = {
            CertsCreateCommand.class,
            CertsInstallCommand.class,
            CertsUninstallCommand.class,
            CertsStatusCommand.class,
            CertsRenewIfNeededCommand.class
        })
public final class CertsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** {@code certs} alone does nothing useful; say which subcommands exist rather than exit silently. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
