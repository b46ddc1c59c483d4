package com.ukeybridge.site.refusal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Now is outside the renewal window of the certificate (manual 2.4, 5.2): says when it opens and closes. */
public final class OutsideRenewalWindowException extends Refusal {
    // The users are in Shandong: dates in messages are China Standard Time; details stay UTC instants.
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ZH = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(CHINA);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(CHINA);

    public OutsideRenewalWindowException(Instant now, Instant notAfter, Instant windowStart, Instant windowEnd) {
        super(409, "OUTSIDE_RENEWAL_WINDOW",
                "所选证书不在更新期内。该证书的到期日为" + ZH.format(notAfter) + "，只能在到期前"
                        + days(windowStart, notAfter) + "天至到期后" + days(notAfter, windowEnd) + "天内更新，即"
                        + ZH.format(windowStart) + "至" + ZH.format(windowEnd) + "。"
                        + (now.isBefore(windowStart)
                        ? "证书还不需要更新，请在" + ZH.format(windowStart) + "之后再来更新。"
                        : "已超过更新期限，不能再自助更新，请联系山东RA中心办理证书下载授权。"),
                "The chosen certificate cannot be renewed now. It expires on " + EN.format(notAfter)
                        + " and can be renewed from " + EN.format(windowStart) + " to " + EN.format(windowEnd) + ". "
                        + (now.isBefore(windowStart)
                        ? "It does not need renewing yet: come back after " + EN.format(windowStart) + "."
                        : "That time is over: ask the RA centre for a download authorization."),
                Map.of("notAfter", notAfter.toString(), "windowStart", windowStart.toString(), "windowEnd", windowEnd.toString()));
    }

    private static long days(Instant from, Instant to) {
        return Duration.between(from, to).toDays();
    }
}
