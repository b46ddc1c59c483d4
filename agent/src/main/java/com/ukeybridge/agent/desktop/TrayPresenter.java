package com.ukeybridge.agent.desktop;

import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.notify.RenewalReminders;
import com.ukeybridge.agent.notify.RenewalReminders.Reminder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The tray's logic: reads the facts, judges them by the clock, and drives a {@link TrayView}
 * (icon, tooltip, menu, notifications); carries out what the user chooses. Every method runs
 * on one thread at a time (the desktop's own), which {@link DesktopSession} provides.
 */
public final class TrayPresenter implements TrayActions {
    private static final Logger log = LoggerFactory.getLogger(TrayPresenter.class);

    private final TrayView view;
    private final FactsSource facts;
    private final TrayMenus menus;
    private final DiagnosticsReport diagnostics;
    private final RenewalReminders reminders;
    private final Messages messages;
    private final Browser browser;
    private final Optional<URI> updateSite;
    private final Clock clock;
    private final int warnDays;
    private final Runnable quit;

    private DesktopFacts lastFacts;
    private DesktopState lastState;

    public TrayPresenter(TrayView view, FactsSource facts, Messages messages, TrayMenus menus, DiagnosticsReport diagnostics,
                         RenewalReminders reminders, Browser browser, Optional<URI> updateSite, Clock clock, int warnDays,
                         Runnable quit) {
        this.view = view;
        this.facts = facts;
        this.menus = menus;
        this.diagnostics = diagnostics;
        this.reminders = reminders;
        this.messages = messages;
        this.browser = browser;
        this.updateSite = updateSite;
        this.clock = clock;
        this.warnDays = warnDays;
        this.quit = quit;
    }

    /** Reads the facts again, redraws, and notifies of any reminder now due. */
    public DesktopState refresh() {
        DesktopFacts read = facts.read();
        DesktopState state = DesktopState.of(read, clock.instant(), warnDays);
        if (lastState == null || lastState.tray() != state.tray()) {
            log.info("tray state {}", state.tray());
        }
        lastFacts = read;
        lastState = state;
        view.show(menus.model(state));
        for (Reminder reminder : reminders.due(state)) {
            view.notify(notice(reminder));
        }
        return state;
    }

    @Override
    public void perform(TrayAction action) {
        switch (action) {
            case OPEN_UPDATE_SITE -> updateSite.ifPresentOrElse(browser::open,
                    () -> log.info("no updateSiteUrl configured: nothing to open"));
            case SHOW_DIAGNOSTICS -> {
                if (lastState == null) {
                    refresh();
                }
                view.showDiagnostics(messages.get("diagnostics.title"), diagnostics.render(lastFacts, lastState, clock.instant()));
            }
            case QUIT -> quit.run();
        }
    }

    Notice notice(Reminder reminder) {
        KeyCertificate certificate = reminder.certificate().certificate();
        if (reminder.certificate().expired()) {
            return new Notice(messages.get("notify.expired.title"),
                    messages.get("notify.expired.text", certificate.name(), reminder.keyLabel()));
        }
        return new Notice(messages.get("notify.expiring.title"),
                messages.get("notify.expiring.text", certificate.name(), reminder.keyLabel(), reminder.certificate().status().daysLeft()));
    }
}
