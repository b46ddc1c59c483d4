package com.ukeybridge.agent.notify;

import com.ukeybridge.agent.desktop.DesktopState;
import com.ukeybridge.agent.desktop.Keys;
import com.ukeybridge.agent.desktop.KeyCertificate;
import com.ukeybridge.agent.MutableClock;
import com.ukeybridge.agent.notify.RenewalReminders.Reminder;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.ukeybridge.agent.desktop.Keys.certificate;
import static com.ukeybridge.agent.desktop.Keys.facts;
import static com.ukeybridge.agent.desktop.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

class RenewalRemindersTest {
    private final MutableClock clock = new MutableClock(Keys.NOW);
    private final RenewalReminders reminders = new RenewalReminders(clock);

    private static final KeyCertificate EXPIRING = certificate("张三", 20);
    private static final KeyCertificate EXPIRED = certificate("李四", -5);
    private static final KeyCertificate VALID = certificate("王五", 400);

    private DesktopState now(com.ukeybridge.agent.desktop.KeyContents... keys) {
        return DesktopState.of(facts(keys), clock.instant(), 90);
    }

    @Test
    void whenAKeyComesInWithAnExpiringAndAnExpiredCertificate_thenBothAreRemindedAtOnce() {
        assertThat(reminders.due(now(key("A", EXPIRING, VALID), key("B", EXPIRED))))
                .extracting(r -> r.certificate().certificate().name(), Reminder::keyLabel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("张三", "A"), org.assertj.core.groups.Tuple.tuple("李四", "B"));
    }

    @Test
    void whenOnlyValidCertificatesAreIn_thenNothingIsDue() {
        assertThat(reminders.due(now(key("A", VALID)))).isEmpty();
    }

    @Test
    void whenTheKeyStaysIn_thenTheReminderComesAtMostOnceADay() {
        reminders.due(now(key("A", EXPIRING)));

        clock.advance(Duration.ofHours(12));
        assertThat(reminders.due(now(key("A", EXPIRING)))).isEmpty();
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(reminders.due(now(key("A", EXPIRING)))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(reminders.due(now(key("A", EXPIRING)))).hasSize(1);
        assertThat(reminders.due(now(key("A", EXPIRING)))).isEmpty();
    }

    @Test
    void whenTheKeyIsPulledOutAndPutBack_thenItIsRemindedAgainOnInsertion() {
        reminders.due(now(key("A", EXPIRING)));
        clock.advance(Duration.ofMinutes(10));
        reminders.due(now());

        assertThat(reminders.due(now(key("A", EXPIRING)))).hasSize(1);
    }

    @Test
    void whenACertificateOnAKeyThatStaysInEntersTheWindow_thenItIsRemindedThen() {
        KeyCertificate soon = certificate("赵六", 91);
        assertThat(reminders.due(now(key("A", soon)))).isEmpty();

        clock.advance(Duration.ofDays(1));
        assertThat(reminders.due(now(key("A", soon)))).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(reminders.due(now(key("A", soon)))).hasSize(1);
    }

    @Test
    void whenAnExpiringCertificateExpiresWhileIn_thenTheChangeIsRemindedEvenWithinTheDay() {
        KeyCertificate lastDay = certificate("孙七", 0);
        reminders.due(now(key("A", lastDay)));

        clock.advance(Duration.ofHours(2));

        assertThat(reminders.due(now(key("A", lastDay)))).singleElement()
                .satisfies(r -> assertThat(r.certificate().expired()).isTrue());
    }
}
