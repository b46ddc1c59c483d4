package com.ukeybridge.skf.testing;

import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.skf.jna.SkfConstants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("softskf")
class SkfProbeTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();

    @Test
    void whenProbingTheSoftwareToken_thenItShowsDevicesApplicationsPinsAndContainers() {
        SkfLibrary skf = SOFTSKF.skf();
        try (SoftSkfExtension.Session session = SOFTSKF.loggedIn("Probe", "--serial", "PROBE1")) {
            Handles.Container container = skf.createContainer(session.app(), "probed");
            skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new SkfProbe(skf, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
            String output = bytes.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("device " + session.name(), "label=Probe serial=PROBE1",
                    "application " + SoftSkf.APPLICATION, "USER PIN: 10 of 10 tries left, default",
                    "container probed type=2", "signing key: EccPublicKey[04", "encryption key: SAR_KEYNOTFOUNTERR",
                    "signing certificate: SAR_CERTNOTFOUNTERR");
        }
    }
}
