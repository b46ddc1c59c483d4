package com.ukeybridge.site.refusal;

/**
 * The certificate's one renewal already certified another new key: a certificate is renewed
 * once, and a resume can only write the certificate issued for that key.
 */
public final class RenewalBoundToKeyException extends Refusal {
    public RenewalBoundToKeyException() {
        super(409, "RENEWAL_BOUND_TO_KEY",
                "该证书已经为另一个新密钥签发了更新后的证书，每张证书只能更新一次。请在原来的UKey上继续完成写入；如该新密钥已经丢失，请联系RA中心办理证书下载授权。",
                "This certificate's renewal already issued a certificate for another new key, and a certificate is renewed only once. "
                        + "Finish writing it on the same UKey; if that new key is lost, ask the RA centre for a download authorization.");
    }
}
