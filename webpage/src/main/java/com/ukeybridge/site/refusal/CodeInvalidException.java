package com.ukeybridge.site.refusal;

/**
 * Reference number and authorization code do not match; a wrong try of an existing
 * authorization was counted. The same answer whether the reference number exists or not, and
 * without the tries left: walking reference numbers tells nobody which exist.
 */
public final class CodeInvalidException extends Refusal {
    public CodeInvalidException() {
        super(403, "CODE_INVALID",
                "业务参考号或授权码不正确。请核对RA中心提供的业务参考号和授权码后重新输入（授权码不区分大小写，横线可以不输入）；多次输入错误后该授权将被锁定。",
                "The reference number or the authorization code is wrong. Check both against what the RA centre gave you and enter them "
                        + "again; too many wrong tries lock the authorization.");
    }
}
