package com.ukeybridge.agent.desktop;

import com.ukeybridge.agent.i18n.Messages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import static com.ukeybridge.agent.desktop.Keys.NOW;
import static com.ukeybridge.agent.desktop.Keys.certificate;
import static com.ukeybridge.agent.desktop.Keys.key;
import static com.ukeybridge.agent.desktop.Keys.state;
import static org.assertj.core.api.Assertions.assertThat;

class TrayMenusTest {
    private static final String SITE = "https://update.example.gov.cn";
    private final TrayMenus chinese = new TrayMenus(Messages.forLocale(Locale.SIMPLIFIED_CHINESE), List.of(SITE), true);
    private final TrayMenus english = new TrayMenus(Messages.forLocale(Locale.US), List.of(SITE), true);

    @Test
    void whenACertificateIsExpiring_thenTheTooltipSaysInHowManyDays() {
        DesktopState state = state(key("Clerk Key", certificate("张三", 400), certificate("李四", 30)));

        assertThat(chinese.model(state).tooltip()).isEqualTo("UKey Bridge 证书助手\n证书将于 30 天后到期，请及时更新");
        assertThat(english.model(state).tooltip()).isEqualTo("UKey Bridge\nA certificate expires in 30 days: please renew it");
    }

    @Test
    void whenEachStateIsShown_thenEachHasItsOwnTooltip() {
        assertThat(chinese.model(state()).tooltip()).endsWith("未插入 UKey");
        assertThat(chinese.model(state(key("A", certificate("张三", 400)))).tooltip()).endsWith("证书有效");
        assertThat(chinese.model(state(key("A")))).extracting(TrayModel::tooltip).asString().endsWith("UKey 中没有证书");
        assertThat(chinese.model(state(key("A", certificate("张三", -1)))).tooltip()).endsWith("证书已过期，请更新");
        DesktopState portTaken = DesktopState.of(new DesktopFacts(List.of(), List.of(), List.of(AgentProblem.portTaken(28443)),
                OptionalInt.empty()), NOW, 90);
        assertThat(chinese.model(portTaken).tooltip()).endsWith("故障：端口 28443 被其他程序占用，网页无法连接本助手");
        assertThat(chinese.model(portTaken).state()).isEqualTo(TrayState.PROBLEM);
    }

    @Test
    void whenKeysAreInserted_thenTheMenuListsEachKeyAndCertificateWithDaysLeft() {
        DesktopState state = state(key("Clerk Key", certificate("张三", 400), certificate("李四", 30)),
                key("Old Key", certificate("王五", -12)));

        List<MenuEntry> menu = chinese.model(state).menu();

        assertThat(menu).startsWith(
                new MenuEntry.Info("UKey：Clerk Key", false),
                new MenuEntry.Info("    张三：剩余 400 天", false),
                new MenuEntry.Info("    李四：剩余 30 天，请更新", true),
                new MenuEntry.Info("UKey：Old Key", false),
                new MenuEntry.Info("    王五：已过期 12 天", true),
                new MenuEntry.Separator());
    }

    @Test
    void whenTheMenuIsBuilt_thenItEndsWithUpdateDiagnosticsSitesAndQuit() {
        List<MenuEntry> menu = chinese.model(state()).menu();

        assertThat(menu).containsExactly(
                new MenuEntry.Info("未插入 UKey", false),
                new MenuEntry.Separator(),
                new MenuEntry.Command("更新证书…", TrayAction.OPEN_UPDATE_SITE, true),
                new MenuEntry.Command("诊断信息", TrayAction.SHOW_DIAGNOSTICS, true),
                new MenuEntry.Submenu("允许的网站", List.of(new MenuEntry.Info(SITE, false))),
                new MenuEntry.Separator(),
                new MenuEntry.Command("退出", TrayAction.QUIT, true));
    }

    @Test
    void whenNoUpdateSiteIsConfigured_thenRenewingIsDisabled() {
        TrayMenus menus = new TrayMenus(Messages.forLocale(Locale.US), List.of(), false);

        assertThat(menus.model(state()).menu())
                .contains(new MenuEntry.Command("Renew certificate…", TrayAction.OPEN_UPDATE_SITE, false))
                .contains(new MenuEntry.Submenu("Allowed sites", List.of(new MenuEntry.Info("(none)", false))));
    }

    @Test
    void whenTheAgentHasAProblem_thenTheMenuSaysSoFirst() {
        DesktopState state = DesktopState.of(new DesktopFacts(List.of(), List.of(), List.of(AgentProblem.noModuleLoaded()),
                OptionalInt.of(28443)), NOW, 90);

        assertThat(english.model(state).menu().get(0))
                .isEqualTo(new MenuEntry.Info("no USB key driver (PKCS#11 module) could be loaded", true));
    }
}
