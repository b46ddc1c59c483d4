package com.ukeybridge.agent.tray.sni;

import com.ukeybridge.agent.desktop.Notice;
import com.ukeybridge.agent.desktop.TrayAction;
import com.ukeybridge.agent.desktop.TrayActions;
import com.ukeybridge.agent.desktop.TrayModel;
import com.ukeybridge.agent.desktop.TrayState;
import com.ukeybridge.agent.desktop.TrayView;
import com.ukeybridge.agent.i18n.Messages;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The tray as a StatusNotifierItem on the D-Bus session bus, which GNOME (with the AppIndicator
 * extension, as Ubuntu ships it), KDE Plasma, Xfce, Cinnamon, MATE and LXQt show in their panels:
 * the item ({@link ItemObject}) with the state's icon, tooltip and status; the menu through
 * dbusmenu ({@link MenuObject}); reminders through {@code org.freedesktop.Notifications}. It
 * registers with the desktop's {@code StatusNotifierWatcher}, and again whenever a watcher
 * appears (GNOME Shell restarted, the extension re-enabled). Pure Java: dbus-java over Java's Unix
 * sockets, no GTK in the JVM.
 */
public final class StatusNotifierView implements TrayView {
    private static final Logger log = LoggerFactory.getLogger(StatusNotifierView.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String DEFAULT_ACTION = "default";
    private static final int CONNECT_RETRY_MILLIS = 1000;

    private final DBusConnection connection;
    private final String busName;
    private final Messages messages;
    private final BiConsumer<String, String> diagnostics;
    private final ItemObject item;
    private final MenuObject menu;
    /** Outgoing calls that may wait on another process (registration, notifications) run here, never on the caller's thread. */
    private final ExecutorService calls = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sni-calls");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Long> notifications = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean notificationsMissingLogged = new AtomicBoolean();
    private volatile TrayActions actions;
    private volatile boolean closed;

    private StatusNotifierView(DBusConnection connection, Messages messages, TrayActions actions,
                               BiConsumer<String, String> diagnostics) {
        this.connection = connection;
        this.busName = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        this.messages = messages;
        this.actions = actions;
        this.diagnostics = diagnostics;
        String appName = messages.get("app.name");
        this.item = new ItemObject(appName, new IconPixmaps(), new TrayModel(TrayState.NO_KEY, appName, List.of()),
                () -> this.actions.perform(TrayAction.OPEN_UPDATE_SITE));
        this.menu = new MenuObject(action -> this.actions.perform(action));
    }

    /**
     * Connects to the session bus at {@code busAddress}, exports the item and its menu and
     * registers with the watcher.
     *
     * @param diagnostics shows the diagnostics text (a window: the host only draws the icon and menu)
     * @throws StatusNotifierUnavailableException when the bus cannot be reached, no watcher is on it,
     *                                            or the watcher refuses the item
     */
    public static StatusNotifierView start(Messages messages, TrayActions actions, String busAddress,
                                           BiConsumer<String, String> diagnostics) throws StatusNotifierUnavailableException {
        DBusConnection connection;
        try {
            // dbus-java retries a refused connect for this long (10 s by default): the agent's start should not wait on a dead bus.
            connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false)
                    .transportConfig().withTimeout(CONNECT_RETRY_MILLIS).back()
                    .build();
        } catch (DBusException | RuntimeException e) {
            throw new StatusNotifierUnavailableException("cannot connect to the D-Bus session bus at " + busAddress, e);
        }
        StatusNotifierView view = null;
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!bus.NameHasOwner(StatusNotifierWatcher.BUS_NAME)) {
                throw new StatusNotifierUnavailableException("no StatusNotifierWatcher on the session bus "
                        + "(no SNI tray host: GNOME without the AppIndicator extension?)");
            }
            view = new StatusNotifierView(connection, messages, actions, diagnostics);
            view.export();
            view.register();
            return view;
        } catch (DBusException | RuntimeException e) {
            closeQuietly(view, connection);
            throw new StatusNotifierUnavailableException("the StatusNotifierItem could not be shown", e);
        } catch (StatusNotifierUnavailableException e) {
            closeQuietly(view, connection);
            throw e;
        }
    }

    private static void closeQuietly(StatusNotifierView view, DBusConnection connection) {
        if (view != null) {
            view.close();
        } else {
            connection.disconnect();
        }
    }

    private void export() throws DBusException {
        connection.exportObject(ItemObject.PATH, item);
        connection.exportObject(DBusMenu.PATH, menu);
        connection.requestBusName(busName);
        // The watcher comes and goes with the tray host (GNOME Shell restarts, the extension is switched on).
        connection.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
            if (!closed && StatusNotifierWatcher.BUS_NAME.equals(signal.name)) {
                if (signal.newOwner.isEmpty()) {
                    log.info("the StatusNotifierWatcher left the session bus: the tray icon is hidden until it returns");
                } else {
                    calls.execute(this::registerAgain);
                }
            }
        });
        connection.addSigHandler(Notifications.ActionInvoked.class, signal -> {
            if (notifications.contains(signal.id.longValue())) {
                actions.perform(TrayAction.OPEN_UPDATE_SITE);
            }
        });
        connection.addSigHandler(Notifications.NotificationClosed.class, signal -> notifications.remove(signal.id.longValue()));
    }

    private void register() throws DBusException {
        connection.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.PATH, StatusNotifierWatcher.class)
                .RegisterStatusNotifierItem(busName);
        log.info("tray icon registered with the StatusNotifierWatcher as {}", busName);
    }

    private void registerAgain() {
        try {
            register();
        } catch (DBusException | RuntimeException e) {
            if (closed) {
                return;
            }
            log.warn("a StatusNotifierWatcher appeared but refused the tray icon: {}", e.getMessage());
        }
    }

    /** The item's bus name, {@code org.kde.StatusNotifierItem-<pid>-<n>}. */
    public String busName() {
        return busName;
    }

    @Override
    public void start(TrayActions actions) {
        this.actions = actions;
    }

    @Override
    public synchronized void show(TrayModel model) {
        TrayModel previous = item.model();
        item.model(model);
        try {
            if (previous.state() != model.state()) {
                send(new StatusNotifierItem.NewIcon(ItemObject.PATH));
                send(new StatusNotifierItem.NewAttentionIcon(ItemObject.PATH));
            }
            String status = ItemObject.status(model.state());
            if (!ItemObject.status(previous.state()).equals(status)) {
                send(new StatusNotifierItem.NewStatus(ItemObject.PATH, status));
            }
            if (!previous.tooltip().equals(model.tooltip())) {
                send(new StatusNotifierItem.NewToolTip(ItemObject.PATH));
            }
            menu.replace(MenuTree.of(model.menu())).ifPresent(this::send);
        } catch (DBusException e) {
            log.warn("could not tell the tray host about the new state: {}", e.getMessage());
        }
    }

    private void send(DBusSignal signal) {
        connection.sendMessage(signal);
    }

    @Override
    public void showDiagnostics(String title, String text) {
        diagnostics.accept(title, text);
    }

    @Override
    public void notify(Notice notice) {
        TrayState state = item.model().state();
        calls.execute(() -> {
            try {
                Notifications server = connection.getRemoteObject(Notifications.BUS_NAME, Notifications.PATH, Notifications.class);
                Map<String, Variant<?>> hints = Map.of(
                        "urgency", new Variant<>((byte) 1),
                        "image-data", new Variant<>(IconPixmaps.notificationImage(state), "(iiibiiay)"));
                UInt32 id = server.Notify(messages.get("app.name"), new UInt32(0), "", notice.title(), notice.text(),
                        List.of(DEFAULT_ACTION, messages.get("menu.update")), hints, -1);
                notifications.add(id.longValue());
                log.info("notified: {}", notice.title());
            } catch (DBusExecutionException | DBusException e) {
                if (notificationsMissingLogged.compareAndSet(false, true)) {
                    log.warn("no desktop notification server answered ({}): reminders show only in the tray", e.getMessage());
                }
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        calls.shutdownNow();
        try {
            connection.releaseBusName(busName);
        } catch (DBusException | RuntimeException e) {
            log.debug("releasing {}: {}", busName, e.getMessage());
        }
        connection.unExportObject(ItemObject.PATH);
        connection.unExportObject(DBusMenu.PATH);
        try {
            connection.close();
        } catch (IOException e) {
            log.debug("closing the session bus connection: {}", e.getMessage());
        }
    }
}
