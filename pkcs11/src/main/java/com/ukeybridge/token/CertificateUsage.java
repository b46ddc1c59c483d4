package com.ukeybridge.token;

/**
 * What a certificate's key is for, as the protocol's {@code usage} names it. A GM key holds a
 * signing certificate (key made on the token) and an encryption certificate (key pair made by the
 * CA's key management centre); every PKCS#11 certificate is a signing one.
 */
public enum CertificateUsage {
    SIGNING("signing"),
    ENCRYPTION("encryption");

    private final String protocolName;

    CertificateUsage(String protocolName) {
        this.protocolName = protocolName;
    }

    public String protocolName() {
        return protocolName;
    }
}
