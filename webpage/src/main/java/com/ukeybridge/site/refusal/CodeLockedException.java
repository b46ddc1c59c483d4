package com.ukeybridge.site.refusal;

/** maxAttempts wrong codes were tried. */
public final class CodeLockedException extends Refusal {
    public CodeLockedException() {
        super(423, "CODE_LOCKED",
                "授权码输入错误次数过多，该下载授权已被锁定。请联系山东RA中心重新申请下载授权。",
                "Too many wrong authorization codes were entered; this authorization is locked. Ask the RA centre for a new authorization.");
    }
}
