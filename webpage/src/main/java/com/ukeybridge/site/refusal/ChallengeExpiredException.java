package com.ukeybridge.site.refusal;

/** The challenge is older than its lifetime. */
public final class ChallengeExpiredException extends Refusal {
    public ChallengeExpiredException() {
        super(410, "CHALLENGE_EXPIRED",
                "本次更新的验证码已超时（有效期5分钟）。请重新选择证书，再次输入口令后更新。",
                "This renewal's challenge has expired (it is valid for 5 minutes). Choose the certificate again and renew with your PIN.");
    }
}
