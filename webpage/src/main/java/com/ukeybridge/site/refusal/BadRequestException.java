package com.ukeybridge.site.refusal;

import java.util.Map;

/** Malformed input, caught at the edge before anything changes: names the field and what is wrong with it. */
public final class BadRequestException extends Refusal {
    private final String field;

    /**
     * @param field   the JSON field at fault ({@code "body"} for the body as a whole)
     * @param problem what is wrong, in English, for developers and logs
     */
    public BadRequestException(String field, String problem) {
        super(400, "BAD_REQUEST",
                "请求格式不正确（字段 " + field + "）。请刷新页面后重试；如仍失败，请联系证书服务人员。",
                "The request is malformed (field " + field + ": " + problem + "). Reload the page and retry; if it fails again, contact the certificate service staff.",
                Map.of("field", field));
        this.field = field;
    }

    public String field() {
        return field;
    }
}
