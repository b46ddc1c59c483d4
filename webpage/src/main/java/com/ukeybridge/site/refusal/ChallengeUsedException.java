package com.ukeybridge.site.refusal;

/** The challenge was already answered with another key. */
public final class ChallengeUsedException extends Refusal {
    public ChallengeUsedException() {
        super(409, "CHALLENGE_USED",
                "本次更新已经使用另一个新密钥完成了签发，不能重复使用。请重新选择证书，按页面提示继续。",
                "This renewal was already answered with another new key and cannot be used again. Choose the certificate again and follow the page.");
    }
}
