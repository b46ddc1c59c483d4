package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.AgentVersion;
import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.desktop.DiagnosticsReport;
import com.ukeybridge.agent.desktop.FactsSource;
import com.ukeybridge.agent.desktop.TrayMenus;
import com.ukeybridge.agent.desktop.TrayPresenter;
import com.ukeybridge.agent.desktop.TrayView;
import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.notify.RenewalReminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.swing.SwingUtilities;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The desktop side of a running agent: the tray view, its presenter on a thread of its own
 * (reading a key may wait; the EDT never does), a redraw when keys change and every few
 * minutes (days left change at midnight; reminders come daily).
 */
public final class DesktopSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DesktopSession.class);
    static final Duration REDRAW = Duration.ofMinutes(10);

    private final ScheduledExecutorService thread;
    private final TrayView view;

    private DesktopSession(ScheduledExecutorService thread, TrayView view) {
        this.thread = thread;
        this.view = view;
    }

    public static DesktopSession start(AgentConfig config, FactsSource facts, Messages messages, Clock clock, Path logFile,
                                       Runnable quit) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "desktop");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<TrayPresenter> presenter = new AtomicReference<>();
        AtomicReference<TrayView> view = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> view.set(TrayViews.start(messages,
                    action -> thread.execute(() -> presenter.get().perform(action)))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while showing the tray", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot show the tray: " + e.getCause(), e.getCause());
        }
        presenter.set(new TrayPresenter(view.get(), facts, messages,
                new TrayMenus(messages, config.allowedOrigins(), config.updateSiteUrl().isPresent()),
                new DiagnosticsReport(AgentVersion.current(), config.allowedOrigins(), config.protocols(), config.tlsDir(), logFile),
                new RenewalReminders(clock), new SystemBrowser(), config.updateSiteUrl(), clock, config.warnDays(), quit));
        AtomicBoolean pending = new AtomicBoolean();
        Runnable refresh = () -> {
            pending.set(false);
            try {
                presenter.get().refresh();
            } catch (RuntimeException e) {
                log.warn("tray refresh failed", e);
            }
        };
        facts.onChange(() -> {
            // Several changes in a burst make one redraw.
            if (pending.compareAndSet(false, true)) {
                thread.execute(refresh);
            }
        });
        thread.scheduleWithFixedDelay(refresh, 0, REDRAW.toSeconds(), TimeUnit.SECONDS);
        return new DesktopSession(thread, view.get());
    }

    @Override
    public void close() {
        thread.shutdownNow();
        view.close();
    }
}
