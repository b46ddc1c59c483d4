package com.ukeybridge.site.refusal;

/** The authorization was already used to issue a certificate. */
public final class CodeUsedException extends Refusal {
    public CodeUsedException() {
        super(409, "CODE_USED",
                "该证书下载授权码已经使用过，每个授权码只能下载一次证书。如需再次下载，请联系山东RA中心重新申请授权。",
                "This authorization code has already been used; each code downloads one certificate. To download again, ask the RA centre for a new authorization.");
    }
}
