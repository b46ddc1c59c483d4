package com.ukeybridge.skf.jna;

/** Constants of GM/T 0016 (SKF) and GM/T 0006 that callers pass or test for; error codes are in {@code SarCode}. */
public final class SkfConstants {
    public static final int TRUE = 1;
    public static final int FALSE = 0;

    public static final int ADMIN_TYPE = 0;
    public static final int USER_TYPE = 1;

    public static final int SGD_SM1_ECB = 0x00000101;
    public static final int SGD_SM4_ECB = 0x00000401;
    public static final int SGD_SM4_CBC = 0x00000402;
    public static final int SGD_RSA = 0x00010000;
    /** SM2 signing as the SKF headers copy it; GM/T 0006-style headers (GmSSL, xdja) use {@link #SGD_SM2_1_GMT0006}. */
    public static final int SGD_SM2_1 = 0x00020100;
    public static final int SGD_SM2_1_GMT0006 = 0x00020200;
    public static final int SGD_SM2_3 = 0x00020400;
    public static final int SGD_SM3 = 0x00000001;
    public static final int SGD_SHA1 = 0x00000002;
    public static final int SGD_SHA256 = 0x00000004;

    public static final int SECURE_NEVER_ACCOUNT = 0x00;
    public static final int SECURE_ADM_ACCOUNT = 0x01;
    public static final int SECURE_USER_ACCOUNT = 0x10;
    public static final int SECURE_ANYONE_ACCOUNT = 0xFF;

    public static final int DEV_ABSENT_STATE = 0;
    public static final int DEV_PRESENT_STATE = 1;
    public static final int DEV_UNKNOW_STATE = 2;

    /** {@code SKF_WaitForDevEvent} events. */
    public static final int EVENT_DEVICE_INSERTED = 1;
    public static final int EVENT_DEVICE_REMOVED = 2;

    public static final int CONTAINER_TYPE_EMPTY = 0;
    public static final int CONTAINER_TYPE_RSA = 1;
    public static final int CONTAINER_TYPE_ECC = 2;

    public static final int ENVELOPEDKEYBLOB_VERSION = 1;
    /** {@code sizeof(ECCPUBLICKEYBLOB)}, what {@code SKF_ExportPublicKey} returns for an SM2 key. */
    public static final int ECC_PUBLIC_KEY_BLOB_LENGTH = 132;

    /** {@code BLOCKCIPHERPARAM.PaddingType}. */
    public static final int NO_PADDING = 0;
    public static final int PKCS5_PADDING = 1;

    private SkfConstants() {
    }
}
