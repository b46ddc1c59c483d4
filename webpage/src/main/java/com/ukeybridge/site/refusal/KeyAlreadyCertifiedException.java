package com.ukeybridge.site.refusal;

/** The request's key already has a certificate for another subject or flow. */
public final class KeyAlreadyCertifiedException extends Refusal {
    public KeyAlreadyCertifiedException() {
        super(409, "KEY_ALREADY_CERTIFIED",
                "该密钥已经签发过其他证书，不能再次使用。请重新开始，让UKey生成新的密钥。",
                "This key already has a certificate for another purpose and cannot be used again. Start again so that the UKey makes a new key.");
    }
}
