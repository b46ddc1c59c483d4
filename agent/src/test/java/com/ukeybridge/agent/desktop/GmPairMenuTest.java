package com.ukeybridge.agent.desktop;

import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.token.CertificateUsage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static com.ukeybridge.agent.desktop.Keys.NOW;
import static com.ukeybridge.agent.desktop.Keys.certificate;
import static com.ukeybridge.agent.desktop.Keys.key;
import static com.ukeybridge.agent.desktop.Keys.state;
import static org.assertj.core.api.Assertions.assertThat;

class GmPairMenuTest {
    private final TrayMenus chinese = new TrayMenus(Messages.forLocale(Locale.SIMPLIFIED_CHINESE), List.of(), true);
    private final TrayMenus english = new TrayMenus(Messages.forLocale(Locale.US), List.of(), true);

    @Test
    void whenAGmKeyHoldsASigningAndAnEncryptionCertificate_thenTheMenuShowsThemAsOnePairWithTheirDates() {
        DesktopState state = state(key("UKey GM", paired("张三", CertificateUsage.SIGNING, 29),
                paired("张三", CertificateUsage.ENCRYPTION, 400)), key("Clerk Key", certificate("李四", 400)));

        assertThat(chinese.model(state).menu()).startsWith(
                new MenuEntry.Info("UKey：UKey GM", false),
                new MenuEntry.Info("    张三", false),
                new MenuEntry.Info("      签名证书：剩余 29 天，请更新", true),
                new MenuEntry.Info("      加密证书：剩余 400 天", false),
                new MenuEntry.Info("UKey：Clerk Key", false),
                new MenuEntry.Info("    李四：剩余 400 天", false));
        assertThat(english.model(state).menu()).contains(
                new MenuEntry.Info("      Signing certificate: 29 days left, renew now", true),
                new MenuEntry.Info("      Encryption certificate: 400 days left", false));
    }

    private static KeyCertificate paired(String name, CertificateUsage usage, long daysLeft) {
        return new KeyCertificate(name, "CN=" + name, NOW.plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(1)),
                "fp-" + usage, usage, Optional.of("container-1"));
    }
}
