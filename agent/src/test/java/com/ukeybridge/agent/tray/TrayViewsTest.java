package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.dbus.SessionBus;
import com.ukeybridge.agent.desktop.Notice;
import com.ukeybridge.agent.desktop.TrayActions;
import com.ukeybridge.agent.desktop.TrayModel;
import com.ukeybridge.agent.desktop.TrayView;
import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.tray.sni.StatusNotifierView;
import com.ukeybridge.agent.tray.sni.TestWatcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The choice of tray view, on a private session bus with and without a StatusNotifierWatcher. */
@Tag("dbus")
@Timeout(300)
class TrayViewsTest {
    private final Messages messages = Messages.forLocale(Locale.SIMPLIFIED_CHINESE);
    private final TrayActions actions = action -> {
    };
    private final TrayView fallback = new TrayView() {
        @Override
        public void start(TrayActions actions) {
        }

        @Override
        public void show(TrayModel model) {
        }

        @Override
        public void showDiagnostics(String title, String text) {
        }

        @Override
        public void notify(Notice notice) {
        }

        @Override
        public void close() {
        }
    };

    @Test
    void whenAStatusNotifierWatcherIsOnTheSessionBus_thenTheTrayIsAStatusNotifierItem() throws Exception {
        try (SessionBus bus = SessionBus.start(); TestWatcher watcher = TestWatcher.on(bus.address())) {
            TrayView view = TrayViews.start(messages, actions, Optional.of(bus.address()), (m, a) -> fallback);
            try {
                assertThat(view).isInstanceOf(StatusNotifierView.class);
                assertThat(watcher.registered.poll(2, TimeUnit.MINUTES)).isEqualTo(((StatusNotifierView) view).busName());
            } finally {
                view.close();
            }
        }
    }

    @Test
    void whenNoWatcherIsOnTheSessionBus_thenTheTrayFallsBack() throws Exception {
        try (SessionBus bus = SessionBus.start()) {
            assertThat(TrayViews.start(messages, actions, Optional.of(bus.address()), (m, a) -> fallback)).isSameAs(fallback);
        }
    }

    @Test
    void whenTheSessionBusCannotBeReached_thenTheTrayFallsBack() {
        assertThat(TrayViews.start(messages, actions, Optional.of("unix:path=/nonexistent/ukey-test-bus"), (m, a) -> fallback))
                .isSameAs(fallback);
    }

    @Test
    void whenThereIsNoSessionBus_thenTheTrayFallsBack() {
        assertThat(TrayViews.start(messages, actions, Optional.empty(), (m, a) -> fallback)).isSameAs(fallback);
    }
}
