package com.ukeybridge.pkcs11.jna;

/**
 * The PKCS#11 2.40 constants we use, under their specification names so that code reads like
 * the standard. {@code CKR_*} names are also the source of {@code ReturnValueNames}.
 */
public final class Pkcs11Constants {
    private Pkcs11Constants() {
    }

    public static final long CK_UNAVAILABLE_INFORMATION = -1L; // ~0UL, as NativeLong.longValue() reads it on every platform

    // CKF_: flags of CK_C_INITIALIZE_ARGS, sessions, tokens, slots
    public static final long CKF_LIBRARY_CANT_CREATE_OS_THREADS = 0x00000001L;
    public static final long CKF_OS_LOCKING_OK = 0x00000002L;
    public static final long CKF_RW_SESSION = 0x00000002L;
    public static final long CKF_SERIAL_SESSION = 0x00000004L;
    public static final long CKF_TOKEN_PRESENT = 0x00000001L;
    public static final long CKF_REMOVABLE_DEVICE = 0x00000002L;
    public static final long CKF_HW_SLOT = 0x00000004L;
    public static final long CKF_RNG = 0x00000001L;
    public static final long CKF_WRITE_PROTECTED = 0x00000002L;
    public static final long CKF_LOGIN_REQUIRED = 0x00000004L;
    public static final long CKF_USER_PIN_INITIALIZED = 0x00000008L;
    public static final long CKF_PROTECTED_AUTHENTICATION_PATH = 0x00000100L;
    public static final long CKF_TOKEN_INITIALIZED = 0x00000400L;
    public static final long CKF_USER_PIN_COUNT_LOW = 0x00010000L;
    public static final long CKF_USER_PIN_FINAL_TRY = 0x00020000L;
    public static final long CKF_USER_PIN_LOCKED = 0x00040000L;
    public static final long CKF_USER_PIN_TO_BE_CHANGED = 0x00080000L;

    // CKU_: user types
    public static final long CKU_SO = 0L;
    public static final long CKU_USER = 1L;

    // CKS_: session states
    public static final long CKS_RO_PUBLIC_SESSION = 0L;
    public static final long CKS_RO_USER_FUNCTIONS = 1L;
    public static final long CKS_RW_PUBLIC_SESSION = 2L;
    public static final long CKS_RW_USER_FUNCTIONS = 3L;
    public static final long CKS_RW_SO_FUNCTIONS = 4L;

    // CKO_: object classes
    public static final long CKO_DATA = 0x00000000L;
    public static final long CKO_CERTIFICATE = 0x00000001L;
    public static final long CKO_PUBLIC_KEY = 0x00000002L;
    public static final long CKO_PRIVATE_KEY = 0x00000003L;
    public static final long CKO_SECRET_KEY = 0x00000004L;

    // CKC_: certificate types
    public static final long CKC_X_509 = 0x00000000L;

    // CKK_: key types
    public static final long CKK_RSA = 0x00000000L;
    public static final long CKK_DSA = 0x00000001L;
    public static final long CKK_EC = 0x00000003L;

    // CKA_: attributes
    public static final long CKA_CLASS = 0x00000000L;
    public static final long CKA_TOKEN = 0x00000001L;
    public static final long CKA_PRIVATE = 0x00000002L;
    public static final long CKA_LABEL = 0x00000003L;
    public static final long CKA_VALUE = 0x00000011L;
    public static final long CKA_CERTIFICATE_TYPE = 0x00000080L;
    public static final long CKA_ISSUER = 0x00000081L;
    public static final long CKA_SERIAL_NUMBER = 0x00000082L;
    public static final long CKA_TRUSTED = 0x00000086L;
    public static final long CKA_KEY_TYPE = 0x00000100L;
    public static final long CKA_SUBJECT = 0x00000101L;
    public static final long CKA_ID = 0x00000102L;
    public static final long CKA_SENSITIVE = 0x00000103L;
    public static final long CKA_ENCRYPT = 0x00000104L;
    public static final long CKA_DECRYPT = 0x00000105L;
    public static final long CKA_WRAP = 0x00000106L;
    public static final long CKA_UNWRAP = 0x00000107L;
    public static final long CKA_SIGN = 0x00000108L;
    public static final long CKA_VERIFY = 0x0000010AL;
    public static final long CKA_DERIVE = 0x0000010CL;
    public static final long CKA_MODULUS = 0x00000120L;
    public static final long CKA_MODULUS_BITS = 0x00000121L;
    public static final long CKA_PUBLIC_EXPONENT = 0x00000122L;
    public static final long CKA_PRIVATE_EXPONENT = 0x00000123L;
    public static final long CKA_EXTRACTABLE = 0x00000162L;
    public static final long CKA_LOCAL = 0x00000163L;
    public static final long CKA_NEVER_EXTRACTABLE = 0x00000164L;
    public static final long CKA_ALWAYS_SENSITIVE = 0x00000165L;
    public static final long CKA_MODIFIABLE = 0x00000170L;
    public static final long CKA_EC_PARAMS = 0x00000180L;
    public static final long CKA_EC_POINT = 0x00000181L;

    // CKM_: mechanisms
    public static final long CKM_RSA_PKCS_KEY_PAIR_GEN = 0x00000000L;
    public static final long CKM_RSA_PKCS = 0x00000001L;
    public static final long CKM_SHA256_RSA_PKCS = 0x00000040L;
    public static final long CKM_EC_KEY_PAIR_GEN = 0x00001040L;
    public static final long CKM_ECDSA = 0x00001041L;
    public static final long CKM_ECDSA_SHA256 = 0x00001044L;

    // CKR_: return values
    public static final long CKR_OK = 0x00000000L;
    public static final long CKR_CANCEL = 0x00000001L;
    public static final long CKR_HOST_MEMORY = 0x00000002L;
    public static final long CKR_SLOT_ID_INVALID = 0x00000003L;
    public static final long CKR_GENERAL_ERROR = 0x00000005L;
    public static final long CKR_FUNCTION_FAILED = 0x00000006L;
    public static final long CKR_ARGUMENTS_BAD = 0x00000007L;
    public static final long CKR_NO_EVENT = 0x00000008L;
    public static final long CKR_NEED_TO_CREATE_THREADS = 0x00000009L;
    public static final long CKR_CANT_LOCK = 0x0000000AL;
    public static final long CKR_ATTRIBUTE_READ_ONLY = 0x00000010L;
    public static final long CKR_ATTRIBUTE_SENSITIVE = 0x00000011L;
    public static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x00000012L;
    public static final long CKR_ATTRIBUTE_VALUE_INVALID = 0x00000013L;
    public static final long CKR_ACTION_PROHIBITED = 0x0000001BL;
    public static final long CKR_DATA_INVALID = 0x00000020L;
    public static final long CKR_DATA_LEN_RANGE = 0x00000021L;
    public static final long CKR_DEVICE_ERROR = 0x00000030L;
    public static final long CKR_DEVICE_MEMORY = 0x00000031L;
    public static final long CKR_DEVICE_REMOVED = 0x00000032L;
    public static final long CKR_ENCRYPTED_DATA_INVALID = 0x00000040L;
    public static final long CKR_ENCRYPTED_DATA_LEN_RANGE = 0x00000041L;
    public static final long CKR_FUNCTION_CANCELED = 0x00000050L;
    public static final long CKR_FUNCTION_NOT_PARALLEL = 0x00000051L;
    public static final long CKR_FUNCTION_NOT_SUPPORTED = 0x00000054L;
    public static final long CKR_KEY_HANDLE_INVALID = 0x00000060L;
    public static final long CKR_KEY_SIZE_RANGE = 0x00000062L;
    public static final long CKR_KEY_TYPE_INCONSISTENT = 0x00000063L;
    public static final long CKR_KEY_NOT_NEEDED = 0x00000064L;
    public static final long CKR_KEY_CHANGED = 0x00000065L;
    public static final long CKR_KEY_NEEDED = 0x00000066L;
    public static final long CKR_KEY_INDIGESTIBLE = 0x00000067L;
    public static final long CKR_KEY_FUNCTION_NOT_PERMITTED = 0x00000068L;
    public static final long CKR_KEY_NOT_WRAPPABLE = 0x00000069L;
    public static final long CKR_KEY_UNEXTRACTABLE = 0x0000006AL;
    public static final long CKR_MECHANISM_INVALID = 0x00000070L;
    public static final long CKR_MECHANISM_PARAM_INVALID = 0x00000071L;
    public static final long CKR_OBJECT_HANDLE_INVALID = 0x00000082L;
    public static final long CKR_OPERATION_ACTIVE = 0x00000090L;
    public static final long CKR_OPERATION_NOT_INITIALIZED = 0x00000091L;
    public static final long CKR_PIN_INCORRECT = 0x000000A0L;
    public static final long CKR_PIN_INVALID = 0x000000A1L;
    public static final long CKR_PIN_LEN_RANGE = 0x000000A2L;
    public static final long CKR_PIN_EXPIRED = 0x000000A3L;
    public static final long CKR_PIN_LOCKED = 0x000000A4L;
    public static final long CKR_SESSION_CLOSED = 0x000000B0L;
    public static final long CKR_SESSION_COUNT = 0x000000B1L;
    public static final long CKR_SESSION_HANDLE_INVALID = 0x000000B3L;
    public static final long CKR_SESSION_PARALLEL_NOT_SUPPORTED = 0x000000B4L;
    public static final long CKR_SESSION_READ_ONLY = 0x000000B5L;
    public static final long CKR_SESSION_EXISTS = 0x000000B6L;
    public static final long CKR_SESSION_READ_ONLY_EXISTS = 0x000000B7L;
    public static final long CKR_SESSION_READ_WRITE_SO_EXISTS = 0x000000B8L;
    public static final long CKR_SIGNATURE_INVALID = 0x000000C0L;
    public static final long CKR_SIGNATURE_LEN_RANGE = 0x000000C1L;
    public static final long CKR_TEMPLATE_INCOMPLETE = 0x000000D0L;
    public static final long CKR_TEMPLATE_INCONSISTENT = 0x000000D1L;
    public static final long CKR_TOKEN_NOT_PRESENT = 0x000000E0L;
    public static final long CKR_TOKEN_NOT_RECOGNIZED = 0x000000E1L;
    public static final long CKR_TOKEN_WRITE_PROTECTED = 0x000000E2L;
    public static final long CKR_USER_ALREADY_LOGGED_IN = 0x00000100L;
    public static final long CKR_USER_NOT_LOGGED_IN = 0x00000101L;
    public static final long CKR_USER_PIN_NOT_INITIALIZED = 0x00000102L;
    public static final long CKR_USER_TYPE_INVALID = 0x00000103L;
    public static final long CKR_USER_ANOTHER_ALREADY_LOGGED_IN = 0x00000104L;
    public static final long CKR_USER_TOO_MANY_TYPES = 0x00000105L;
    public static final long CKR_DOMAIN_PARAMS_INVALID = 0x00000130L;
    public static final long CKR_CURVE_NOT_SUPPORTED = 0x00000140L;
    public static final long CKR_BUFFER_TOO_SMALL = 0x00000150L;
    public static final long CKR_SAVED_STATE_INVALID = 0x00000160L;
    public static final long CKR_INFORMATION_SENSITIVE = 0x00000170L;
    public static final long CKR_STATE_UNSAVEABLE = 0x00000180L;
    public static final long CKR_CRYPTOKI_NOT_INITIALIZED = 0x00000190L;
    public static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x00000191L;
    public static final long CKR_MUTEX_BAD = 0x000001A0L;
    public static final long CKR_MUTEX_NOT_LOCKED = 0x000001A1L;
    public static final long CKR_FUNCTION_REJECTED = 0x00000200L;
    public static final long CKR_VENDOR_DEFINED = 0x80000000L;
}
