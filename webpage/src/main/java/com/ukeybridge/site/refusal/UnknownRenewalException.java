package com.ukeybridge.site.refusal;

/** No renewal with the given id. */
public final class UnknownRenewalException extends Refusal {
    public UnknownRenewalException() {
        super(404, "UNKNOWN_RENEWAL",
                "找不到这次证书更新的记录，可能页面已过期。请返回【更新用户证书】，重新选择证书。",
                "This renewal is not known to the site; the page may be out of date. Go back to “Renew certificate” and choose the certificate again.");
    }
}
