package com.ukeybridge.agent.view;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateStatusTest {
    private static final Instant NOT_AFTER = Instant.parse("2027-03-01T00:00:00Z");

    @Test
    void whenMoreThanWarnDaysAreLeft_thenValid() {
        assertThat(CertificateStatus.of(NOT_AFTER, NOT_AFTER.minus(Duration.ofDays(91)), 90))
                .isEqualTo(new CertificateStatus("valid", 91));
    }

    @Test
    void whenExactlyWarnDaysAreLeft_thenExpiring() {
        assertThat(CertificateStatus.of(NOT_AFTER, NOT_AFTER.minus(Duration.ofDays(90)), 90))
                .isEqualTo(new CertificateStatus("expiring", 90));
    }

    @Test
    void whenLessThanADayIsLeft_thenExpiringWithZeroDays() {
        assertThat(CertificateStatus.of(NOT_AFTER, NOT_AFTER.minus(Duration.ofHours(23)), 90))
                .isEqualTo(new CertificateStatus("expiring", 0));
    }

    @Test
    void whenNotAfterIsNow_thenStillExpiring() {
        assertThat(CertificateStatus.of(NOT_AFTER, NOT_AFTER, 90)).isEqualTo(new CertificateStatus("expiring", 0));
    }

    @Test
    void whenASecondPastNotAfter_thenExpiredWithNegativeDays() {
        assertThat(CertificateStatus.of(NOT_AFTER, NOT_AFTER.plusSeconds(1), 90)).isEqualTo(new CertificateStatus("expired", -1));
    }

    @Test
    void whenTenDaysPastNotAfter_thenMinusTenDays() {
        assertThat(CertificateStatus.of(NOT_AFTER, NOT_AFTER.plus(Duration.ofDays(10)), 90)).isEqualTo(new CertificateStatus("expired", -10));
    }

    @Test
    void whenWarnDaysIsZero_thenNeverExpiringBeforeTheLastInstant() {
        assertThat(CertificateStatus.of(NOT_AFTER, NOT_AFTER.minusSeconds(1), 0).status()).isEqualTo("valid");
    }
}
