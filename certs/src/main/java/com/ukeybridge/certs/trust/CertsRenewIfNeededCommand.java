package com.ukeybridge.certs.trust;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.ukeybridge.certs.AgentTlsFiles;
import com.ukeybridge.certs.CreatedTlsFiles;
import com.ukeybridge.certs.TlsFilesException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code certs renew-if-needed --dir D}: when the agent's certificate is missing or has fewer
 * than {@code --min-days} days left, makes a new root and certificate ({@code create}) and
 * installs the root, replacing our older roots ({@code install}). Otherwise says so and exits 0.
 */
@Command(name = "renew-if-needed",
        description = {
            "When the agent's certificate in D is missing or has fewer than --min-days days left, makes a new root and"
                    + " certificate (as 'certs create') and installs the root (as 'certs install'), removing our older roots.",
            "Otherwise changes nothing, unless --install-anyway puts the root back where it is missing.",
            "Exit code: 0 when nothing was needed or everything succeeded, 1 otherwise."
        })
public final class CertsRenewIfNeededCommand implements Callable<Integer> {
    private final TrustEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    TrustOptions options;

    @Option(names = "--min-days", paramLabel = "DAYS", defaultValue = "" + RenewalNeed.DEFAULT_MIN_DAYS,
            description = "Renew when fewer days than this are left (default: ${DEFAULT-VALUE}).")
    int minDays;

    @Option(names = "--install-anyway",
            description = "When nothing needs renewing, still install the root where it is missing (a session start: new profiles).")
    boolean installAnyway;

    public CertsRenewIfNeededCommand() {
        this(TrustEnvironment.system());
    }

    CertsRenewIfNeededCommand(TrustEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        RenewalNeed need = RenewalNeed.check(options.dir(), environment.clock(), minDays);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("renewed", need.needed());
        json.put("reason", need.reason());
        if (!need.needed() && installAnyway) {
            return CertsInstallCommand.install(spec, options, environment, "renew-if-needed", json);
        }
        if (!need.needed()) {
            if (options.json) {
                json.put("command", "renew-if-needed");
                json.put("ok", true);
                out.println(ReportPrinter.toJson(json));
            } else {
                out.println("Nothing to do: " + need.reason() + ".");
            }
            out.flush();
            return 0;
        }
        CreatedTlsFiles created;
        try {
            created = AgentTlsFiles.create(options.dir(), environment.clock());
        } catch (TlsFilesException e) {
            spec.commandLine().getErr().println("certs renew-if-needed: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CertsInstallCommand.FAILED;
        }
        if (!options.json) {
            out.println("Renewing: " + need.reason() + ".");
            out.println("Wrote a new root and agent certificate in " + created.root().getParent()
                    + "; the agent uses them from its next start.");
            out.flush();
        }
        return CertsInstallCommand.install(spec, options, environment, "renew-if-needed", json);
    }
}
