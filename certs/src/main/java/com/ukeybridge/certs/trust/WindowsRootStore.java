package com.ukeybridge.certs.trust;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Windows "Root" store through {@code certutil.exe}: LocalMachine when elevated (silent;
 * every user and Chrome, Edge and Firefox's enterprise-roots import see it), otherwise
 * CurrentUser, where Windows itself asks the user to confirm. Certificates are found by
 * their SHA-1 thumbprint, which is how Windows names them.
 */
final class WindowsRootStore implements TrustStore {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsRootStore.class);

    enum Scope { LOCAL_MACHINE, CURRENT_USER }

    static final String CERTUTIL = "certutil.exe";
    private static final String STORE = "Root";

    private final Scope scope;
    private final StoreId id;
    private final CommandRunner runner;

    WindowsRootStore(Scope scope, CommandRunner runner) {
        this.scope = scope;
        this.id = scope == Scope.LOCAL_MACHINE
                ? new StoreId(StoreKind.WINDOWS_MACHINE_ROOT, "LocalMachine\\Root")
                : new StoreId(StoreKind.WINDOWS_USER_ROOT, "CurrentUser\\Root");
        this.runner = runner;
    }

    @Override
    public StoreId id() {
        return id;
    }

    @Override
    public Presence status(LocalRootFile root) {
        String thumbprint = root.known().sha1();
        return new Presence(contains(thumbprint), thumbprint, "");
    }

    @Override
    public Installation install(LocalRootFile root) {
        String thumbprint = root.known().sha1();
        if (contains(thumbprint)) {
            return new Installation(thumbprint, false, false);
        }
        runner.runChecked(command("-addstore", "-f", STORE, root.file().toString()));
        LOG.info("Added {} to {}", thumbprint, id.location());
        return new Installation(thumbprint, true, false);
    }

    @Override
    public List<String> remove(Collection<KnownRoot> roots, List<RecordedEntry> recorded) {
        List<String> removed = new ArrayList<>();
        for (KnownRoot root : roots) {
            if (contains(root.sha1())) {
                runner.runChecked(command("-delstore", STORE, root.sha1()));
                removed.add(root.sha1());
                LOG.info("Removed {} from {}", root.sha1(), id.location());
            }
        }
        return removed;
    }

    /** {@code certutil -store Root HASH} exits non-zero (CRYPT_E_NOT_FOUND) when the store has no such certificate. */
    private boolean contains(String thumbprint) {
        return runner.run(command("-store", STORE, thumbprint)).succeeded();
    }

    private List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(CERTUTIL);
        if (scope == Scope.CURRENT_USER) {
            command.add("-user");
        }
        command.addAll(List.of(arguments));
        return command;
    }
}
