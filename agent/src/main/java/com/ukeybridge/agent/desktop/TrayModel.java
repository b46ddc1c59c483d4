package com.ukeybridge.agent.desktop;

import java.util.List;

/** Everything a tray view draws: the icon's state, the tooltip and the menu. */
public record TrayModel(TrayState state, String tooltip, List<MenuEntry> menu) {
    public TrayModel {
        menu = List.copyOf(menu);
    }
}
