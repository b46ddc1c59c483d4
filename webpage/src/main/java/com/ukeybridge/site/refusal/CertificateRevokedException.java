package com.ukeybridge.site.refusal;

/** The certificate is revoked. */
public final class CertificateRevokedException extends Refusal {
    public CertificateRevokedException() {
        super(409, "CERTIFICATE_REVOKED",
                "所选证书已被注销，不能更新。如需新证书，请联系RA中心办理证书下载授权。",
                "The chosen certificate has been revoked and cannot be renewed. To get a new certificate, ask the RA centre for a download authorization.");
    }
}
