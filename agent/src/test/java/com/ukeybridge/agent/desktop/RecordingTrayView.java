package com.ukeybridge.agent.desktop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the tray: remembers what it was told to show. */
final class RecordingTrayView implements TrayView {
    final List<TrayModel> shown = new CopyOnWriteArrayList<>();
    final List<Notice> notices = new CopyOnWriteArrayList<>();
    final List<String> diagnostics = new CopyOnWriteArrayList<>();
    TrayActions actions;
    boolean closed;

    @Override
    public void start(TrayActions actions) {
        this.actions = actions;
    }

    @Override
    public void show(TrayModel model) {
        shown.add(model);
    }

    @Override
    public void showDiagnostics(String title, String text) {
        diagnostics.add(title + "\n" + text);
    }

    @Override
    public void notify(Notice notice) {
        notices.add(notice);
    }

    @Override
    public void close() {
        closed = true;
    }

    TrayModel last() {
        return shown.get(shown.size() - 1);
    }
}
