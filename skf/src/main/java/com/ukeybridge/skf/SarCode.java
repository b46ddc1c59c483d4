package com.ukeybridge.skf;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code SAR_*} return codes of GM/T 0016-2012, the one table of them. Every source agrees on
 * these values (GmSSL, Tongsuo and vendor headers); codes above {@code 0x0A000032} are vendor-defined
 * and clash between vendors, so they are reported by number.
 */
public enum SarCode {
    SAR_OK(0x00000000),
    SAR_FAIL(0x0A000001),
    SAR_UNKNOWNERR(0x0A000002),
    SAR_NOTSUPPORTYETERR(0x0A000003),
    SAR_FILEERR(0x0A000004),
    SAR_INVALIDHANDLEERR(0x0A000005),
    SAR_INVALIDPARAMERR(0x0A000006),
    SAR_READFILEERR(0x0A000007),
    SAR_WRITEFILEERR(0x0A000008),
    SAR_NAMELENERR(0x0A000009),
    SAR_KEYUSAGEERR(0x0A00000A),
    SAR_MODULUSLENERR(0x0A00000B),
    SAR_NOTINITIALIZEERR(0x0A00000C),
    SAR_OBJERR(0x0A00000D),
    SAR_MEMORYERR(0x0A00000E),
    SAR_TIMEOUTERR(0x0A00000F),
    SAR_INDATALENERR(0x0A000010),
    SAR_INDATAERR(0x0A000011),
    SAR_GENRANDERR(0x0A000012),
    SAR_HASHOBJERR(0x0A000013),
    SAR_HASHERR(0x0A000014),
    SAR_GENRSAKEYERR(0x0A000015),
    SAR_RSAMODULUSLENERR(0x0A000016),
    SAR_CSPIMPRTPUBKEYERR(0x0A000017),
    SAR_RSAENCERR(0x0A000018),
    SAR_RSADECERR(0x0A000019),
    SAR_HASHNOTEQUALERR(0x0A00001A),
    SAR_KEYNOTFOUNTERR(0x0A00001B),
    SAR_CERTNOTFOUNTERR(0x0A00001C),
    SAR_NOTEXPORTERR(0x0A00001D),
    SAR_DECRYPTPADERR(0x0A00001E),
    SAR_MACLENERR(0x0A00001F),
    SAR_BUFFER_TOO_SMALL(0x0A000020),
    SAR_KEYINFOTYPEERR(0x0A000021),
    SAR_NOT_EVENTERR(0x0A000022),
    SAR_DEVICE_REMOVED(0x0A000023),
    SAR_PIN_INCORRECT(0x0A000024),
    SAR_PIN_LOCKED(0x0A000025),
    SAR_PIN_INVALID(0x0A000026),
    SAR_PIN_LEN_RANGE(0x0A000027),
    SAR_USER_ALREADY_LOGGED_IN(0x0A000028),
    SAR_USER_PIN_NOT_INITIALIZED(0x0A000029),
    SAR_USER_TYPE_INVALID(0x0A00002A),
    SAR_APPLICATION_NAME_INVALID(0x0A00002B),
    SAR_APPLICATION_EXISTS(0x0A00002C),
    SAR_USER_NOT_LOGGED_IN(0x0A00002D),
    SAR_APPLICATION_NOT_EXISTS(0x0A00002E),
    SAR_FILE_ALREADY_EXIST(0x0A00002F),
    SAR_NO_ROOM(0x0A000030),
    SAR_FILE_NOT_EXIST(0x0A000031),
    SAR_REACH_MAX_CONTAINER_COUNT(0x0A000032);

    private static final Map<Integer, SarCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(SarCode::code, Function.identity()));

    private final int code;

    SarCode(int code) {
        this.code = code;
    }

    /** The value as the library returns it (a {@code ULONG}). */
    public int code() {
        return code;
    }

    public static Optional<SarCode> of(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The standard's name, or {@code SAR_0x0A000101} for a vendor's own code. */
    public static String nameOf(int code) {
        return of(code).map(Enum::name).orElse(String.format("SAR_0x%08X", code));
    }
}
