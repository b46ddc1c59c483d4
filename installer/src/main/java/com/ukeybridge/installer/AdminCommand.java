package com.ukeybridge.installer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.config.AgentConfigReader;
import com.ukeybridge.agent.config.ConfigException;
import com.ukeybridge.installer.policy.BrowserPolicies;
import com.ukeybridge.installer.policy.PolicyException;
import com.ukeybridge.installer.policy.PolicyLocations;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ukey-bridge-admin}: what the Linux packages' maintainer scripts need beyond the agent's
 * own {@code certs} commands, in Java because it reads and merges JSON: checking the machine's
 * configuration, and the browsers' machine-wide policies derived from it.
 */
@Command(name = "ukey-bridge-admin", mixinStandardHelpOptions = true,
        description = "UKey Bridge installer helper: configuration check and writing, browser policies (Linux).",
        subcommands = {AdminCommand.CheckConfig.class, WriteConfigCommand.class, AdminCommand.PoliciesInstall.class,
                AdminCommand.PoliciesUninstall.class, DropTlsDirCommand.class})
public final class AdminCommand {
    static final int FAILED = 1;
    static final int BAD_CONFIG = 2;

    /** Where the packages keep what the policy commands changed. */
    static final String DEFAULT_RECORD = "/var/lib/ukey-bridge/browser-policies.json";

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AdminCommand());
    }

    /** The reader's stand-in for each user's own data folder, which the agent works out at run time. */
    static final Path PER_USER_DATA_DIR = Path.of("~/.local/share/ukey-bridge");

    static AgentConfig read(Path configFile) {
        return new AgentConfigReader(PER_USER_DATA_DIR).read(configFile);
    }

    /** The configuration, or null once the reason it is refused has been printed. */
    static AgentConfig readOrReport(CommandSpec spec, Path configFile) {
        try {
            return read(configFile);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("ukey-bridge-admin: " + configFile + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return null;
        }
    }

    @Command(name = "check-config", mixinStandardHelpOptions = true,
            description = {"Reads the agent's configuration as the agent will, and warns about what would stop a",
                    "machine-wide installation from working. Exit code 2 when the agent would refuse the file."})
    static final class CheckConfig implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE")
        Path configFile;

        @Override
        public Integer call() {
            AgentConfig config = readOrReport(spec, configFile);
            if (config == null) {
                return BAD_CONFIG;
            }
            PrintWriter out = spec.commandLine().getOut();
            for (String warning : warnings(config)) {
                out.println("warning: " + configFile + ": " + warning);
            }
            out.println(configFile + ": ports " + config.ports() + ", allowed origins " + config.allowedOrigins()
                    + ", tlsDir " + config.tlsDir());
            out.flush();
            return 0;
        }

        static List<String> warnings(AgentConfig config) {
            List<String> warnings = new ArrayList<>();
            if (config.allowedOrigins().isEmpty()) {
                warnings.add("'allowedOrigins' is empty: no page may use the agent");
            }
            if (!config.tlsDir().startsWith(PER_USER_DATA_DIR)) {
                warnings.add("'tlsDir' is " + config.tlsDir() + " for every user, but each user's agent needs a TLS identity of"
                        + " its own (a key only that user can read): leave 'tlsDir' and 'dataDir' out");
            }
            config.updateSiteUrl().ifPresent(url -> {
                String origin = url.getScheme() + "://" + url.getRawAuthority();
                if (!config.allowedOrigins().contains(origin)) {
                    warnings.add("the update site's origin " + origin + " is not in 'allowedOrigins'");
                }
            });
            return warnings;
        }
    }

    @Command(name = "policies-install", mixinStandardHelpOptions = true,
            description = {"Writes the Chrome, Chromium and Edge managed policies (LoopbackNetworkAllowedForUrls,",
                    "LocalNetworkAccessAllowedForUrls) and merges Firefox's LocalNetworkAccess.SkipDomains, for the",
                    "configuration's allowedOrigins. Replaces what an earlier run wrote."})
    static final class PoliciesInstall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE")
        Path configFile;

        @CommandLine.Mixin
        PolicyOptionsMixin options;

        @Override
        public Integer call() {
            AgentConfig config = readOrReport(spec, configFile);
            if (config == null) {
                return BAD_CONFIG;
            }
            try {
                List<Path> written = options.policies().install(config.allowedOrigins());
                PrintWriter out = spec.commandLine().getOut();
                if (written.isEmpty()) {
                    out.println("No allowed origins: no browser policy written.");
                }
                written.forEach(file -> out.println("Wrote " + file));
                out.flush();
                return 0;
            } catch (PolicyException e) {
                spec.commandLine().getErr().println("ukey-bridge-admin: " + e.getMessage());
                return FAILED;
            }
        }
    }

    @Command(name = "policies-uninstall", mixinStandardHelpOptions = true,
            description = "Removes exactly what policies-install wrote; other administrators' policies stay.")
    static final class PoliciesUninstall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        PolicyOptionsMixin options;

        @Override
        public Integer call() {
            try {
                options.policies().uninstall();
                return 0;
            } catch (PolicyException e) {
                spec.commandLine().getErr().println("ukey-bridge-admin: " + e.getMessage());
                return FAILED;
            }
        }
    }

    /** Options both policy commands take; {@code --root} is for tests and image builders. */
    public static final class PolicyOptionsMixin {
        @Option(names = "--record", paramLabel = "FILE", defaultValue = DEFAULT_RECORD,
                description = "What was changed, for an exact uninstall (default: ${DEFAULT-VALUE}).")
        Path record;

        @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
                description = "Prefix of the browsers' policy folders (default: ${DEFAULT-VALUE}).")
        Path root;

        BrowserPolicies policies() {
            return new BrowserPolicies(PolicyLocations.under(root), record);
        }
    }
}
