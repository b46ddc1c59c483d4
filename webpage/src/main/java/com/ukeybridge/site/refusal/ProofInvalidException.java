package com.ukeybridge.site.refusal;

/** The signature over the challenge does not verify with the old certificate's key. */
public final class ProofInvalidException extends Refusal {
    public ProofInvalidException() {
        super(403, "PROOF_INVALID",
                "无法证明UKey中持有所选证书的私钥，签名验证失败。请确认插入的是该证书所在的UKey，重新选择证书后再试。",
                "The site could not verify that the key holds the private key of the chosen certificate. Check that the UKey with this certificate is inserted, choose the certificate again and retry.");
    }
}
