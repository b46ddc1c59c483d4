package com.ukeybridge.site.refusal;

/** A state-changing request sent by a page of another site (its {@code Origin} is not this site's). */
public final class OriginRefusedException extends Refusal {
    public OriginRefusedException() {
        super(403, "ORIGIN_REFUSED",
                "该请求来自其他网站，已被拒绝。请直接打开证书更新网站进行操作。",
                "This request came from another web site and was refused. Open the update site itself to continue.");
    }
}
