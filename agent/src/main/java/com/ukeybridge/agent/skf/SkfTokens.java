package com.ukeybridge.agent.skf;

import com.ukeybridge.skf.DeviceInfo;
import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.PinType;
import com.ukeybridge.skf.SkfException;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.ModuleStatus;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.TokenException;
import com.ukeybridge.token.TokenListener;
import com.ukeybridge.token.TokenPoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The devices present in every configured SKF library (the {@code skfModules} key), as the
 * PKCS#11 {@code TokenRegistry} is for PKCS#11 modules: polls {@code SKF_EnumDev} about once a
 * {@code pollInterval} (vendors' {@code SKF_WaitForDevEvent} does not always return when
 * cancelled), and tells listeners of insertions, removals and certificate changes.
 */
public final class SkfTokens implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SkfTokens.class);

    private final List<SkfModule> modules;
    private final List<ModuleStatus> statuses;
    private final Duration pollInterval;
    private final TokenPoller poller;
    private final ReentrantLock pollLock = new ReentrantLock();
    /** Per module, device name → token; guarded by pollLock. */
    private final Map<SkfModule, Map<String, SkfToken>> present = new LinkedHashMap<>();
    private volatile List<SkfToken> tokens = List.of();
    private volatile boolean closed;

    private SkfTokens(List<SkfModule> modules, List<ModuleStatus> statuses, Duration pollInterval) {
        this.modules = List.copyOf(modules);
        this.statuses = List.copyOf(statuses);
        this.pollInterval = pollInterval;
        this.poller = new TokenPoller("skf-poller", pollInterval, this::poll);
        // Device names in order, so the listing does not depend on the order keys were plugged in.
        modules.forEach(m -> present.put(m, new TreeMap<>()));
    }

    /** Loads every library; one that fails to load is reported in {@link #modules()}, not thrown. Lists once before returning. */
    public static SkfTokens open(List<Path> libraries, Duration pollInterval, Duration busyTimeout) {
        return open(libraries, pollInterval, busyTimeout, SkfLibrary::load);
    }

    /** As {@link #open(List, Duration, Duration)} with the libraries loaded by {@code loader}: where tests inject faults. */
    public static SkfTokens open(List<Path> libraries, Duration pollInterval, Duration busyTimeout,
                                 Function<Path, SkfLibrary> loader) {
        List<SkfModule> loaded = new ArrayList<>();
        List<ModuleStatus> statuses = new ArrayList<>();
        for (Path path : libraries.stream().distinct().toList()) {
            try {
                loaded.add(new SkfModule(path, loader.apply(path), busyTimeout));
                statuses.add(new ModuleStatus(path, true, "SKF (GM/T 0016)", Optional.empty()));
                LOG.info("loaded SKF library {}", path);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                LOG.warn("could not load SKF library {}: {}", path, e.getMessage());
                statuses.add(new ModuleStatus(path, false, "SKF (GM/T 0016)", Optional.of(String.valueOf(e.getMessage()))));
            }
        }
        SkfTokens registry = new SkfTokens(loaded, statuses, pollInterval);
        registry.poll();
        return registry;
    }

    public synchronized void start() {
        if (!closed && !modules.isEmpty()) {
            poller.start();
        }
    }

    /** Polls once, now; listeners hear of any change before it returns. */
    public void refresh() {
        if (!closed) {
            poll();
        }
    }

    public List<? extends KeyToken> tokens() {
        return tokens;
    }

    public List<ModuleStatus> modules() {
        return statuses;
    }

    public void addListener(TokenListener listener) {
        poller.addListener(listener);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        poller.stop(pollInterval.plusSeconds(5));
        pollLock.lock();
        try {
            present.values().forEach(devices -> devices.values().forEach(SkfToken::markRemoved));
            present.values().forEach(Map::clear);
            tokens = List.of();
        } finally {
            pollLock.unlock();
        }
    }

    private void poll() {
        boolean changed = false;
        pollLock.lock();
        try {
            if (closed) {
                return;
            }
            for (SkfModule module : modules) {
                changed |= poll(module, present.get(module));
            }
            List<SkfToken> now = new ArrayList<>();
            present.values().forEach(devices -> now.addAll(devices.values()));
            tokens = List.copyOf(now);
        } finally {
            pollLock.unlock();
        }
        if (changed) {
            poller.tokensChanged();
        }
    }

    private boolean poll(SkfModule module, Map<String, SkfToken> devices) {
        List<String> names;
        try {
            names = module.call("list devices", () -> module.library().enumDevices(true));
        } catch (SkfException | TokenException e) {
            LOG.warn("listing devices of {} failed: {}", module.path(), e.getMessage());
            return false; // keep the devices we knew until the library answers again
        }
        boolean changed = false;
        for (var it = devices.entrySet().iterator(); it.hasNext(); ) {
            SkfToken token = it.next().getValue();
            if (token.isRemoved() || !names.contains(token.deviceName())) {
                LOG.info("SKF device {} removed from {}", token, module.path());
                token.markRemoved();
                it.remove();
                changed = true;
            }
        }
        for (String name : names) {
            if (!devices.containsKey(name)) {
                Optional<SkfToken> token = connect(module, name);
                if (token.isPresent()) {
                    LOG.info("SKF device {} inserted in {}", token.get(), module.path());
                    devices.put(name, token.get());
                    changed = true;
                }
            }
        }
        for (SkfToken token : devices.values()) {
            changed |= certificatesChanged(token);
        }
        // Reading may have found a device gone (unplugged and plugged back between two polls).
        changed |= devices.values().removeIf(token -> {
            if (token.isRemoved()) {
                token.markRemoved();
                return true;
            }
            return false;
        });
        return changed;
    }

    /** Connects and opens the device's first application; a device without one is not a token for us. */
    private Optional<SkfToken> connect(SkfModule module, String name) {
        try {
            return module.call("connect " + name, () -> {
                SkfLibrary skf = module.library();
                Handles.Device device = skf.connect(name);
                try {
                    DeviceInfo info = skf.deviceInfo(device);
                    List<String> applications = skf.enumApplications(device);
                    if (applications.isEmpty()) {
                        LOG.info("SKF device {} has no application: left out", name);
                        skf.disconnect(device);
                        return Optional.empty();
                    }
                    // Issuers' tools make one application each; the first holds the user's PIN and containers.
                    Handles.Application application = skf.openApplication(device, applications.get(0));
                    return Optional.of(new SkfToken(module, name, device, application, info, skf.pinInfo(application, PinType.USER)));
                } catch (SkfException e) {
                    disconnectQuietly(skf, device);
                    throw e;
                }
            });
        } catch (SkfException | TokenException e) {
            LOG.info("SKF device {} of {} cannot be read now: {}", name, module.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private static void disconnectQuietly(SkfLibrary skf, Handles.Device device) {
        try {
            skf.disconnect(device);
        } catch (SkfException e) {
            LOG.debug("disconnecting: {}", e.getMessage());
        }
    }

    private static boolean certificatesChanged(SkfToken token) {
        Optional<List<StoredCertificate>> now;
        try {
            now = token.pollIfIdle();
        } catch (TokenException e) {
            LOG.debug("reading certificates of {}: {}", token, e.getMessage());
            return false;
        }
        if (now.isEmpty()) {
            return false;
        }
        List<StoredCertificate> before = token.lastSeenCertificates();
        token.lastSeenCertificates(now.get());
        return before != null && !StoredCertificate.sameListing(before, now.get());
    }
}
