package com.ukeybridge.site.refusal;

/** The authorization is older than codeValidDays. */
public final class CodeExpiredException extends Refusal {
    public CodeExpiredException() {
        super(410, "CODE_EXPIRED",
                "该证书下载授权码已过期。请联系山东RA中心重新申请下载授权。",
                "This download authorization has expired. Ask the RA centre for a new authorization.");
    }
}
