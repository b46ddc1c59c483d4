package com.ukeybridge.site.refusal;

import java.util.List;
import java.util.Map;

/** The request's key is of a kind the site does not certify, or not the kind this certificate or authorization needs. */
public final class UnsupportedKeyException extends Refusal {
    public static final List<String> SUPPORTED = List.of("RSA-2048", "EC-P256", "SM2");

    public UnsupportedKeyException(String found) {
        super(400, "UNSUPPORTED_KEY",
                "UKey生成的密钥类型（" + found + "）不受支持，本网站只签发 RSA-2048、EC-P256 或 SM2 密钥的证书。请更新UKey助手程序后重试。",
                "The key made by the UKey (" + found + ") is not supported; this site certifies RSA-2048, EC-P256 or SM2 keys only. Update the UKey agent and retry.",
                Map.of("supported", SUPPORTED));
    }

    private UnsupportedKeyException(String found, String needed) {
        super(400, "UNSUPPORTED_KEY",
                "UKey生成的密钥类型（" + found + "）与本次业务不符，这里需要 " + needed + " 密钥（国密证书只能用国密 UKey 更新和下载）。请确认插入的是正确的UKey后重试。",
                "The key made by the UKey (" + found + ") does not fit: this needs an " + needed
                        + " key (GM certificates are renewed and downloaded with GM UKeys only). Check that the right UKey is plugged in and retry.",
                Map.of("supported", List.of(needed)));
    }

    /** The request's key is supported, but this certificate (or authorization) needs a key of kind {@code needed}. */
    public static UnsupportedKeyException needs(String found, String needed) {
        return new UnsupportedKeyException(found, needed);
    }
}
