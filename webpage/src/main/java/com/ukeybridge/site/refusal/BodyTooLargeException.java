package com.ukeybridge.site.refusal;

import java.util.Map;

/** The request body is larger than the site takes. */
public final class BodyTooLargeException extends Refusal {
    public BodyTooLargeException(int maxBytes) {
        super(413, "BODY_TOO_LARGE",
                "请求内容过大，已被拒绝。请从证书更新网站的页面重新操作。",
                "The request is larger than the site takes (" + maxBytes + " bytes) and was refused. Start again from the update site's pages.",
                Map.of("maxBytes", maxBytes));
    }
}
