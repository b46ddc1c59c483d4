package com.ukeybridge.site.demo;

import com.sun.jna.Native;
import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.Handles;
import com.ukeybridge.skf.PinType;
import com.ukeybridge.skf.SkfException;
import com.ukeybridge.skf.SkfLibrary;
import com.ukeybridge.skf.jna.EnvelopedKeyBlob;
import com.ukeybridge.skf.jna.Packing;
import com.ukeybridge.skf.jna.Skf;
import com.ukeybridge.skf.jna.SkfConstants;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The demo's GM key (README, "UKey GM") on an SKF library (softskf in the demo): a container
 * whose SM2 signing key is made on the device, the signing certificate for it and the
 * encryption certificate from the demo's SM2 CA ({@link SiteDemo#issueGmPair}), and the KMC's
 * envelope of the encryption key imported as it comes ({@code SKF_ImportECCKeyPair}), as a CA's
 * issuing station would fill a new GM key.
 */
public final class GmDemoToken {
    /** The container the demo fills; the agent's renewal replaces it with one of its own. */
    public static final String CONTAINER = "王五";

    private final Skf raw;
    private final SkfLibrary skf;

    private GmDemoToken(Skf raw) {
        this.raw = raw;
        this.skf = new SkfLibrary(raw, Packing.DEFAULT);
    }

    public static GmDemoToken load(Path library) {
        return new GmDemoToken(Native.load(library.toAbsolutePath().toString(), Skf.class));
    }

    /** Whether a device labelled {@code label} is plugged in. */
    public boolean present(String label) {
        return device(label).map(d -> {
            skf.disconnect(d);
            return true;
        }).orElse(false);
    }

    /**
     * Fills the device labelled {@code label} with a pair for {@link SiteDemo#GM_SUBJECT}.
     *
     * @throws IllegalStateException when there is no such device or it holds containers already
     */
    public SiteDemo.GmPair seed(SiteDemo demo, String label, String pin, Clock clock) {
        Handles.Device device = device(label).orElseThrow(() -> new IllegalStateException("no SKF device labelled '" + label
                + "' (scripts/demo.sh makes one with softskf-util; is SOFTSKF_DIR set?)"));
        try {
            Handles.Application app = skf.openApplication(device, skf.enumApplications(device).get(0));
            char[] pinChars = pin.toCharArray();
            try {
                skf.verifyPin(app, PinType.USER, pinChars);
                if (!skf.enumContainers(app).isEmpty()) {
                    throw new IllegalStateException("SKF device '" + label + "' holds containers already; start from a fresh device"
                            + " (scripts/demo.sh does)");
                }
                Handles.Container container = skf.createContainer(app, CONTAINER);
                EccPublicKey signingKey = skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
                SiteDemo.GmPair pair = demo.issueGmPair(spki(signingKey), SiteDemo.GM_SUBJECT, clock);
                skf.importCertificate(container, true, pair.signing().getEncoded());
                importEnvelope(container, pair.envelopedKey());
                skf.importCertificate(container, false, pair.encryption().getEncoded());
                skf.closeContainer(container);
                return pair;
            } finally {
                Arrays.fill(pinChars, '\0');
                skf.clearSecureState(app);
                skf.closeApplication(app);
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        } finally {
            skf.disconnect(device);
        }
    }

    /** The site's 388 bytes go to the device exactly as the agent's {@code writeCert} passes them. */
    private void importEnvelope(Handles.Container container, byte[] envelope) {
        EnvelopedKeyBlob blob = new EnvelopedKeyBlob(Packing.DEFAULT, EnvelopedKeyBlob.WRAPPED_KEY_LENGTH);
        blob.getPointer().write(0, envelope, 0, envelope.length);
        blob.read();
        int rv = raw.SKF_ImportECCKeyPair(container.pointer(), blob);
        if (rv != 0) {
            throw new IllegalStateException("SKF_ImportECCKeyPair refused the KMC's envelope: 0x" + Integer.toHexString(rv));
        }
    }

    private Optional<Handles.Device> device(String label) {
        List<String> names = skf.enumDevices(true);
        for (String name : names) {
            Handles.Device device = skf.connect(name);
            try {
                if (skf.deviceInfo(device).label().equals(label)) {
                    return Optional.of(device);
                }
            } catch (SkfException e) {
                // a device we cannot read is not the demo's
            }
            skf.disconnect(device);
        }
        return Optional.empty();
    }

    private static SubjectPublicKeyInfo spki(EccPublicKey key) {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1),
                key.uncompressed());
    }
}
