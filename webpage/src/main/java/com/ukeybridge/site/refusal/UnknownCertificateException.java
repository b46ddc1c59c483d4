package com.ukeybridge.site.refusal;

/** The certificate was neither issued by this site nor imported from the old CA. */
public final class UnknownCertificateException extends Refusal {
    public UnknownCertificateException() {
        super(404, "UNKNOWN_CERTIFICATE",
                "本网站不认识所选证书：它不是本系统签发的，也未由RA中心导入。请确认选择的是登录监管信息业务系统所用的证书；如确认无误，请联系证书服务人员导入该证书后再更新。",
                "This site does not know the chosen certificate: it was neither issued here nor imported by the RA centre. Check that it is the certificate you use to log in to the supervision system; if it is, ask the certificate service staff to import it, then renew again.");
    }
}
