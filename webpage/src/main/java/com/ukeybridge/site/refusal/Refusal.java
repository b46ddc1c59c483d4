package com.ukeybridge.site.refusal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request the site refuses, as the page sees it (docs/site-api.md, "Refusals"): an HTTP
 * status, a stable {@code reason}, a message in Chinese and English that says what happened
 * and what to do, and optional details. One subclass per failure, its message made in its
 * constructor; services throw them, the HTTP layer only renders them.
 */
public abstract class Refusal extends RuntimeException {
    private final int status;
    private final String reason;
    private final String messageZh;
    private final Map<String, Object> details;

    protected Refusal(int status, String reason, String messageZh, String messageEn) {
        this(status, reason, messageZh, messageEn, Map.of());
    }

    protected Refusal(int status, String reason, String messageZh, String messageEn, Map<String, ?> details) {
        super(messageEn, null, false, false);
        this.status = status;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.messageZh = Objects.requireNonNull(messageZh, "messageZh");
        this.details = Map.copyOf(new LinkedHashMap<>(details));
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The stable reason code pages switch on. */
    public String reason() {
        return reason;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return getMessage();
    }

    /** Extra facts for the page (dates, attempts left, the field at fault); values are strings or numbers. */
    public Map<String, Object> details() {
        return details;
    }
}
