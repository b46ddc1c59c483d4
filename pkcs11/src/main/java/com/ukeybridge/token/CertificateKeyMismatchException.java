package com.ukeybridge.token;

/** No private key on the token pairs with the certificate's public key. */
public final class CertificateKeyMismatchException extends TokenException {
    public CertificateKeyMismatchException(String message) {
        super(message);
    }
}
