package com.ukeybridge.site.refusal;

/** completion names a serial number not issued by this renewal or authorization. */
public final class UnknownIssuanceException extends Refusal {
    public UnknownIssuanceException() {
        super(404, "UNKNOWN_ISSUANCE",
                "找不到与此序列号对应的已签发证书，无法确认写入完成。请刷新页面后重试。",
                "No certificate with this serial number was issued for this renewal or authorization, so its writing cannot be confirmed. Reload the page and retry.");
    }
}
