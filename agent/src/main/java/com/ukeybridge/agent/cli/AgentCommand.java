package com.ukeybridge.agent.cli;

import com.ukeybridge.agent.AgentVersion;
import com.ukeybridge.certs.CertsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar ukey-agent.jar run|certs …}: the agent's command line. */
@Command(name = "ukey-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentCommand.Version.class,
        description = "UKey Bridge: lets allowed web pages use the certificates on USB keys.",
        subcommands = {RunCommand.class, CertsCommand.class})
public final class AgentCommand {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AgentCommand());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"UKey Bridge agent " + AgentVersion.current()};
        }
    }
}
