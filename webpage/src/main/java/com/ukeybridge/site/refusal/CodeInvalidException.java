package com.ukeybridge.site.refusal;

import java.util.Map;

/**
 * Reference number and authorization code do not match; the wrong try was counted. A reference
 * number that does not exist gets exactly this answer, its tries counted the same way (and it
 * locks the same way): walking reference numbers tells nobody which exist.
 */
public final class CodeInvalidException extends Refusal {
    private final int attemptsLeft;

    /** @param attemptsLeft tries left before the authorization locks */
    public CodeInvalidException(int attemptsLeft) {
        super(403, "CODE_INVALID",
                "业务参考号或授权码不正确，还可以再试" + attemptsLeft
                        + "次。请核对RA中心提供的业务参考号和授权码后重新输入（授权码不区分大小写，横线可以不输入）；多次输入错误后该授权将被锁定。",
                "The reference number or the authorization code is wrong (" + attemptsLeft + " tries left)."
                        + " Check both against what the RA centre gave you and enter them again; too many wrong tries lock the authorization.",
                Map.of("attemptsLeft", attemptsLeft));
        this.attemptsLeft = attemptsLeft;
    }

    public int attemptsLeft() {
        return attemptsLeft;
    }
}
