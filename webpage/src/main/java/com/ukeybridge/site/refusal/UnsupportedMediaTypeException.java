package com.ukeybridge.site.refusal;

import java.util.Map;

/** The request body is not of the one type this endpoint takes (the API: {@code application/json}). */
public final class UnsupportedMediaTypeException extends Refusal {
    public UnsupportedMediaTypeException(String expected) {
        super(415, "UNSUPPORTED_MEDIA_TYPE",
                "请求格式不受支持（需要 " + expected + "）。请从证书更新网站的页面操作。",
                "The request's content type is not supported (expected " + expected + "). Use the update site's pages.",
                Map.of("expected", expected));
    }
}
