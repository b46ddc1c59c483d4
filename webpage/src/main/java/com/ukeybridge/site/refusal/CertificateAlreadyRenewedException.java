package com.ukeybridge.site.refusal;

import java.util.Map;

/** The certificate was already renewed and the new one confirmed as written: one renewal per certificate. */
public final class CertificateAlreadyRenewedException extends Refusal {
    public CertificateAlreadyRenewedException(String newSerialNumber) {
        super(409, "CERTIFICATE_ALREADY_RENEWED",
                "所选证书已经更新过，新证书（序列号 " + newSerialNumber + "）已写入UKey。请使用新证书登录；如UKey中找不到新证书，请联系证书服务人员。",
                "The chosen certificate was already renewed; the new certificate (serial number " + newSerialNumber
                        + ") was written to the UKey. Log in with the new certificate; if it is not on the UKey, contact the certificate service staff.",
                Map.of("serialNumber", newSerialNumber));
    }
}
