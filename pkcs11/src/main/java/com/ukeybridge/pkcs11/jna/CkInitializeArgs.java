package com.ukeybridge.pkcs11.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code CK_C_INITIALIZE_ARGS}: we never pass mutex callbacks, only {@code CKF_OS_LOCKING_OK}. */
@Structure.FieldOrder({"CreateMutex", "DestroyMutex", "LockMutex", "UnlockMutex", "flags", "pReserved"})
public class CkInitializeArgs extends Structure {
    public Pointer CreateMutex;
    public Pointer DestroyMutex;
    public Pointer LockMutex;
    public Pointer UnlockMutex;
    public NativeLong flags;
    public Pointer pReserved;

    public CkInitializeArgs() {
        super(Packing.ALIGNMENT);
    }

    /** Lets the library use the OS's own locking, as we call it from several threads. */
    public static CkInitializeArgs osLocking() {
        CkInitializeArgs args = new CkInitializeArgs();
        args.flags = new NativeLong(Pkcs11Constants.CKF_OS_LOCKING_OK);
        return args;
    }
}
