package com.ukeybridge.agent.desktop;

/** Where a tray view sends what the user chose. */
@FunctionalInterface
public interface TrayActions {
    void perform(TrayAction action);
}
