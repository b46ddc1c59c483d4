package com.ukeybridge.certs.trust;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code certs uninstall --dir D}: removes our roots, and only ours, from every store they
 * were recorded in and from the stores selected now.
 */
@Command(name = "uninstall",
        description = {
            "Removes our roots (the one in D/root.pem and every one recorded in D/installed-roots.json) from the stores.",
            "Only certificates whose SHA-256 fingerprint is one of ours are removed; everything else is left alone.",
            "Exit code: 0 when every store succeeded, 1 when one failed (the others are still done)."
        })
public final class CertsUninstallCommand implements Callable<Integer> {
    private final TrustEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    TrustOptions options;

    public CertsUninstallCommand() {
        this(TrustEnvironment.system());
    }

    CertsUninstallCommand(TrustEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Path dir = options.dir();
        List<StoreReport> reports;
        try {
            reports = options.stores(environment).uninstall(dir);
        } catch (TrustStoreException e) {
            spec.commandLine().getErr().println("certs uninstall: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CertsInstallCommand.FAILED;
        }
        ReportPrinter.print(spec.commandLine().getOut(), "uninstall", null, reports, options.json, List.of());
        return reports.stream().anyMatch(StoreReport::failed) ? CertsInstallCommand.FAILED : 0;
    }
}
