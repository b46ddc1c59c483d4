package com.ukeybridge.site.refusal;

/** The request is for the old certificate's key. */
public final class CsrReusesOldKeyException extends Refusal {
    public CsrReusesOldKeyException() {
        super(409, "CSR_REUSES_OLD_KEY",
                "证书请求使用的是旧证书的密钥。更新证书必须在UKey中生成新的密钥，请重新更新。",
                "The certificate request is for the old certificate's key. A renewal needs a new key made on the UKey; please renew again.");
    }
}
