package com.ukeybridge.skf.testing;

import com.ukeybridge.skf.DeviceInfo;
import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.PinInfo;
import com.ukeybridge.skf.PinType;
import com.ukeybridge.skf.SkfException;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.skf.jna.Packing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Read-only look at an SKF library and its keys, to try a vendor's library: devices, DEVINFO,
 * applications, PIN counters, containers, their types, public keys and certificates. It never
 * verifies a PIN (a wrong one costs a try) and writes nothing.
 *
 * <pre>mvn -q -pl skf exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.ukeybridge.skf.testing.SkfProbe \
 *     -Dexec.args="/path/to/vendor-skf.so [--packed|--natural]"</pre>
 */
public final class SkfProbe {
    private final SkfLibrary skf;
    private final PrintStream out;

    SkfProbe(SkfLibrary skf, PrintStream out) {
        this.skf = skf;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SkfProbe <library> [--packed|--natural]");
            System.exit(2);
        }
        int alignment = args.length == 2 && args[1].equals("--packed") ? Packing.PACKED
                : args.length == 2 && args[1].equals("--natural") ? Packing.NATURAL : Packing.DEFAULT;
        new SkfProbe(SkfLibrary.load(Path.of(args[0]), alignment), System.out).run();
    }

    void run() {
        for (String name : skf.enumDevices(true)) {
            out.println("device " + name);
            Handles.Device device = skf.connect(name);
            try {
                DeviceInfo info = skf.deviceInfo(device);
                out.printf("  label=%s serial=%s manufacturer=%s issuer=%s version=%s%n", info.label(),
                        info.serialNumber(), info.manufacturer(), info.issuer(), info.version());
                out.printf("  algSym=0x%08X algAsym=0x%08X algHash=0x%08X devAuth=0x%08X maxEcc=%d%n",
                        info.algSymCap(), info.algAsymCap(), info.algHashCap(), info.devAuthAlgId(), info.maxEccBufferSize());
                for (String appName : skf.enumApplications(device)) {
                    application(device, appName);
                }
            } catch (SkfException e) {
                out.println("  " + e.getMessage());
            } finally {
                skf.disconnect(device);
            }
        }
    }

    private void application(Handles.Device device, String appName) {
        out.println("  application " + appName);
        Handles.Application app = skf.openApplication(device, appName);
        try {
            for (PinType type : PinType.values()) {
                PinInfo pin = skf.pinInfo(app, type);
                out.printf("    %s PIN: %d of %d tries left%s%n", type, pin.retriesLeft(), pin.maxRetries(),
                        pin.isDefault() ? ", default" : "");
            }
            for (String containerName : skf.enumContainers(app)) {
                Handles.Container container = skf.openContainer(app, containerName);
                out.printf("    container %s type=%d%n", containerName, skf.containerType(container));
                for (boolean signing : new boolean[] {true, false}) {
                    String usage = signing ? "signing" : "encryption";
                    out.println("      " + usage + " key: " + attempt(() -> skf.exportPublicKey(container, signing).toString()));
                    out.println("      " + usage + " certificate: "
                            + attempt(() -> "SHA-256 " + sha256(skf.exportCertificate(container, signing))));
                }
                skf.closeContainer(container);
            }
        } finally {
            skf.closeApplication(app);
        }
    }

    private static String attempt(java.util.function.Supplier<String> read) {
        try {
            return read.get();
        } catch (SkfException e) {
            return e.codeName();
        }
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
