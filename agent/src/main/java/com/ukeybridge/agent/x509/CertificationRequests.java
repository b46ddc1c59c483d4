package com.ukeybridge.agent.x509;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;

/** PKCS#10 requests whose signature is made wherever {@code signer} signs (on the token). */
public final class CertificationRequests {
    private CertificationRequests() {
    }

    /** @return the request, DER */
    public static byte[] build(X500Principal subject, PublicKey publicKey, ContentSigner signer) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, publicKey).build(signer).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a certification request in memory failed", e);
        }
    }
}
