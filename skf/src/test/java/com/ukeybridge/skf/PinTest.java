package com.ukeybridge.skf;

import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PINs: verification, retry counters that persist, lock, unblock with the admin PIN, change, log-out. */
@Tag("softskf")
class PinTest {
    private static final char[] PIN = "123456".toCharArray();
    private static final char[] SO_PIN = SoftSkf.SO_PIN.toCharArray();
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final SkfLibrary skf = SoftSkf.library();
    private SoftSkfExtension.Session session;
    private String name;
    private Handles.Device device;
    private Handles.Application app;

    @BeforeEach
    void setUp() {
        session = SOFTSKF.connected("PIN test", "--retries", "3");
        name = session.name();
        device = session.device();
        app = session.app();
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void whenPinIsWrong_thenTheTriesLeftAreReportedAndKept() {
        assertThatThrownBy(() -> skf.verifyPin(app, PinType.USER, "654321".toCharArray()))
                .isInstanceOfSatisfying(PinRejectedException.class, e -> {
                    assertThat(e.is(SarCode.SAR_PIN_INCORRECT)).isTrue();
                    assertThat(e.retriesLeft()).isEqualTo(2);
                    assertThat(e).hasMessage("SKF_VerifyPIN failed: SAR_PIN_INCORRECT (0x0A000024)");
                });
        assertThat(skf.pinInfo(app, PinType.USER)).isEqualTo(new PinInfo(3, 2, true));
        // A fresh connection (another process, say) sees the same counter: it is on the device.
        Handles.Device other = skf.connect(name);
        assertThat(skf.pinInfo(skf.openApplication(other, SoftSkf.APPLICATION), PinType.USER).retriesLeft()).isEqualTo(2);
        skf.disconnect(other);
        skf.verifyPin(app, PinType.USER, PIN);
        assertThat(skf.pinInfo(app, PinType.USER).retriesLeft()).isEqualTo(3);
    }

    @Test
    void whenPinIsWrongTooOften_thenItLocksAndTheRightPinNoLongerWorks() {
        for (int left = 2; left >= 1; left--) {
            int expected = left;
            assertThatThrownBy(() -> skf.verifyPin(app, PinType.USER, "000000".toCharArray()))
                    .isInstanceOfSatisfying(PinRejectedException.class, e -> assertThat(e.retriesLeft()).isEqualTo(expected));
        }
        assertThatThrownBy(() -> skf.verifyPin(app, PinType.USER, "000000".toCharArray()))
                .isInstanceOfSatisfying(PinRejectedException.class, e -> {
                    assertThat(e.is(SarCode.SAR_PIN_LOCKED)).isTrue();
                    assertThat(e.locked()).isTrue();
                });
        assertThatThrownBy(() -> skf.verifyPin(app, PinType.USER, PIN))
                .isInstanceOfSatisfying(PinRejectedException.class, e -> assertThat(e.is(SarCode.SAR_PIN_LOCKED)).isTrue());
        assertThat(skf.pinInfo(app, PinType.USER).locked()).isTrue();
    }

    @Test
    void whenUnblockedWithTheAdminPin_thenTheNewUserPinWorks() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> skf.verifyPin(app, PinType.USER, "000000".toCharArray()))
                    .isInstanceOf(PinRejectedException.class);
        }
        assertThatThrownBy(() -> skf.unblockPin(app, "87654321".toCharArray(), "111111".toCharArray()))
                .isInstanceOfSatisfying(PinRejectedException.class, e -> {
                    assertThat(e.function()).isEqualTo("SKF_UnblockPIN");
                    assertThat(e.retriesLeft()).isEqualTo(2); // the admin PIN's
                });
        assertThat(skf.pinInfo(app, PinType.USER).locked()).isTrue();
        skf.unblockPin(app, SO_PIN, "111111".toCharArray());
        assertThat(skf.pinInfo(app, PinType.ADMIN).retriesLeft()).isEqualTo(3);
        assertThat(skf.pinInfo(app, PinType.USER)).isEqualTo(new PinInfo(3, 3, false));
        skf.verifyPin(app, PinType.USER, "111111".toCharArray());
    }

    @Test
    void whenPinIsChanged_thenOnlyTheNewOneWorksAndItIsNoLongerTheDefault() {
        assertThat(skf.pinInfo(app, PinType.USER).isDefault()).isTrue();
        skf.changePin(app, PinType.USER, PIN, "abcdef".toCharArray());
        assertThat(skf.pinInfo(app, PinType.USER).isDefault()).isFalse();
        assertThatThrownBy(() -> skf.verifyPin(app, PinType.USER, PIN)).isInstanceOf(PinRejectedException.class);
        skf.verifyPin(app, PinType.USER, "abcdef".toCharArray());
    }

    @Test
    void whenChangingWithAWrongOldPin_thenNothingChangesButTheCounter() {
        assertThatThrownBy(() -> skf.changePin(app, PinType.USER, "999999".toCharArray(), "abcdef".toCharArray()))
                .isInstanceOfSatisfying(PinRejectedException.class, e -> assertThat(e.retriesLeft()).isEqualTo(2));
        skf.verifyPin(app, PinType.USER, PIN);
    }

    @Test
    void whenPinHasABadLength_thenItIsRefusedWithoutCostingATry() {
        assertThatThrownBy(() -> skf.verifyPin(app, PinType.USER, "123".toCharArray()))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_PIN_LEN_RANGE)).isTrue());
        assertThatThrownBy(() -> skf.changePin(app, PinType.USER, PIN, "12345678901234567".toCharArray()))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_PIN_LEN_RANGE)).isTrue());
        assertThat(skf.pinInfo(app, PinType.USER).retriesLeft()).isEqualTo(3);
        skf.verifyPin(app, PinType.USER, PIN);
    }

    @Test
    void whenTheSecureStateIsCleared_thenUserOperationsNeedThePinAgain() {
        skf.verifyPin(app, PinType.USER, PIN);
        skf.createContainer(app, "before");
        skf.clearSecureState(app);
        assertThatThrownBy(() -> skf.createContainer(app, "after"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_USER_NOT_LOGGED_IN)).isTrue());
        assertThat(skf.enumContainers(app)).containsExactly("before");
    }

    @Test
    void whenTheAdminPinIsVerified_thenTheUserIsStillNotLoggedIn() {
        skf.verifyPin(app, PinType.ADMIN, SO_PIN);
        assertThatThrownBy(() -> skf.createContainer(app, "c"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_USER_NOT_LOGGED_IN)).isTrue());
    }
}
