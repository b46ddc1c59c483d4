package com.ukeybridge.site.refusal;

import java.util.List;
import java.util.Map;

/** The request's key is of a kind the site does not certify. */
public final class UnsupportedKeyException extends Refusal {
    public static final List<String> SUPPORTED = List.of("RSA-2048", "EC-P256");

    public UnsupportedKeyException(String found) {
        super(400, "UNSUPPORTED_KEY",
                "UKey生成的密钥类型（" + found + "）不受支持，本网站只签发 RSA-2048 或 EC-P256 密钥的证书。请更新UKey助手程序后重试。",
                "The key made by the UKey (" + found + ") is not supported; this site certifies RSA-2048 or EC-P256 keys only. Update the UKey agent and retry.",
                Map.of("supported", SUPPORTED));
    }
}
