package com.ukeybridge.skf.jna;

import com.sun.jna.Structure;

/**
 * {@code DEVINFO}: 294 bytes packed, 296 natural; the only SKF structure whose field offsets
 * change with packing (every ULONG from {@code AlgSymCap} on moves by 2).
 */
@Structure.FieldOrder({"version", "manufacturer", "issuer", "label", "serialNumber", "hwVersion", "firmwareVersion",
        "algSymCap", "algAsymCap", "algHashCap", "devAuthAlgId", "totalSpace", "freeSpace", "maxEccBufferSize",
        "maxBufferSize", "reserved"})
public class DevInfo extends Structure {
    public SkfVersion version;
    public byte[] manufacturer = new byte[64];
    public byte[] issuer = new byte[64];
    public byte[] label = new byte[32];
    public byte[] serialNumber = new byte[32];
    public SkfVersion hwVersion;
    public SkfVersion firmwareVersion;
    public int algSymCap;
    public int algAsymCap;
    public int algHashCap;
    public int devAuthAlgId;
    public int totalSpace;
    public int freeSpace;
    public int maxEccBufferSize;
    public int maxBufferSize;
    public byte[] reserved = new byte[64];

    public DevInfo() {
        this(Packing.DEFAULT);
    }

    public DevInfo(int alignment) {
        super(alignment);
        version = new SkfVersion(alignment);
        hwVersion = new SkfVersion(alignment);
        firmwareVersion = new SkfVersion(alignment);
    }
}
