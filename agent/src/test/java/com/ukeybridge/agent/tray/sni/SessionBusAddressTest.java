package com.ukeybridge.agent.tray.sni;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionBusAddressTest {
    @Test
    void whenTheSessionHasAPathAddress_thenItIsUsed() {
        assertThat(SessionBusAddress.fromEnvironment(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")))
                .contains("unix:path=/run/user/1000/bus");
    }

    @Test
    void whenSeveralAddressesAreListed_thenTheFirstPathOneIsUsed() {
        assertThat(SessionBusAddress.fromEnvironment(Map.of("DBUS_SESSION_BUS_ADDRESS",
                "unix:abstract=/tmp/dbus-x,guid=1;unix:path=/tmp/dbus-y,guid=2"))).contains("unix:path=/tmp/dbus-y,guid=2");
    }

    @Test
    void whenTheSessionHasOnlyAnAbstractSocket_thenThereIsNoAddress() {
        assertThat(SessionBusAddress.fromEnvironment(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-x,guid=1"))).isEmpty();
    }

    @Test
    void whenTheVariableIsUnset_thenSystemdsRuntimeBusIsUsedIfThere(@TempDir Path runtime) throws Exception {
        assertThat(SessionBusAddress.fromEnvironment(Map.of("XDG_RUNTIME_DIR", runtime.toString()))).isEmpty();

        Files.createFile(runtime.resolve("bus"));

        assertThat(SessionBusAddress.fromEnvironment(Map.of("XDG_RUNTIME_DIR", runtime.toString())))
                .contains("unix:path=" + runtime.resolve("bus"));
    }
}
