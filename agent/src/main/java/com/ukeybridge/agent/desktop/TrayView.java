package com.ukeybridge.agent.desktop;

/**
 * The one seam between the tray's logic ({@link TrayPresenter}) and a toolkit: the system
 * tray, a fallback status window, or a test's recorder. Methods may be called from any
 * thread; an implementation moves to its toolkit's thread itself.
 */
public interface TrayView {
    /** Starts showing; the user's choices come back through {@code actions}. */
    void start(TrayActions actions);

    void show(TrayModel model);

    /** Shows the diagnostics as selectable, copyable text. */
    void showDiagnostics(String title, String text);

    /** A notification; clicking it is {@link TrayAction#OPEN_UPDATE_SITE}. */
    void notify(Notice notice);

    /** Removes the icon or window. */
    void close();
}
