package com.ukeybridge.pkcs11.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/** {@code CK_TOKEN_INFO}. */
@Structure.FieldOrder({"label", "manufacturerID", "model", "serialNumber", "flags",
        "ulMaxSessionCount", "ulSessionCount", "ulMaxRwSessionCount", "ulRwSessionCount",
        "ulMaxPinLen", "ulMinPinLen", "ulTotalPublicMemory", "ulFreePublicMemory",
        "ulTotalPrivateMemory", "ulFreePrivateMemory", "hardwareVersion", "firmwareVersion", "utcTime"})
public class CkTokenInfo extends Structure {
    public byte[] label = new byte[32];
    public byte[] manufacturerID = new byte[32];
    public byte[] model = new byte[16];
    public byte[] serialNumber = new byte[16];
    public NativeLong flags;
    public NativeLong ulMaxSessionCount;
    public NativeLong ulSessionCount;
    public NativeLong ulMaxRwSessionCount;
    public NativeLong ulRwSessionCount;
    public NativeLong ulMaxPinLen;
    public NativeLong ulMinPinLen;
    public NativeLong ulTotalPublicMemory;
    public NativeLong ulFreePublicMemory;
    public NativeLong ulTotalPrivateMemory;
    public NativeLong ulFreePrivateMemory;
    public CkVersion hardwareVersion;
    public CkVersion firmwareVersion;
    public byte[] utcTime = new byte[16];

    public CkTokenInfo() {
        super(Packing.ALIGNMENT);
    }
}
