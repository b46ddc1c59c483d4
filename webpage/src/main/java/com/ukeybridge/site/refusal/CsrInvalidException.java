package com.ukeybridge.site.refusal;

/** The request's own signature does not verify, or it is not PKCS#10. */
public final class CsrInvalidException extends Refusal {
    public CsrInvalidException() {
        super(400, "CSR_INVALID",
                "UKey生成的证书请求无效（签名验证失败或格式不正确）。请拔插UKey后重试；如仍失败，请联系证书服务人员。",
                "The certificate request made by the UKey is invalid (bad signature or format). Unplug and re-insert the UKey and retry; if it fails again, contact the certificate service staff.");
    }
}
