package com.ukeybridge.agent.tray.sni;

import com.ukeybridge.agent.desktop.MenuEntry;
import com.ukeybridge.agent.desktop.TrayAction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MenuTreeTest {
    private static final MenuEntry RENEW = new MenuEntry.Command("更新证书…", TrayAction.OPEN_UPDATE_SITE, true);
    private static final MenuEntry QUIT = new MenuEntry.Command("退出", TrayAction.QUIT, true);

    @Test
    void whenLinesAreAddedAboveACommand_thenTheCommandKeepsItsId() {
        MenuTree before = MenuTree.of(List.of(new MenuEntry.Info("未插入 UKey", false), RENEW, QUIT));
        MenuTree after = MenuTree.of(List.of(new MenuEntry.Info("UKey：A", false), new MenuEntry.Info("UKey：B", false),
                new MenuEntry.Separator(), RENEW, QUIT));

        int renew = 1 + TrayAction.OPEN_UPDATE_SITE.ordinal();
        assertThat(before.clicked(renew)).contains(TrayAction.OPEN_UPDATE_SITE);
        assertThat(after.clicked(renew)).contains(TrayAction.OPEN_UPDATE_SITE);
        assertThat(after.sameShape(before)).isFalse();
    }

    @Test
    void whenACommandIsDisabledOrALineIsInformation_thenClickingItDoesNothing() {
        MenuTree tree = MenuTree.of(List.of(new MenuEntry.Info("UKey：A", true),
                new MenuEntry.Command("更新证书…", TrayAction.OPEN_UPDATE_SITE, false)));

        assertThat(tree.clicked(1 + TrayAction.OPEN_UPDATE_SITE.ordinal())).isEmpty();
        assertThat(tree.node(1 + TrayAction.values().length).orElseThrow().properties())
                .containsEntry("enabled", false).containsEntry("disposition", "warning");
    }

    @Test
    void whenALabelHasAnUnderscore_thenItIsDoubledSoItIsNoMnemonic() {
        assertThat(MenuTree.label("Clerk_Key")).isEqualTo("Clerk__Key");
    }

    @Test
    void whenOnlyTextsChange_thenTheShapeIsTheSameAndTheChangedItemsAreListed() {
        MenuTree before = MenuTree.of(List.of(new MenuEntry.Info("张三：剩余 20 天", false), RENEW));
        MenuTree after = MenuTree.of(List.of(new MenuEntry.Info("张三：剩余 19 天", false), RENEW));

        assertThat(after.sameShape(before)).isTrue();
        assertThat(after.changedSince(before)).singleElement()
                .satisfies(item -> assertThat(item.properties().get("label").getValue()).isEqualTo("张三：剩余 19 天"));
        assertThat(after.removedSince(before)).isEmpty();
    }
}
