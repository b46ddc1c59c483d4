package com.ukeybridge.skf.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.ukeybridge.skf.SarCode;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** softskf's C conventions seen through the raw binding: size queries, short buffers, name lists, stale handles, files. */
@Tag("softskf")
class CConventionsTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final Skf RAW = SoftSkf.raw();

    @Test
    void whenTheBufferIsNullOrShort_thenTheSizeComesBackAndShortIsAnError() {
        String name = SOFTSKF.softSkf().initDevice("Sizes", "123456", "--name", "sizes");
        IntByReference size = new IntByReference(0);
        assertThat(RAW.SKF_EnumDev(SkfConstants.TRUE, null, size)).isZero();
        int needed = size.getValue();
        assertThat(needed).isEqualTo(name.length() + 2);
        byte[] tooSmall = new byte[needed - 1];
        size.setValue(tooSmall.length);
        assertThat(RAW.SKF_EnumDev(SkfConstants.TRUE, tooSmall, size)).isEqualTo(SarCode.SAR_BUFFER_TOO_SMALL.code());
        assertThat(size.getValue()).isEqualTo(needed);
        assertThat(tooSmall).containsOnly(0);
        byte[] exact = new byte[needed];
        size.setValue(needed);
        assertThat(RAW.SKF_EnumDev(SkfConstants.TRUE, exact, size)).isZero();
        assertThat(new String(exact, StandardCharsets.US_ASCII)).isEqualTo("sizes\0\0");
    }

    @Test
    void whenAListIsEmpty_thenItIsTwoNuls() {
        try (SoftSkfExtension.Session session = SOFTSKF.connected("Empty")) {
            IntByReference size = new IntByReference(0);
            assertThat(RAW.SKF_EnumContainer(session.app().pointer(), null, size)).isZero();
            assertThat(size.getValue()).isEqualTo(2);
            byte[] list = {1, 1};
            assertThat(RAW.SKF_EnumContainer(session.app().pointer(), list, size)).isZero();
            assertThat(list).containsExactly(0, 0);
        }
    }

    @Test
    void whenAHandleIsForgedOrStale_thenItIsInvalidNotACrash() {
        assertThat(RAW.SKF_DisConnectDev(new Pointer(0x12345))).isEqualTo(SarCode.SAR_INVALIDHANDLEERR.code());
        assertThat(RAW.SKF_CloseHandle(Pointer.NULL)).isEqualTo(SarCode.SAR_INVALIDHANDLEERR.code());
        SoftSkfExtension.Session session = SOFTSKF.connected("Stale");
        Pointer app = session.app().pointer();
        session.close();
        assertThat(RAW.SKF_ClearSecureState(app)).isEqualTo(SarCode.SAR_INVALIDHANDLEERR.code());
        PointerByReference container = new PointerByReference();
        assertThat(RAW.SKF_OpenContainer(app, "x\0".getBytes(StandardCharsets.US_ASCII), container))
                .isEqualTo(SarCode.SAR_INVALIDHANDLEERR.code());
    }

    @Test
    void whenABlobHasBitsInItsLeadingZeros_thenItIsRefused() {
        try (SoftSkfExtension.Session session = SOFTSKF.connected("Blobs")) {
            EccPublicKeyBlob key = new EccPublicKeyBlob();
            key.bitLen = 256;
            key.xCoordinate[0] = 1;
            byte[] e = new byte[32];
            assertThat(RAW.SKF_ExtECCVerify(session.device().pointer(), key, e, 32, new EccSignatureBlob()))
                    .isEqualTo(SarCode.SAR_INVALIDPARAMERR.code());
        }
    }

    @Test
    void whenACrashLeftATemporaryFile_thenTheDeviceStillOpensWithItsLastState() throws Exception {
        try (SoftSkfExtension.Session session = SOFTSKF.connected("Crash")) {
            Files.writeString(SOFTSKF.softSkf().directory().resolve(session.name()).resolve(".state.99999.tmp"),
                    "softskf-device 1\nlabel 41"); // half a state, as a crash mid-write would leave
            IntByReference size = new IntByReference(0);
            assertThat(RAW.SKF_EnumApplication(session.device().pointer(), null, size)).isZero();
            assertThat(size.getValue()).isEqualTo(SoftSkf.APPLICATION.length() + 2);
        }
    }

    @Test
    void whenTheStateFileIsCorrupt_thenCallsFailWithAReadErrorAndTheFileIsLeftAlone() throws Exception {
        try (SoftSkfExtension.Session session = SOFTSKF.connected("Corrupt")) {
            var state = SOFTSKF.softSkf().directory().resolve(session.name()).resolve("state");
            byte[] half = Arrays.copyOf(Files.readAllBytes(state), 40);
            Files.write(state, half);
            IntByReference size = new IntByReference(0);
            assertThat(RAW.SKF_EnumApplication(session.device().pointer(), null, size))
                    .isEqualTo(SarCode.SAR_READFILEERR.code());
            assertThat(Files.readAllBytes(state)).isEqualTo(half);
        }
    }
}
