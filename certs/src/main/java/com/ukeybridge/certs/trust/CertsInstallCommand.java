package com.ukeybridge.certs.trust;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.ukeybridge.certs.TlsFilesException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code certs install --dir D}: registers D/root.pem in the stores browsers and the OS use,
 * and removes our older roots from them. Exit code 0 when every store succeeded, 1 otherwise.
 */
@Command(name = "install",
        description = {
            "Registers the root in D/root.pem where the OS and browsers look, and removes our older roots from them.",
            "Linux: the system CA store and Firefox's enterprise policy (as root), the Chrome/Chromium NSS database"
                    + " and every Firefox profile of each home (as root, only homes root owns). Windows: the LocalMachine"
                    + " Root store when elevated, else CurrentUser Root (Windows asks the user to confirm). macOS: the"
                    + " System keychain as root (an administrator's password unless an MDM profile delivers the trust),"
                    + " else the user's login keychain (the user's password).",
            "Installing twice leaves one entry per store. What was added is recorded in D/installed-roots.json.",
            "Exit code: 0 when every store succeeded, 1 when one failed (the others are still done)."
        })
public final class CertsInstallCommand implements Callable<Integer> {
    static final int FAILED = 1;

    private final TrustEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    TrustOptions options;

    public CertsInstallCommand() {
        this(TrustEnvironment.system());
    }

    CertsInstallCommand(TrustEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return install(spec, options, environment, "install", Map.of());
    }

    /** Shared with renew-if-needed, which installs the root it has just made. */
    static int install(CommandSpec spec, TrustOptions options, TrustEnvironment environment, String command,
                       Map<String, Object> extraJson) {
        Path dir = options.dir();
        LocalRootFile root;
        List<StoreReport> reports;
        Platform platform;
        try {
            root = LocalRootFile.read(dir);
            platform = environment.platform().get();
            reports = options.stores(environment).install(root, dir);
        } catch (TlsFilesException | TrustStoreException e) {
            spec.commandLine().getErr().println("certs " + command + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return FAILED;
        }
        List<String> notes = new ArrayList<>();
        if (platform.os() == Platform.Os.MACOS) {
            notes.add(platform.elevated() ? MacKeychainStore.ADMIN_PROMPT_NOTE : MacKeychainStore.USER_PROMPT_NOTE);
        }
        if (platform.os() == Platform.Os.WINDOWS && !platform.elevated()) {
            notes.add("Not elevated: the root goes to the current user's store, and Windows asks to confirm.");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            Map<String, Object> document = ReportPrinter.document(command, root, reports, notes);
            document.putAll(extraJson);
            out.println(ReportPrinter.toJson(document));
            out.flush();
        } else {
            ReportPrinter.print(out, command, root, reports, false, notes);
        }
        return reports.stream().anyMatch(StoreReport::failed) ? FAILED : 0;
    }
}
