package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Applications, and the device authentication (SM4 challenge-response) that creating and deleting them needs. */
@Tag("softskf")
class ApplicationTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final SkfLibrary skf = SoftSkf.library();
    private SoftSkfExtension.Session session;
    private String name;
    private Handles.Device device;

    @BeforeEach
    void setUp() {
        session = SOFTSKF.connected("App test");
        name = session.name();
        device = session.device();
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void whenInitialised_thenTheDeviceHasOneApplication() {
        assertThat(skf.enumApplications(device)).containsExactly(SoftSkf.APPLICATION);
        Handles.Application app = skf.openApplication(device, SoftSkf.APPLICATION);
        assertThat(skf.pinInfo(app, PinType.ADMIN).maxRetries()).isEqualTo(10);
        skf.closeApplication(app);
        assertThatThrownBy(() -> skf.pinInfo(app, PinType.USER))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_INVALIDHANDLEERR)).isTrue());
    }

    @Test
    void whenOpeningAnUnknownApplication_thenItDoesNotExist() {
        assertThatThrownBy(() -> skf.openApplication(device, "NOPE"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_APPLICATION_NOT_EXISTS)).isTrue());
    }

    @Test
    void whenCreatingWithoutDeviceAuthentication_thenItIsRefusedAndNothingIsMade() {
        assertThatThrownBy(() -> create("SECOND"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_USER_NOT_LOGGED_IN)).isTrue());
        assertThat(skf.enumApplications(device)).containsExactly(SoftSkf.APPLICATION);
    }

    @Test
    void whenTheAuthenticationAnswerIsWrong_thenItFails() {
        skf.random(device, 8);
        assertThatThrownBy(() -> skf.deviceAuth(device, new byte[16]))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_FAIL)).isTrue());
        assertThatThrownBy(() -> create("SECOND")).isInstanceOf(SkfException.class);
    }

    @Test
    void whenDeviceIsAuthenticated_thenApplicationsCanBeCreatedAndDeleted() {
        authenticate(SoftSkf.DEV_AUTH_KEY);
        Handles.Application second = create("SECOND");
        assertThat(skf.enumApplications(device)).containsExactly(SoftSkf.APPLICATION, "SECOND");
        assertThat(skf.pinInfo(second, PinType.USER)).isEqualTo(new PinInfo(5, 5, true));
        skf.verifyPin(second, PinType.USER, "222222".toCharArray());
        assertThatThrownBy(() -> create("SECOND"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_APPLICATION_EXISTS)).isTrue());
        skf.deleteApplication(device, "SECOND");
        assertThat(skf.enumApplications(device)).containsExactly(SoftSkf.APPLICATION);
    }

    @Test
    void whenTheAuthKeyIsChanged_thenOnlyTheNewKeyAuthenticates() {
        authenticate(SoftSkf.DEV_AUTH_KEY);
        byte[] newKey = Gm.random(16);
        skf.changeDeviceAuthKey(device, newKey);
        Handles.Device fresh = skf.connect(name);
        try {
            byte[] challenge = skf.random(fresh, 8);
            assertThatThrownBy(() -> skf.deviceAuth(fresh, answer(SoftSkf.DEV_AUTH_KEY, challenge)))
                    .isInstanceOf(SkfException.class);
            byte[] again = skf.random(fresh, 8);
            skf.deviceAuth(fresh, answer(newKey, again));
        } finally {
            skf.disconnect(fresh);
        }
    }

    @Test
    void whenAnApplicationNameIsTooLong_thenItIsInvalid() {
        authenticate(SoftSkf.DEV_AUTH_KEY);
        assertThatThrownBy(() -> create("A".repeat(33)))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_APPLICATION_NAME_INVALID)).isTrue());
    }

    private Handles.Application create(String name) {
        return skf.createApplication(device, name, "87654321".toCharArray(), 5, "222222".toCharArray(), 5,
                SkfConstants.SECURE_USER_ACCOUNT);
    }

    /** GM/T 0016 §7.2.3: SM4-ECB under the auth key of the 8-byte challenge padded with zeros to 16. */
    private void authenticate(byte[] key) {
        byte[] challenge = skf.random(device, 8);
        skf.deviceAuth(device, answer(key, challenge));
    }

    private static byte[] answer(byte[] key, byte[] challenge) {
        return Gm.sm4Ecb(true, key, Arrays.copyOf(challenge, 16));
    }
}
