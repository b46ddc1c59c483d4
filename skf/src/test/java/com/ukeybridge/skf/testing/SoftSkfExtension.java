package com.ukeybridge.skf.testing;

import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.PinType;
import com.ukeybridge.skf.SkfLibrary;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5: a fresh {@link SoftSkf} folder for a test class, and devices ready to use. Register it as
 * {@code @RegisterExtension static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();}.
 */
public final class SoftSkfExtension implements BeforeAllCallback, AfterAllCallback {
    /** The user PIN of the devices {@link #connected} and {@link #loggedIn} make. */
    public static final String USER_PIN = "123456";
    private SoftSkf softSkf;

    @Override
    public void beforeAll(ExtensionContext context) {
        softSkf = SoftSkf.create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        softSkf.close();
    }

    public SoftSkf softSkf() {
        return softSkf;
    }

    public SkfLibrary skf() {
        return SoftSkf.library();
    }

    /** A new device, connected, its application open; {@code initOptions} go to {@code softskf-util --init}. */
    public Session connected(String label, String... initOptions) {
        String name = softSkf.initDevice(label, USER_PIN, initOptions);
        Handles.Device device = skf().connect(name);
        return new Session(skf(), name, device, skf().openApplication(device, SoftSkf.APPLICATION));
    }

    /** The same, with the user PIN verified. */
    public Session loggedIn(String label, String... initOptions) {
        Session session = connected(label, initOptions);
        skf().verifyPin(session.app(), PinType.USER, USER_PIN.toCharArray());
        return session;
    }

    /** A connected device and its open application; closing disconnects. */
    public record Session(SkfLibrary skf, String name, Handles.Device device, Handles.Application app)
            implements AutoCloseable {
        @Override
        public void close() {
            skf.disconnect(device);
        }
    }
}
