package com.ukeybridge.skf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.ukeybridge.skf.jna.BlockCipherParam;
import com.ukeybridge.skf.jna.DevInfo;
import com.ukeybridge.skf.jna.EccCipherBlob;
import com.ukeybridge.skf.jna.EccPrivateKeyBlob;
import com.ukeybridge.skf.jna.EccPublicKeyBlob;
import com.ukeybridge.skf.jna.EccSignatureBlob;
import com.ukeybridge.skf.jna.EnvelopedKeyBlob;
import com.ukeybridge.skf.jna.Packing;
import com.ukeybridge.skf.jna.Skf;
import com.ukeybridge.skf.jna.SkfConstants;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The checked SKF layer: one method per SKF function, Java values in and out, every non-zero
 * {@code SAR_*} turned into an {@link SkfException} carrying the function, the code's name and its
 * hex value ({@link PinRejectedException} when a PIN was refused, with the tries left). Output
 * buffers use the standard's two-call pattern (ask the size, then fetch). PINs come as
 * {@code char[]} and their native copies are wiped. Not thread-safe beyond what the vendor
 * library is; the domain layer serialises calls per device.
 */
public final class SkfLibrary {
    /** The default user ID of GM/T 0009 for Z: the 16 ASCII bytes "1234567812345678". */
    public static final byte[] DEFAULT_SM2_ID = "1234567812345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_NAME_LIST = 64 * 1024;
    /** More room than any DEVINFO layout needs (294 packed, 296 natural, 328 with 8-byte ULONGs). */
    private static final int DEVINFO_BUFFER = 512;

    private final Skf skf;
    private final int alignment;

    /** @param alignment how the library packs its structures ({@link Packing}) */
    public SkfLibrary(Skf skf, int alignment) {
        this.skf = skf;
        this.alignment = alignment;
    }

    /** Loads a vendor's SKF library with the platform's default packing. */
    public static SkfLibrary load(Path library) {
        return load(library, Packing.DEFAULT);
    }

    public static SkfLibrary load(Path library, int alignment) {
        return new SkfLibrary(Native.load(library.toAbsolutePath().toString(), Skf.class), alignment);
    }

    public int alignment() {
        return alignment;
    }

    static void check(String function, int rv) {
        if (rv != SarCode.SAR_OK.code()) {
            throw new SkfException(function, rv);
        }
    }

    private static void checkPin(String function, int rv, IntByReference retries) {
        if (rv == SarCode.SAR_PIN_INCORRECT.code() || rv == SarCode.SAR_PIN_LOCKED.code()) {
            throw new PinRejectedException(function, rv, retries.getValue());
        }
        check(function, rv);
    }

    /** Runs a size query then the fetch, for functions that fill a buffer and its length. */
    private static byte[] fetch(String function, int maxSize, BufferCall call) {
        IntByReference size = new IntByReference(0);
        check(function, call.run(null, size));
        int needed = size.getValue();
        if (needed < 0 || needed > maxSize) {
            throw new IllegalStateException(function + " asked for " + Integer.toUnsignedString(needed) + " bytes");
        }
        byte[] buffer = new byte[Math.max(needed, 1)];
        size.setValue(buffer.length);
        check(function, call.run(buffer, size));
        if (size.getValue() < 0) {
            throw new IllegalStateException(function + " returned " + Integer.toUnsignedString(size.getValue()) + " bytes");
        }
        return Arrays.copyOf(buffer, Math.min(size.getValue(), buffer.length));
    }

    @FunctionalInterface
    private interface BufferCall {
        int run(byte[] buffer, IntByReference size);
    }

    private static List<String> nameList(String function, BufferCall call) {
        IntByReference size = new IntByReference(0);
        check(function, call.run(null, size));
        int needed = size.getValue();
        if (needed <= 2) {
            return List.of();
        }
        if (needed > MAX_NAME_LIST) {
            throw new IllegalStateException(function + " asked for " + Integer.toUnsignedString(needed) + " bytes");
        }
        byte[] buffer = new byte[needed];
        size.setValue(needed);
        check(function, call.run(buffer, size));
        return CStrings.names(buffer, size.getValue());
    }

    // ---- 7.1 devices ----

    /** {@code SKF_EnumDev}: the names of the devices present (or all the library knows, when {@code presentOnly} is false). */
    public List<String> enumDevices(boolean presentOnly) {
        int present = presentOnly ? SkfConstants.TRUE : SkfConstants.FALSE;
        return nameList("SKF_EnumDev", (buffer, size) -> skf.SKF_EnumDev(present, buffer, size));
    }

    public Handles.Device connect(String deviceName) {
        PointerByReference handle = new PointerByReference();
        check("SKF_ConnectDev", skf.SKF_ConnectDev(CStrings.of(deviceName), handle));
        return new Handles.Device(handle.getValue());
    }

    public void disconnect(Handles.Device device) {
        check("SKF_DisConnectDev", skf.SKF_DisConnectDev(device.pointer()));
    }

    /** {@code SKF_GetDevState}: one of {@code DEV_ABSENT_STATE}, {@code DEV_PRESENT_STATE}, {@code DEV_UNKNOW_STATE}. */
    public int deviceState(String deviceName) {
        IntByReference state = new IntByReference();
        check("SKF_GetDevState", skf.SKF_GetDevState(CStrings.of(deviceName), state));
        return state.getValue();
    }

    public void setLabel(Handles.Device device, String label) {
        check("SKF_SetLabel", skf.SKF_SetLabel(device.pointer(), CStrings.of(label)));
    }

    public DeviceInfo deviceInfo(Handles.Device device) {
        Memory memory = new Memory(DEVINFO_BUFFER);
        memory.clear();
        check("SKF_GetDevInfo", skf.SKF_GetDevInfo(device.pointer(), memory));
        DevInfo info = new DevInfo(alignment);
        info.getPointer().write(0, memory.getByteArray(0, info.size()), 0, info.size());
        info.read();
        return new DeviceInfo(info.version.toString(), CStrings.decode(info.manufacturer), CStrings.decode(info.issuer),
                CStrings.decode(info.label), CStrings.decode(info.serialNumber), info.hwVersion.toString(),
                info.firmwareVersion.toString(), info.algSymCap, info.algAsymCap, info.algHashCap, info.devAuthAlgId,
                Integer.toUnsignedLong(info.totalSpace), Integer.toUnsignedLong(info.freeSpace), info.maxEccBufferSize,
                info.maxBufferSize);
    }

    /**
     * {@code SKF_WaitForDevEvent}: blocks until a device is inserted or removed. Call it on a thread
     * of its own; {@link #cancelWaitForDeviceEvent()} ends the wait with an {@link SkfException}.
     */
    public DeviceEvent waitForDeviceEvent() {
        byte[] name = new byte[256];
        IntByReference length = new IntByReference(name.length);
        IntByReference event = new IntByReference();
        check("SKF_WaitForDevEvent", skf.SKF_WaitForDevEvent(name, length, event));
        return DeviceEvent.of(CStrings.decode(Arrays.copyOf(name, Math.min(length.getValue(), name.length))), event.getValue());
    }

    public void cancelWaitForDeviceEvent() {
        check("SKF_CancelWaitForDevEvent", skf.SKF_CancelWaitForDevEvent());
    }

    // ---- 7.2 access control ----

    /** {@code SKF_DevAuth}: the 16-byte answer to the challenge from {@link #random}. */
    public void deviceAuth(Handles.Device device, byte[] answer) {
        check("SKF_DevAuth", skf.SKF_DevAuth(device.pointer(), answer, answer.length));
    }

    public void changeDeviceAuthKey(Handles.Device device, byte[] key) {
        check("SKF_ChangeDevAuthKey", skf.SKF_ChangeDevAuthKey(device.pointer(), key, key.length));
    }

    /** {@code SKF_VerifyPIN}; a wrong PIN throws {@link PinRejectedException} with the tries left. */
    public void verifyPin(Handles.Application app, PinType type, char[] pin) {
        byte[] nativePin = CStrings.ofSecret(pin);
        try {
            IntByReference retries = new IntByReference();
            checkPin("SKF_VerifyPIN", skf.SKF_VerifyPIN(app.pointer(), type.value(), nativePin, retries), retries);
        } finally {
            CStrings.wipe(nativePin);
        }
    }

    public PinInfo pinInfo(Handles.Application app, PinType type) {
        IntByReference max = new IntByReference();
        IntByReference left = new IntByReference();
        Memory isDefault = new Memory(8); // BOOL is 1, 4 or 8 bytes by vendor; little-endian, byte 0 tells
        isDefault.clear();
        check("SKF_GetPINInfo", skf.SKF_GetPINInfo(app.pointer(), type.value(), max, left, isDefault));
        return new PinInfo(max.getValue(), left.getValue(), isDefault.getByte(0) != 0);
    }

    public void changePin(Handles.Application app, PinType type, char[] oldPin, char[] newPin) {
        byte[] old = CStrings.ofSecret(oldPin);
        byte[] fresh = CStrings.ofSecret(newPin);
        try {
            IntByReference retries = new IntByReference();
            checkPin("SKF_ChangePIN", skf.SKF_ChangePIN(app.pointer(), type.value(), old, fresh, retries), retries);
        } finally {
            CStrings.wipe(old);
            CStrings.wipe(fresh);
        }
    }

    /** {@code SKF_UnblockPIN}: a new user PIN with the admin PIN; a refusal reports the admin PIN's tries left. */
    public void unblockPin(Handles.Application app, char[] adminPin, char[] newUserPin) {
        byte[] admin = CStrings.ofSecret(adminPin);
        byte[] fresh = CStrings.ofSecret(newUserPin);
        try {
            IntByReference retries = new IntByReference();
            checkPin("SKF_UnblockPIN", skf.SKF_UnblockPIN(app.pointer(), admin, fresh, retries), retries);
        } finally {
            CStrings.wipe(admin);
            CStrings.wipe(fresh);
        }
    }

    public void clearSecureState(Handles.Application app) {
        check("SKF_ClearSecureState", skf.SKF_ClearSecureState(app.pointer()));
    }

    // ---- 7.3 applications ----

    public List<String> enumApplications(Handles.Device device) {
        return nameList("SKF_EnumApplication", (buffer, size) -> skf.SKF_EnumApplication(device.pointer(), buffer, size));
    }

    public Handles.Application createApplication(Handles.Device device, String name, char[] adminPin, int adminRetries,
                                                 char[] userPin, int userRetries, int createFileRights) {
        byte[] admin = CStrings.ofSecret(adminPin);
        byte[] user = CStrings.ofSecret(userPin);
        try {
            PointerByReference handle = new PointerByReference();
            check("SKF_CreateApplication", skf.SKF_CreateApplication(device.pointer(), CStrings.of(name), admin,
                    adminRetries, user, userRetries, createFileRights, handle));
            return new Handles.Application(handle.getValue());
        } finally {
            CStrings.wipe(admin);
            CStrings.wipe(user);
        }
    }

    public void deleteApplication(Handles.Device device, String name) {
        check("SKF_DeleteApplication", skf.SKF_DeleteApplication(device.pointer(), CStrings.of(name)));
    }

    public Handles.Application openApplication(Handles.Device device, String name) {
        PointerByReference handle = new PointerByReference();
        check("SKF_OpenApplication", skf.SKF_OpenApplication(device.pointer(), CStrings.of(name), handle));
        return new Handles.Application(handle.getValue());
    }

    public void closeApplication(Handles.Application app) {
        check("SKF_CloseApplication", skf.SKF_CloseApplication(app.pointer()));
    }

    // ---- 7.5 containers ----

    public List<String> enumContainers(Handles.Application app) {
        return nameList("SKF_EnumContainer", (buffer, size) -> skf.SKF_EnumContainer(app.pointer(), buffer, size));
    }

    public Handles.Container createContainer(Handles.Application app, String name) {
        PointerByReference handle = new PointerByReference();
        check("SKF_CreateContainer", skf.SKF_CreateContainer(app.pointer(), CStrings.of(name), handle));
        return new Handles.Container(handle.getValue());
    }

    public void deleteContainer(Handles.Application app, String name) {
        check("SKF_DeleteContainer", skf.SKF_DeleteContainer(app.pointer(), CStrings.of(name)));
    }

    public Handles.Container openContainer(Handles.Application app, String name) {
        PointerByReference handle = new PointerByReference();
        check("SKF_OpenContainer", skf.SKF_OpenContainer(app.pointer(), CStrings.of(name), handle));
        return new Handles.Container(handle.getValue());
    }

    public void closeContainer(Handles.Container container) {
        check("SKF_CloseContainer", skf.SKF_CloseContainer(container.pointer()));
    }

    /** {@code SKF_GetContainerType}: {@code CONTAINER_TYPE_EMPTY}, {@code _RSA} or {@code _ECC}. */
    public int containerType(Handles.Container container) {
        IntByReference type = new IntByReference();
        check("SKF_GetContainerType", skf.SKF_GetContainerType(container.pointer(), type));
        return type.getValue();
    }

    /** @param signing true for the signing certificate, false for the encryption one */
    public void importCertificate(Handles.Container container, boolean signing, byte[] der) {
        check("SKF_ImportCertificate", skf.SKF_ImportCertificate(container.pointer(), bool(signing), der, der.length));
    }

    public byte[] exportCertificate(Handles.Container container, boolean signing) {
        return fetch("SKF_ExportCertificate", 64 * 1024,
                (buffer, size) -> skf.SKF_ExportCertificate(container.pointer(), bool(signing), buffer, size));
    }

    // ---- 7.6 cryptographic services ----

    public byte[] random(Handles.Device device, int length) {
        byte[] random = new byte[length];
        check("SKF_GenRandom", skf.SKF_GenRandom(device.pointer(), random, length));
        return random;
    }

    /** {@code SKF_GenECCKeyPair}: makes the container's signing key pair on the device; the private key never leaves. */
    public EccPublicKey generateSigningKeyPair(Handles.Container container, int algId) {
        EccPublicKeyBlob blob = new EccPublicKeyBlob(alignment);
        check("SKF_GenECCKeyPair", skf.SKF_GenECCKeyPair(container.pointer(), algId, blob));
        return EccPublicKey.fromBlob(blob);
    }

    /** {@code SKF_ImportECCKeyPair}: loads the enveloped encryption key pair into the container. */
    public void importEncryptionKeyPair(Handles.Container container, EnvelopedKey envelopedKey) {
        EnvelopedKeyBlob blob = envelopedKey.toBlob(alignment);
        check("SKF_ImportECCKeyPair", skf.SKF_ImportECCKeyPair(container.pointer(), blob));
    }

    /** {@code SKF_ExportPublicKey}: the signing (true) or encryption (false) public key. */
    public EccPublicKey exportPublicKey(Handles.Container container, boolean signing) {
        byte[] bytes = fetch("SKF_ExportPublicKey", 1024,
                (buffer, size) -> skf.SKF_ExportPublicKey(container.pointer(), bool(signing), buffer, size));
        if (bytes.length != SkfConstants.ECC_PUBLIC_KEY_BLOB_LENGTH) {
            throw new IllegalStateException("SKF_ExportPublicKey returned " + bytes.length + " bytes, not an ECCPUBLICKEYBLOB");
        }
        EccPublicKeyBlob blob = new EccPublicKeyBlob(alignment);
        blob.getPointer().write(0, bytes, 0, bytes.length);
        blob.read();
        return EccPublicKey.fromBlob(blob);
    }

    /** {@code SKF_ECCSignData}: signs the 32-byte digest e = SM3(Z || M) with the container's signing key. */
    public EccSignature signDigest(Handles.Container container, byte[] e) {
        EccSignatureBlob blob = new EccSignatureBlob(alignment);
        check("SKF_ECCSignData", skf.SKF_ECCSignData(container.pointer(), e, e.length, blob));
        return EccSignature.fromBlob(blob);
    }

    /** {@code SKF_ECCVerify}: throws unless the signature over e verifies. */
    public void verify(Handles.Device device, EccPublicKey key, byte[] e, EccSignature signature) {
        check("SKF_ECCVerify", skf.SKF_ECCVerify(device.pointer(), key.toBlob(alignment), e, e.length,
                signature.toBlob(alignment)));
    }

    /** {@code SKF_ExtECCVerify}: the same check with an external public key. */
    public void verifyExternal(Handles.Device device, EccPublicKey key, byte[] e, EccSignature signature) {
        check("SKF_ExtECCVerify", skf.SKF_ExtECCVerify(device.pointer(), key.toBlob(alignment), e, e.length,
                signature.toBlob(alignment)));
    }

    public EccSignature signExternal(Handles.Device device, byte[] privateKey, byte[] e) {
        EccPrivateKeyBlob key = privateKeyBlob(privateKey);
        try {
            EccSignatureBlob blob = new EccSignatureBlob(alignment);
            check("SKF_ExtECCSign", skf.SKF_ExtECCSign(device.pointer(), key, e, e.length, blob));
            return EccSignature.fromBlob(blob);
        } finally {
            key.getPointer().clear(key.size());
        }
    }

    /** {@code SKF_ExtECCEncrypt}: SM2-encrypts to an external public key. */
    public EccCipher encryptExternal(Handles.Device device, EccPublicKey key, byte[] plaintext) {
        EccCipherBlob blob = new EccCipherBlob(alignment, Math.max(plaintext.length, 1));
        check("SKF_ExtECCEncrypt", skf.SKF_ExtECCEncrypt(device.pointer(), key.toBlob(alignment), plaintext,
                plaintext.length, blob));
        return EccCipher.fromBlob(blob);
    }

    public byte[] decryptExternal(Handles.Device device, byte[] privateKey, EccCipher cipher) {
        EccPrivateKeyBlob key = privateKeyBlob(privateKey);
        try {
            EccCipherBlob blob = cipher.toBlob(alignment);
            return fetch("SKF_ExtECCDecrypt", cipher.cipher().length,
                    (buffer, size) -> skf.SKF_ExtECCDecrypt(device.pointer(), key, blob, buffer, size));
        } finally {
            key.getPointer().clear(key.size());
        }
    }

    /**
     * {@code SKF_ECCDecrypt} (an extension, GmSSL's prototype): decrypts with the container's encryption
     * key. Libraries without it throw {@link UnsatisfiedLinkError}; {@link #importSessionKey} is the standard way.
     */
    public byte[] decrypt(Handles.Container container, EccCipher cipher) {
        EccCipherBlob blob = cipher.toBlob(alignment);
        return fetch("SKF_ECCDecrypt", cipher.cipher().length,
                (buffer, size) -> skf.SKF_ECCDecrypt(container.pointer(), blob, buffer, size));
    }

    /** {@code SKF_ImportSessionKey}: a symmetric key SM2-encrypted to the container's encryption key. */
    public Handles.SessionKey importSessionKey(Handles.Container container, int algId, EccCipher wrappedKey) {
        EccCipherBlob blob = wrappedKey.toBlob(alignment);
        blob.write();
        PointerByReference handle = new PointerByReference();
        check("SKF_ImportSessionKey", skf.SKF_ImportSessionKey(container.pointer(), algId, blob.getPointer(),
                EccCipherBlob.CIPHER_OFFSET + wrappedKey.cipher().length, handle));
        return new Handles.SessionKey(handle.getValue());
    }

    public Handles.SessionKey setSymmetricKey(Handles.Device device, byte[] key, int algId) {
        PointerByReference handle = new PointerByReference();
        check("SKF_SetSymmKey", skf.SKF_SetSymmKey(device.pointer(), key, algId, handle));
        return new Handles.SessionKey(handle.getValue());
    }

    /** {@code SKF_EncryptInit} then {@code SKF_Encrypt}, one shot. {@code iv} is ignored in ECB mode. */
    public byte[] encrypt(Handles.SessionKey key, byte[] iv, int paddingType, byte[] data) {
        check("SKF_EncryptInit", skf.SKF_EncryptInit(key.pointer(), cipherParam(iv, paddingType)));
        return fetch("SKF_Encrypt", data.length + 32,
                (buffer, size) -> skf.SKF_Encrypt(key.pointer(), data, data.length, buffer, size));
    }

    /** {@code SKF_DecryptInit} then {@code SKF_Decrypt}, one shot. */
    public byte[] decrypt(Handles.SessionKey key, byte[] iv, int paddingType, byte[] data) {
        check("SKF_DecryptInit", skf.SKF_DecryptInit(key.pointer(), cipherParam(iv, paddingType)));
        return fetch("SKF_Decrypt", data.length + 32,
                (buffer, size) -> skf.SKF_Decrypt(key.pointer(), data, data.length, buffer, size));
    }

    /**
     * {@code SKF_DigestInit}: with {@code SGD_SM3}, a public key and an ID, the device first hashes
     * Z (SM2 pre-processing), so {@link #digest} returns e = SM3(Z || M); with {@code key} null, a plain hash.
     */
    public Handles.Hash digestInit(Handles.Device device, int algId, EccPublicKey key, byte[] id) {
        PointerByReference handle = new PointerByReference();
        byte[] pbId = id == null || id.length == 0 ? null : id;
        check("SKF_DigestInit", skf.SKF_DigestInit(device.pointer(), algId, key == null ? null : key.toBlob(alignment),
                pbId, pbId == null ? 0 : pbId.length, handle));
        return new Handles.Hash(handle.getValue());
    }

    public void digestUpdate(Handles.Hash hash, byte[] data) {
        check("SKF_DigestUpdate", skf.SKF_DigestUpdate(hash.pointer(), data, data.length));
    }

    public byte[] digestFinal(Handles.Hash hash) {
        return fetch("SKF_DigestFinal", 64,
                (buffer, size) -> skf.SKF_DigestFinal(hash.pointer(), buffer, size));
    }

    /** {@code SKF_Digest}: the whole message in one call. */
    public byte[] digest(Handles.Hash hash, byte[] data) {
        return fetch("SKF_Digest", 64,
                (buffer, size) -> skf.SKF_Digest(hash.pointer(), data, data.length, buffer, size));
    }

    /** {@code SKF_CloseHandle} for session keys. */
    public void close(Handles.SessionKey key) {
        check("SKF_CloseHandle", skf.SKF_CloseHandle(key.pointer()));
    }

    /** {@code SKF_CloseHandle} for hashes. */
    public void close(Handles.Hash hash) {
        check("SKF_CloseHandle", skf.SKF_CloseHandle(hash.pointer()));
    }

    private EccPrivateKeyBlob privateKeyBlob(byte[] privateKey) {
        EccPrivateKeyBlob key = new EccPrivateKeyBlob(alignment);
        key.bitLen = 256;
        key.privateKey = Fields.toField(Fields.checkedValue(privateKey, "the private key"));
        return key;
    }

    private BlockCipherParam.ByValue cipherParam(byte[] iv, int paddingType) {
        BlockCipherParam.ByValue param = new BlockCipherParam.ByValue(alignment);
        if (iv != null) {
            if (iv.length > param.iv.length) {
                throw new IllegalArgumentException("an IV is at most 32 bytes");
            }
            System.arraycopy(iv, 0, param.iv, 0, iv.length);
            param.ivLen = iv.length;
        }
        param.paddingType = paddingType;
        return param;
    }

    private static int bool(boolean value) {
        return value ? SkfConstants.TRUE : SkfConstants.FALSE;
    }
}
