package com.ukeybridge.pkcs11;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import com.ukeybridge.pkcs11.jna.CkAttribute;
import com.ukeybridge.pkcs11.jna.CkMechanism;
import com.ukeybridge.pkcs11.jna.CkSessionInfo;
import com.ukeybridge.pkcs11.jna.Cryptoki;
import com.ukeybridge.pkcs11.jna.UlongArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_ATTRIBUTE_SENSITIVE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_ATTRIBUTE_TYPE_INVALID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_BUFFER_TOO_SMALL;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_GENERAL_ERROR;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_OK;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKU_USER;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CK_UNAVAILABLE_INFORMATION;

/** One open session on a token; not thread-safe (PKCS#11 sessions are not), the caller serialises. */
public final class Pkcs11Session implements AutoCloseable {
    private static final int FIND_BATCH = 64;
    /** Far above any certificate or public key a token holds; a longer value is a broken module's claim. */
    static final long MAX_VALUE_LENGTH = 1 << 20;

    private final Pkcs11Module module;
    private final Cryptoki cryptoki;
    private final long slot;
    private final NativeLong handle;

    Pkcs11Session(Pkcs11Module module, Cryptoki cryptoki, long slot, long handle) {
        this.module = module;
        this.cryptoki = cryptoki;
        this.slot = slot;
        this.handle = Ulong.nl(handle);
    }

    public long slot() {
        return slot;
    }

    /** {@code C_Login} as user. The PIN bytes are the caller's to wipe; they are never logged. */
    public void login(byte[] pin) {
        module.check("C_Login", cryptoki.C_Login(handle, Ulong.nl(CKU_USER), pin, Ulong.nl(pin.length)));
    }

    /**
     * {@code C_SetPIN} with the same PIN as old and new: the token checks {@code pin} as the
     * current user PIN, counting a wrong one, without logging anybody out. Used only to have
     * the token judge a PIN while it is already logged in; see {@code Token#verifyPin}.
     */
    public void checkPinBySettingItAgain(byte[] pin) {
        module.check("C_SetPIN", cryptoki.C_SetPIN(handle, pin, Ulong.nl(pin.length), pin, Ulong.nl(pin.length)));
    }

    public void logout() {
        module.check("C_Logout", cryptoki.C_Logout(handle));
    }

    /** The {@code CKS_*} session state, which says whether the application is logged in. */
    public long state() {
        CkSessionInfo info = new CkSessionInfo();
        module.check("C_GetSessionInfo", cryptoki.C_GetSessionInfo(handle, info));
        return Ulong.of(info.state);
    }

    /** Handles of every object matching {@code template}, in the order the token gives them. */
    public List<Long> find(List<Attribute> template) {
        List<Long> found = new ArrayList<>();
        try (NativeTemplate t = new NativeTemplate(template)) {
            module.check("C_FindObjectsInit", cryptoki.C_FindObjectsInit(handle, t.array(), t.count()));
        }
        boolean failed = true;
        try {
            UlongArray batch = new UlongArray(FIND_BATCH);
            while (true) {
                NativeLongByReference count = new NativeLongByReference(new NativeLong(0));
                module.check("C_FindObjects", cryptoki.C_FindObjects(handle, batch, Ulong.nl(FIND_BATCH), count));
                long n = Ulong.of(count.getValue());
                for (int i = 0; i < n; i++) {
                    found.add(batch.get(i));
                }
                if (n < FIND_BATCH) {
                    break;
                }
            }
            failed = false;
        } finally {
            NativeLong rv = cryptoki.C_FindObjectsFinal(handle);
            // Do not let a failing C_FindObjectsFinal hide the first failure.
            if (!failed) {
                module.check("C_FindObjectsFinal", rv);
            }
        }
        return List.copyOf(found);
    }

    /**
     * Reads attributes of one object: first their lengths, then their values. Attributes the object
     * lacks or keeps sensitive are left out of the answer rather than failing the call.
     */
    public AttributeValues attributes(long object, long... types) {
        CkAttribute[] query = CkAttribute.array(types.length);
        for (int i = 0; i < types.length; i++) {
            query[i].type = Ulong.nl(types[i]);
            query[i].pValue = null;
            query[i].ulValueLen = Ulong.nl(0);
        }
        checkPartial(cryptoki.C_GetAttributeValue(handle, Ulong.nl(object), query, Ulong.nl(types.length)));
        Map<Long, byte[]> values = new HashMap<>();
        List<Memory> buffers = new ArrayList<>();
        boolean anyToRead = false;
        for (int i = 0; i < types.length; i++) {
            long len = query[i].ulValueLen.longValue();
            if (len == CK_UNAVAILABLE_INFORMATION) {
                query[i].ulValueLen = Ulong.nl(0);
                query[i].pValue = null;
            } else if (len == 0) {
                values.put(types[i], new byte[0]);
            } else if (len < 0 || len > MAX_VALUE_LENGTH) {
                throw unusableLength();
            } else {
                Memory m = new Memory(len);
                buffers.add(m);
                query[i].pValue = m;
                anyToRead = true;
            }
        }
        if (anyToRead) {
            checkPartial(cryptoki.C_GetAttributeValue(handle, Ulong.nl(object), query, Ulong.nl(types.length)));
            for (int i = 0; i < types.length; i++) {
                long len = query[i].ulValueLen.longValue();
                if (query[i].pValue != null && len != CK_UNAVAILABLE_INFORMATION) {
                    if (len < 0 || len > ((Memory) query[i].pValue).size()) {
                        throw unusableLength();
                    }
                    values.put(types[i], query[i].pValue.getByteArray(0, (int) len));
                }
            }
        }
        buffers.forEach(Memory::clear);
        return new AttributeValues(values);
    }

    public long create(List<Attribute> template) {
        NativeLongByReference object = new NativeLongByReference(new NativeLong(0));
        try (NativeTemplate t = new NativeTemplate(template)) {
            module.check("C_CreateObject", cryptoki.C_CreateObject(handle, t.array(), t.count(), object));
        }
        return Ulong.of(object.getValue());
    }

    public void destroy(long object) {
        module.check("C_DestroyObject", cryptoki.C_DestroyObject(handle, Ulong.nl(object)));
    }

    /** {@code C_SignInit} then {@code C_Sign}, for mechanisms without parameters. */
    public byte[] sign(long mechanism, long key, byte[] data) {
        module.check("C_SignInit", cryptoki.C_SignInit(handle, CkMechanism.of(mechanism), Ulong.nl(key)));
        byte[] signature = new byte[1024];
        NativeLongByReference length = new NativeLongByReference(Ulong.nl(signature.length));
        NativeLong rv = cryptoki.C_Sign(handle, data, Ulong.nl(data.length), signature, length);
        if (Ulong.of(rv) == CKR_BUFFER_TOO_SMALL) {
            // The operation stays active after CKR_BUFFER_TOO_SMALL; the token has told us the length.
            signature = new byte[(int) Ulong.of(length.getValue())];
            rv = cryptoki.C_Sign(handle, data, Ulong.nl(data.length), signature, length);
        }
        module.check("C_Sign", rv);
        return Arrays.copyOf(signature, (int) Ulong.of(length.getValue()));
    }

    public KeyPairHandles generateKeyPair(long mechanism, List<Attribute> publicTemplate, List<Attribute> privateTemplate) {
        NativeLongByReference pub = new NativeLongByReference(new NativeLong(0));
        NativeLongByReference priv = new NativeLongByReference(new NativeLong(0));
        try (NativeTemplate pt = new NativeTemplate(publicTemplate); NativeTemplate kt = new NativeTemplate(privateTemplate)) {
            module.check("C_GenerateKeyPair", cryptoki.C_GenerateKeyPair(handle, CkMechanism.of(mechanism),
                    pt.array(), pt.count(), kt.array(), kt.count(), pub, priv));
        }
        return new KeyPairHandles(Ulong.of(pub.getValue()), Ulong.of(priv.getValue()));
    }

    @Override
    public void close() {
        module.check("C_CloseSession", cryptoki.C_CloseSession(handle));
    }

    /**
     * A module that claims a length beyond any attribute value, or more than it was given room
     * for, is broken: refused as its own general error rather than allocated or read past.
     */
    private static Pkcs11Exception unusableLength() {
        return new Pkcs11Exception("C_GetAttributeValue", CKR_GENERAL_ERROR);
    }

    private void checkPartial(NativeLong rv) {
        long code = Ulong.of(rv);
        // These two still fill in every other attribute, marking the bad ones unavailable.
        if (code != CKR_OK && code != CKR_ATTRIBUTE_SENSITIVE && code != CKR_ATTRIBUTE_TYPE_INVALID) {
            module.check("C_GetAttributeValue", rv);
        }
    }
}
