package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Devices of the software token: enumeration, connection, DEVINFO, unplugging, events, and softskf-util. */
@Tag("softskf")
class DeviceTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final SkfLibrary skf = SoftSkf.library();
    private final SoftSkf softSkf = SOFTSKF.softSkf();

    @Test
    void whenADeviceIsMade_thenItIsListedAndDescribesItself() {
        String name = softSkf.initDevice("Alice GM", "123456", "--serial", "SN0001", "--name", "alice-key");
        assertThat(name).isEqualTo("alice-key");
        assertThat(skf.enumDevices(true)).contains("alice-key");
        Handles.Device device = skf.connect("alice-key");
        try {
            DeviceInfo info = skf.deviceInfo(device);
            assertThat(info.label()).isEqualTo("Alice GM");
            assertThat(info.serialNumber()).isEqualTo("SN0001");
            assertThat(info.manufacturer()).isEqualTo("UKey Bridge softskf");
            assertThat(info.version()).isEqualTo("1.0");
            assertThat(info.algAsymCap() & SkfConstants.SGD_SM2_1).isEqualTo(SkfConstants.SGD_SM2_1);
            assertThat(info.algSymCap() & SkfConstants.SGD_SM4_ECB).isEqualTo(SkfConstants.SGD_SM4_ECB);
            assertThat(info.algHashCap()).isEqualTo(SkfConstants.SGD_SM3);
            assertThat(info.maxEccBufferSize()).isEqualTo(256);
            assertThat(skf.deviceState("alice-key")).isEqualTo(SkfConstants.DEV_PRESENT_STATE);
            assertThat(skf.random(device, 32)).hasSize(32).isNotEqualTo(new byte[32]);
        } finally {
            skf.disconnect(device);
        }
    }

    @Test
    void whenLabelIsSet_thenDevInfoAndTheToolShowIt() {
        String name = softSkf.initDevice("Old label", "123456");
        Handles.Device device = skf.connect(name);
        skf.setLabel(device, "New label");
        assertThat(skf.deviceInfo(device).label()).isEqualTo("New label");
        assertThat(softSkf.run("--list").output()).contains(name + "\tpresent\tNew label");
        assertThatThrownBy(() -> skf.setLabel(device, "a label of more than thirty-one bytes"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_INVALIDPARAMERR)).isTrue());
        assertThat(skf.deviceInfo(device).label()).isEqualTo("New label");
        skf.disconnect(device);
    }

    @Test
    void whenUnplugged_thenItsHandleFailsWithDeviceRemovedEvenAfterReplugging() {
        String name = softSkf.initDevice("Bob GM", "123456");
        Handles.Device device = skf.connect(name);
        softSkf.unplug(name);
        assertThat(skf.enumDevices(true)).doesNotContain(name);
        assertThat(skf.enumDevices(false)).contains(name);
        assertThat(skf.deviceState(name)).isEqualTo(SkfConstants.DEV_ABSENT_STATE);
        assertThatThrownBy(() -> skf.deviceInfo(device))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.codeName()).isEqualTo("SAR_DEVICE_REMOVED"));
        assertThatThrownBy(() -> skf.connect(name))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_DEVICE_REMOVED)).isTrue());

        softSkf.plug(name);
        assertThatThrownBy(() -> skf.enumApplications(device))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_DEVICE_REMOVED)).isTrue());
        Handles.Device again = skf.connect(name);
        assertThat(skf.enumApplications(again)).containsExactly(SoftSkf.APPLICATION);
        skf.disconnect(again);
        skf.disconnect(device);
    }

    @Test
    void whenUnpluggedAndReplugged_thenWaitForDevEventReportsRemovalThenInsertion() throws Exception {
        String name = softSkf.initDevice("Carol GM", "123456");
        skf.enumDevices(true); // what the caller knows now; events are changes from here
        drainEvents();
        softSkf.unplug(name);
        assertThat(skf.waitForDeviceEvent()).isEqualTo(new DeviceEvent(name, DeviceEvent.Kind.REMOVED));
        softSkf.plug(name);
        assertThat(skf.waitForDeviceEvent()).isEqualTo(new DeviceEvent(name, DeviceEvent.Kind.INSERTED));
        String other = softSkf.initDevice("Dave GM", "123456");
        assertThat(skf.waitForDeviceEvent()).isEqualTo(new DeviceEvent(other, DeviceEvent.Kind.INSERTED));
    }

    @Test
    void whenAWaitIsCancelled_thenItEndsWithNoEvent() throws Exception {
        drainEvents();
        CompletableFuture<DeviceEvent> wait = CompletableFuture.supplyAsync(skf::waitForDeviceEvent);
        // The cancel may come before the wait has begun; cancel until the wait has ended.
        while (!wait.isDone()) {
            skf.cancelWaitForDeviceEvent();
            try {
                wait.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                // not yet ended, or ended as expected: the loop condition decides
            }
        }
        assertThatThrownBy(wait::join).hasCauseInstanceOf(SkfException.class)
                .cause().satisfies(e -> assertThat(((SkfException) e).is(SarCode.SAR_NOT_EVENTERR)).isTrue());
    }

    @Test
    void whenTheToolGetsBadInput_thenItSaysSoAndMakesNothing() throws Exception {
        long before = countDevices();
        SoftSkf.Result shortPin = softSkf.runAllowingFailure("--init", "--label", "X", "--pin", "123");
        assertThat(shortPin.exitCode()).isEqualTo(1);
        assertThat(shortPin.output()).contains("PINs must be 6 to 16 characters");
        SoftSkf.Result noLabel = softSkf.runAllowingFailure("--init", "--pin", "123456");
        assertThat(noLabel.exitCode()).isEqualTo(2);
        assertThat(noLabel.output()).contains("--init needs --label and --pin");
        SoftSkf.Result badName = softSkf.runAllowingFailure("--init", "--label", "X", "--pin", "123456", "--name", "../x");
        assertThat(badName.exitCode()).isEqualTo(1);
        softSkf.initDevice("Twice", "123456", "--name", "twice");
        assertThat(softSkf.runAllowingFailure("--init", "--label", "Twice", "--pin", "123456", "--name", "twice").exitCode())
                .isEqualTo(1);
        assertThat(softSkf.runAllowingFailure("--unplug", "--name", "nobody").exitCode()).isEqualTo(1);
        assertThat(countDevices()).isEqualTo(before + 1);
    }

    @Test
    void whenDeleted_thenTheDeviceIsGoneForGood() {
        String name = softSkf.initDevice("Eve GM", "123456");
        softSkf.delete(name);
        assertThat(skf.enumDevices(false)).doesNotContain(name);
        assertThat(skf.deviceState(name)).isEqualTo(SkfConstants.DEV_UNKNOW_STATE);
        assertThat(softSkf.directory().resolve(name)).doesNotExist();
    }

    private long countDevices() throws Exception {
        try (var entries = Files.list(softSkf.directory())) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    /** Consumes the events of devices other tests made, so that a test sees only its own. */
    private static void drainEvents() {
        skf.enumDevices(true);
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
            try {
                while (true) {
                    skf.waitForDeviceEvent();
                }
            } catch (SkfException cancelled) {
                // the cancel below ends the loop
            }
        });
        while (!drained.isDone()) {
            skf.cancelWaitForDeviceEvent();
            try {
                drained.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | InterruptedException | ExecutionException ignored) {
                // checked by the loop
            }
        }
    }
}
