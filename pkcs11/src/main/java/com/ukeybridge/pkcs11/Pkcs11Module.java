package com.ukeybridge.pkcs11;

import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import com.ukeybridge.pkcs11.jna.CkInfo;
import com.ukeybridge.pkcs11.jna.CkInitializeArgs;
import com.ukeybridge.pkcs11.jna.CkTokenInfo;
import com.ukeybridge.pkcs11.jna.Cryptoki;
import com.ukeybridge.pkcs11.jna.UlongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKF_RW_SESSION;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKF_SERIAL_SESSION;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_BUFFER_TOO_SMALL;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_OK;

/**
 * One loaded PKCS#11 library, with every call checked: a {@code CK_RV} other than {@code CKR_OK}
 * becomes a {@link Pkcs11Exception} carrying the code and its name. Above this class nobody sees a
 * return code or a JNA pointer. Thread-safe as far as the library is ({@code CKF_OS_LOCKING_OK}).
 */
public final class Pkcs11Module {
    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Module.class);

    private final Cryptoki cryptoki;
    private final String name;

    /** @param name how logs name the library, e.g. its path */
    public Pkcs11Module(Cryptoki cryptoki, String name) {
        this.cryptoki = cryptoki;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** {@code C_Initialize} with {@code CKF_OS_LOCKING_OK}, since we call from several threads. */
    public void initialize() {
        check("C_Initialize", cryptoki.C_Initialize(CkInitializeArgs.osLocking()));
    }

    /** {@code C_Finalize}: every session of the process on this library ends, logins with them. */
    public void finalizeModule() {
        check("C_Finalize", cryptoki.C_Finalize(null));
    }

    public ModuleInfo info() {
        CkInfo info = new CkInfo();
        check("C_GetInfo", cryptoki.C_GetInfo(info));
        return new ModuleInfo(Padded.text(info.manufacturerID), Padded.text(info.libraryDescription),
                info.libraryVersion.toString(), info.cryptokiVersion.toString());
    }

    /** {@code C_GetSlotList}, asked twice as the standard requires: once for the count, once for the ids. */
    public List<Long> slots(boolean tokenPresent) {
        byte present = (byte) (tokenPresent ? 1 : 0);
        for (int attempt = 0; ; attempt++) {
            NativeLongByReference count = new NativeLongByReference(new NativeLong(0));
            check("C_GetSlotList", cryptoki.C_GetSlotList(present, null, count));
            int n = (int) Ulong.of(count.getValue());
            if (n == 0) {
                return List.of();
            }
            UlongArray ids = new UlongArray(n);
            NativeLong rv = cryptoki.C_GetSlotList(present, ids, count);
            // A token inserted between the two calls makes the list grow: ask again.
            if (Ulong.of(rv) == CKR_BUFFER_TOO_SMALL && attempt < 3) {
                continue;
            }
            check("C_GetSlotList", rv);
            List<Long> slots = new ArrayList<>();
            for (int i = 0; i < Ulong.of(count.getValue()); i++) {
                slots.add(ids.get(i));
            }
            return List.copyOf(slots);
        }
    }

    public SlotTokenInfo tokenInfo(long slot) {
        CkTokenInfo info = new CkTokenInfo();
        check("C_GetTokenInfo", cryptoki.C_GetTokenInfo(Ulong.nl(slot), info));
        return new SlotTokenInfo(Padded.text(info.label), Padded.text(info.manufacturerID), Padded.text(info.model),
                Padded.text(info.serialNumber), Ulong.of(info.flags), Ulong.of(info.ulMinPinLen), Ulong.of(info.ulMaxPinLen));
    }

    /** {@code CKM_*} mechanisms the token in {@code slot} offers. */
    public List<Long> mechanisms(long slot) {
        NativeLongByReference count = new NativeLongByReference(new NativeLong(0));
        check("C_GetMechanismList", cryptoki.C_GetMechanismList(Ulong.nl(slot), null, count));
        int n = (int) Ulong.of(count.getValue());
        if (n == 0) {
            return List.of();
        }
        UlongArray list = new UlongArray(n);
        check("C_GetMechanismList", cryptoki.C_GetMechanismList(Ulong.nl(slot), list, count));
        List<Long> mechanisms = new ArrayList<>();
        for (int i = 0; i < Ulong.of(count.getValue()); i++) {
            mechanisms.add(list.get(i));
        }
        return List.copyOf(mechanisms);
    }

    /** A read/write session; it (and the login, if it is the last session) ends at {@link Pkcs11Session#close()}. */
    public Pkcs11Session openSession(long slot) {
        NativeLongByReference handle = new NativeLongByReference(new NativeLong(0));
        check("C_OpenSession", cryptoki.C_OpenSession(Ulong.nl(slot), Ulong.nl(CKF_SERIAL_SESSION | CKF_RW_SESSION),
                null, null, handle));
        return new Pkcs11Session(this, cryptoki, slot, Ulong.of(handle.getValue()));
    }

    /** {@code C_CloseAllSessions}, to drop what a failed token left behind. */
    public void closeAllSessions(long slot) {
        check("C_CloseAllSessions", cryptoki.C_CloseAllSessions(Ulong.nl(slot)));
    }

    void check(String function, NativeLong rv) {
        long code = Ulong.of(rv);
        if (code == CKR_OK) {
            LOG.trace("{} {}: CKR_OK", name, function);
            return;
        }
        LOG.debug("{} {}: {}", name, function, ReturnValueNames.nameOf(code));
        throw new Pkcs11Exception(function, code);
    }
}
