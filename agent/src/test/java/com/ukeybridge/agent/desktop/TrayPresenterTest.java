package com.ukeybridge.agent.desktop;

import com.ukeybridge.agent.MutableClock;

import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.notify.RenewalReminders;
import com.ukeybridge.certs.AgentTlsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static com.ukeybridge.agent.desktop.Keys.certificate;
import static com.ukeybridge.agent.desktop.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

class TrayPresenterTest {
    private static final URI SITE = URI.create("https://update.example.gov.cn/");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Keys.NOW);
    private final RecordingTrayView view = new RecordingTrayView();
    private final AtomicReference<DesktopFacts> facts = new AtomicReference<>(Keys.facts());
    private final List<URI> opened = new CopyOnWriteArrayList<>();
    private final AtomicBoolean quit = new AtomicBoolean();

    private TrayPresenter presenter(Optional<URI> updateSite) {
        Messages messages = Messages.forLocale(Locale.SIMPLIFIED_CHINESE);
        FactsSource source = new FactsSource() {
            @Override
            public DesktopFacts read() {
                return facts.get();
            }

            @Override
            public void onChange(Runnable listener) {
            }
        };
        return new TrayPresenter(view, source, messages, new TrayMenus(messages, List.of(SITE.toString()), updateSite.isPresent()),
                new DiagnosticsReport("1.2.3", List.of("https://update.example.gov.cn"), List.of(2), dir.resolve("tls"), dir.resolve("logs/agent.log")),
                new RenewalReminders(clock), opened::add, updateSite, clock, 90, () -> quit.set(true));
    }

    @Test
    void whenKeysComeAndGo_thenTheViewFollowsTheState() {
        TrayPresenter presenter = presenter(Optional.of(SITE));

        presenter.refresh();
        facts.set(Keys.facts(key("Clerk Key", certificate("张三", 400))));
        presenter.refresh();
        facts.set(Keys.facts(key("Clerk Key", certificate("张三", 400)), key("Old Key", certificate("李四", 20))));
        presenter.refresh();

        assertThat(view.shown).extracting(TrayModel::state)
                .containsExactly(TrayState.NO_KEY, TrayState.ALL_VALID, TrayState.EXPIRING);
    }

    @Test
    void whenAKeyWithAnExpiringCertificateIsInserted_thenTheUserIsNotifiedOnce() {
        TrayPresenter presenter = presenter(Optional.of(SITE));
        facts.set(Keys.facts(key("Clerk Key", certificate("张三", 20))));

        presenter.refresh();
        presenter.refresh();

        assertThat(view.notices).containsExactly(new Notice("证书即将到期",
                "UKey Clerk Key 中的证书“张三”将于 20 天后到期。点击此处更新证书。"));
    }

    @Test
    void whenADayPassesWithTheKeyStillIn_thenTheReminderComesAgain() {
        TrayPresenter presenter = presenter(Optional.of(SITE));
        facts.set(Keys.facts(key("Clerk Key", certificate("张三", 20))));
        presenter.refresh();

        clock.advance(Duration.ofHours(23));
        presenter.refresh();
        clock.advance(Duration.ofHours(1));
        presenter.refresh();

        assertThat(view.notices).hasSize(2);
    }

    @Test
    void whenTheUserChoosesRenew_thenTheUpdateSiteOpens() {
        presenter(Optional.of(SITE)).perform(TrayAction.OPEN_UPDATE_SITE);

        assertThat(opened).containsExactly(SITE);
    }

    @Test
    void whenNoUpdateSiteIsConfigured_thenRenewOpensNothing() {
        presenter(Optional.empty()).perform(TrayAction.OPEN_UPDATE_SITE);

        assertThat(opened).isEmpty();
    }

    @Test
    void whenTheUserAsksForDiagnostics_thenTheyShowVersionPortModulesKeysRootAndLog() {
        AgentTlsFiles.create(dir.resolve("tls"));
        facts.set(Keys.facts(key("Clerk Key", certificate("张三", 20))));
        TrayPresenter presenter = presenter(Optional.of(SITE));

        presenter.perform(TrayAction.SHOW_DIAGNOSTICS);

        assertThat(view.diagnostics).singleElement().asString()
                .startsWith("UKey Bridge 诊断信息\nUKey Bridge agent 1.2.3\n")
                .contains("Listening: wss://127.0.0.1:28443/v2\n")
                .contains("/usr/lib/softhsm/libsofthsm2.so: loaded, SoftHSM 2.6")
                .contains("Clerk Key (SoftHSM project SoftHSM v2, serial 0123456789)")
                .contains("CN=张三,O=山东省示例事业单位,C=CN; notAfter 2026-03-21T09:00:00Z; expiring, 20 days left")
                .containsPattern("Local root: .*root.pem: present, SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\n")
                .contains("Log: " + dir.resolve("logs/agent.log"))
                .contains("Allowed sites: https://update.example.gov.cn");
    }

    @Test
    void whenTheLocalRootIsMissing_thenTheDiagnosticsSaySo() {
        TrayPresenter presenter = presenter(Optional.of(SITE));

        presenter.perform(TrayAction.SHOW_DIAGNOSTICS);

        assertThat(view.diagnostics).singleElement().asString().contains("root.pem: MISSING");
    }

    @Test
    void whenTheUserQuits_thenTheAgentIsToldToStop() {
        presenter(Optional.of(SITE)).perform(TrayAction.QUIT);

        assertThat(quit).isTrue();
    }
}
