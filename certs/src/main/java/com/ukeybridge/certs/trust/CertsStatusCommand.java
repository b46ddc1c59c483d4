package com.ukeybridge.certs.trust;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.ukeybridge.certs.TlsFilesException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code certs status --dir D}: whether D/root.pem is in each store. Changes nothing. */
@Command(name = "status",
        description = {
            "Says, for each store, whether the root in D/root.pem is present, absent or not applicable, with paths.",
            "Changes nothing. Exit code: 0 when every store could be read, 1 otherwise."
        })
public final class CertsStatusCommand implements Callable<Integer> {
    private final TrustEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    TrustOptions options;

    public CertsStatusCommand() {
        this(TrustEnvironment.system());
    }

    CertsStatusCommand(TrustEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Path dir = options.dir();
        LocalRootFile root;
        List<StoreReport> reports;
        try {
            root = LocalRootFile.read(dir);
            reports = options.stores(environment).status(root, dir);
        } catch (TlsFilesException | TrustStoreException e) {
            spec.commandLine().getErr().println("certs status: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CertsInstallCommand.FAILED;
        }
        ReportPrinter.print(spec.commandLine().getOut(), "status", root, reports, options.json, List.of());
        return reports.stream().anyMatch(StoreReport::failed) ? CertsInstallCommand.FAILED : 0;
    }
}
