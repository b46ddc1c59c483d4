package com.ukeybridge.agent.desktop;

import java.util.List;

/** One line of the tray menu, independent of the toolkit that draws it. */
public sealed interface MenuEntry {
    /** Text only (a key, a certificate, a site); {@code warning} draws it as needing attention. */
    record Info(String text, boolean warning) implements MenuEntry {
    }

    /** A line that does something when chosen. */
    record Command(String text, TrayAction action, boolean enabled) implements MenuEntry {
    }

    record Submenu(String text, List<MenuEntry> entries) implements MenuEntry {
        public Submenu {
            entries = List.copyOf(entries);
        }
    }

    record Separator() implements MenuEntry {
    }
}
