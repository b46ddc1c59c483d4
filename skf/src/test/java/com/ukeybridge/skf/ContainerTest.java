package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.OpenSsl;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import com.ukeybridge.skf.testing.Sm2Certificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Containers and their two certificates (signing, encryption), kept on the device across connections. */
@Tag("softskf")
class ContainerTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final SkfLibrary skf = SoftSkf.library();
    private SoftSkfExtension.Session session;
    private String name;
    private Handles.Device device;
    private Handles.Application app;

    @BeforeEach
    void setUp() {
        session = SOFTSKF.loggedIn("Container test");
        name = session.name();
        device = session.device();
        app = session.app();
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void whenContainersAreMade_thenTheyAreListedTypedAndDeletable() {
        assertThat(skf.enumContainers(app)).isEmpty();
        Handles.Container first = skf.createContainer(app, "first");
        skf.createContainer(app, "second");
        assertThat(skf.enumContainers(app)).containsExactly("first", "second");
        assertThat(skf.containerType(first)).isEqualTo(SkfConstants.CONTAINER_TYPE_EMPTY);
        skf.generateSigningKeyPair(first, SkfConstants.SGD_SM2_1);
        assertThat(skf.containerType(first)).isEqualTo(SkfConstants.CONTAINER_TYPE_ECC);
        skf.closeContainer(first);
        skf.deleteContainer(app, "first");
        assertThat(skf.enumContainers(app)).containsExactly("second");
        assertThatThrownBy(() -> skf.openContainer(app, "first"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_FILE_NOT_EXIST)).isTrue());
    }

    @Test
    void whenAContainerIsDeleted_thenHandlesToItFail() {
        Handles.Container doomed = skf.createContainer(app, "doomed");
        skf.deleteContainer(app, "doomed");
        assertThatThrownBy(() -> skf.containerType(doomed))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_FILE_NOT_EXIST)).isTrue());
    }

    @Test
    void whenANameIsTakenOrBad_thenCreationFailsAndNothingChanges() {
        skf.createContainer(app, "taken");
        assertThatThrownBy(() -> skf.createContainer(app, "taken"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_FILE_ALREADY_EXIST)).isTrue());
        assertThatThrownBy(() -> skf.createContainer(app, "x".repeat(65)))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_NAMELENERR)).isTrue());
        assertThatThrownBy(() -> skf.deleteContainer(app, "absent"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_FILE_NOT_EXIST)).isTrue());
        assertThat(skf.enumContainers(app)).containsExactly("taken");
    }

    @Test
    void whenNotLoggedIn_thenContainersCannotBeMadeOrDeleted() {
        skf.createContainer(app, "kept");
        skf.clearSecureState(app);
        assertThatThrownBy(() -> skf.createContainer(app, "new"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_USER_NOT_LOGGED_IN)).isTrue());
        assertThatThrownBy(() -> skf.deleteContainer(app, "kept"))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_USER_NOT_LOGGED_IN)).isTrue());
        assertThat(skf.enumContainers(app)).containsExactly("kept");
        assertThat(skf.openContainer(app, "kept")).isNotNull(); // reading needs no PIN
    }

    @Test
    void whenBothCertificatesAreImported_thenEachExportsAsWrittenAndSurvivesReconnecting() {
        Handles.Container container = skf.createContainer(app, "pair");
        EccPublicKey signingKey = skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
        byte[] signingCert = Sm2Certificates.issue("CN=Signing", signingKey, true);
        byte[] encryptionCert = Sm2Certificates.issue("CN=Encryption", Gm.publicKey(Gm.generateKeyPair()), false);
        skf.importCertificate(container, true, signingCert);
        skf.importCertificate(container, false, encryptionCert);

        Handles.Device again = skf.connect(name);
        Handles.Container reopened = skf.openContainer(skf.openApplication(again, SoftSkf.APPLICATION), "pair");
        byte[] exportedSigning = skf.exportCertificate(reopened, true);
        byte[] exportedEncryption = skf.exportCertificate(reopened, false);
        skf.disconnect(again);
        assertThat(exportedSigning).isEqualTo(signingCert);
        assertThat(exportedEncryption).isEqualTo(encryptionCert);
        assertThat(OpenSsl.certificateSubject(exportedSigning)).contains("CN = Signing");
        assertThat(OpenSsl.certificateSubject(exportedEncryption)).contains("CN = Encryption");
    }

    @Test
    void whenNoCertificateIsThere_thenExportSaysCertificateNotFound() {
        Handles.Container container = skf.createContainer(app, "bare");
        assertThatThrownBy(() -> skf.exportCertificate(container, true))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.codeName()).isEqualTo("SAR_CERTNOTFOUNTERR"));
        assertThatThrownBy(() -> skf.exportPublicKey(container, false))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_KEYNOTFOUNTERR)).isTrue());
    }

    @Test
    void whenTheCertificateIsNotDer_thenItIsRefusedAndTheOldOneStays() {
        Handles.Container container = skf.createContainer(app, "guarded");
        byte[] cert = Sm2Certificates.issue("CN=Kept", skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1), true);
        skf.importCertificate(container, true, cert);
        byte[] truncated = Arrays.copyOf(cert, cert.length - 10);
        assertThatThrownBy(() -> skf.importCertificate(container, true, truncated))
                .isInstanceOfSatisfying(SkfException.class, e -> assertThat(e.is(SarCode.SAR_INDATAERR)).isTrue());
        assertThat(skf.exportCertificate(container, true)).isEqualTo(cert);
    }

    @Test
    void whenTheContainerLimitIsReached_thenCreationSaysSo() {
        for (int i = 0; i < 16; i++) {
            skf.createContainer(app, "c" + i);
        }
        assertThatThrownBy(() -> skf.createContainer(app, "one-too-many"))
                .isInstanceOfSatisfying(SkfException.class,
                        e -> assertThat(e.is(SarCode.SAR_REACH_MAX_CONTAINER_COUNT)).isTrue());
    }
}
