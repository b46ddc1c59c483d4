package com.ukeybridge.site.refusal;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** Reference number and authorization code do not match; the wrong try was counted. */
public final class CodeInvalidException extends Refusal {
    private final OptionalInt attemptsLeft;

    /** @param attemptsLeft tries left before the authorization locks; empty when the reference number is unknown */
    public CodeInvalidException(OptionalInt attemptsLeft) {
        super(403, "CODE_INVALID",
                "业务参考号或授权码不正确" + (attemptsLeft.isPresent() ? "，还可以再试" + attemptsLeft.getAsInt() + "次" : "")
                        + "。请核对RA中心提供的业务参考号和授权码后重新输入（授权码不区分大小写，横线可以不输入）；多次输入错误后该授权将被锁定。",
                "The reference number or the authorization code is wrong"
                        + (attemptsLeft.isPresent() ? " (" + attemptsLeft.getAsInt() + " tries left)" : "")
                        + ". Check both against what the RA centre gave you and enter them again; too many wrong tries lock the authorization.",
                details(attemptsLeft));
        this.attemptsLeft = attemptsLeft;
    }

    public OptionalInt attemptsLeft() {
        return attemptsLeft;
    }

    private static Map<String, Object> details(OptionalInt attemptsLeft) {
        Map<String, Object> details = new HashMap<>();
        attemptsLeft.ifPresent(n -> details.put("attemptsLeft", n));
        return details;
    }
}
