package com.ukeybridge.agent.desktop;

/** What the user can ask of the tray. */
public enum TrayAction {
    OPEN_UPDATE_SITE,
    SHOW_DIAGNOSTICS,
    QUIT
}
