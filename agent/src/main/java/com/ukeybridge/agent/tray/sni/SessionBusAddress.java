package com.ukeybridge.agent.tray.sni;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The session bus's address in a form Java's own Unix sockets reach ({@code unix:path=…}): from
 * {@code DBUS_SESSION_BUS_ADDRESS}, else systemd's {@code $XDG_RUNTIME_DIR/bus}, as libdbus does.
 * Abstract sockets ({@code unix:abstract=}, some sessions started by {@code dbus-launch}) and TCP are
 * left out: then there is no SNI tray and the AWT tray or the status window stands in.
 */
public final class SessionBusAddress {
    private SessionBusAddress() {
    }

    public static Optional<String> fromEnvironment(Map<String, String> environment) {
        String address = environment.get("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            String runtimeDir = environment.get("XDG_RUNTIME_DIR");
            if (runtimeDir != null && !runtimeDir.isBlank() && Files.exists(Path.of(runtimeDir, "bus"))) {
                return Optional.of("unix:path=" + Path.of(runtimeDir, "bus"));
            }
            return Optional.empty();
        }
        // Several addresses may be listed, to be tried in order.
        for (String candidate : address.split(";")) {
            if (candidate.startsWith("unix:") && (candidate.contains(":path=") || candidate.contains(",path="))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
