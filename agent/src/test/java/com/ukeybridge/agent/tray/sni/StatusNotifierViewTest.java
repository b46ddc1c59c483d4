package com.ukeybridge.agent.tray.sni;

import com.ukeybridge.agent.dbus.SessionBus;
import com.ukeybridge.agent.desktop.DesktopFacts;
import com.ukeybridge.agent.desktop.DiagnosticsReport;
import com.ukeybridge.agent.desktop.FactsSource;
import com.ukeybridge.agent.desktop.Keys;
import com.ukeybridge.agent.MutableClock;
import com.ukeybridge.agent.desktop.TrayMenus;
import com.ukeybridge.agent.desktop.TrayPresenter;
import com.ukeybridge.agent.desktop.TrayState;
import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.notify.RenewalReminders;
import com.ukeybridge.agent.tray.TrayIcons;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static com.ukeybridge.agent.desktop.Keys.certificate;
import static com.ukeybridge.agent.desktop.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The StatusNotifierItem tray on a real, private D-Bus session bus (Debian's dbus-daemon), with a
 * test-side watcher and notification server standing in for the desktop's, and a client that
 * reads the item as a host does. The presenter is the real one.
 */
@Tag("dbus")
@Timeout(300)
class StatusNotifierViewTest {
    private static final URI SITE = URI.create("https://update.example.gov.cn/");
    /** An upper bound for a hung bus only: every wait ends when its message arrives. */
    private static final long WAIT_SECONDS = 120;
    private static final String ITEM = "org.kde.StatusNotifierItem";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Keys.NOW);
    private final AtomicReference<DesktopFacts> facts = new AtomicReference<>(Keys.facts(key("Clerk Key", certificate("张三", 400))));
    private final BlockingQueue<URI> opened = new LinkedBlockingQueue<>();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private final AtomicBoolean quit = new AtomicBoolean();

    private SessionBus bus;
    private TestWatcher watcher;
    private DBusConnection host;
    private StatusNotifierView view;
    private TrayPresenter presenter;

    @BeforeEach
    void startBus() throws Exception {
        bus = SessionBus.start();
        watcher = TestWatcher.on(bus.address());
        host = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
    }

    @AfterEach
    void stopBus() throws Exception {
        if (view != null) {
            view.close();
        }
        if (host != null) {
            host.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private void showTray() throws Exception {
        Messages messages = Messages.forLocale(Locale.SIMPLIFIED_CHINESE);
        AtomicReference<TrayPresenter> actions = new AtomicReference<>();
        view = StatusNotifierView.start(messages, action -> actions.get().perform(action), bus.address(),
                (title, text) -> diagnostics.add(title));
        FactsSource source = new FactsSource() {
            @Override
            public DesktopFacts read() {
                return facts.get();
            }

            @Override
            public void onChange(Runnable listener) {
            }
        };
        presenter = new TrayPresenter(view, source, messages, new TrayMenus(messages, List.of(SITE.toString()), true),
                new DiagnosticsReport("1.2.3", List.of("https://update.example.gov.cn"), List.of(2), dir.resolve("tls"), dir.resolve("agent.log")),
                new RenewalReminders(clock), opened::add, Optional.of(SITE), clock, 90, () -> quit.set(true));
        actions.set(presenter);
        presenter.refresh();
    }

    @Test
    void whenTheTrayStarts_thenItRegistersWithTheWatcherUnderItsOwnBusName() throws Exception {
        showTray();

        assertThat(watcher.registered.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(view.busName());
        assertThat(view.busName()).matches("org\\.kde\\.StatusNotifierItem-" + ProcessHandle.current().pid() + "-\\d+");
    }

    @Test
    void whenAHostReadsTheItem_thenItGetsTheStateIconTooltipAndMenu() throws Exception {
        showTray();

        Map<String, Variant<?>> properties = itemProperties();
        assertThat(properties.get("Category").getValue()).isEqualTo("ApplicationStatus");
        assertThat(properties.get("Id").getValue()).isEqualTo("ukey-bridge");
        assertThat(properties.get("Title").getValue()).isEqualTo("UKey Bridge 证书助手");
        assertThat(properties.get("Status").getValue()).isEqualTo("Active");
        assertThat(properties.get("ItemIsMenu").getValue()).isEqualTo(true);
        assertThat(((DBusPath) properties.get("Menu").getValue()).getPath()).isEqualTo("/MenuBar");
        assertThat(properties.get("IconPixmap").getSig()).isEqualTo("a(iiay)");
        assertThat(properties.get("ToolTip").getSig()).isEqualTo("(sa(iiay)ss)");

        List<Object[]> icons = structs(properties.get("IconPixmap"));
        assertThat(icons).extracting(icon -> icon[0]).containsExactly(16, 22, 24, 32, 48);
        assertThat(icons).allSatisfy(icon -> assertThat(icon[1]).isEqualTo(icon[0]));
        // ARGB32 in network byte order: exactly the drawn icon's pixels, alpha first.
        assertThat(bytes(icons.get(3)[2])).isEqualTo(networkOrder(TrayIcons.draw(TrayState.ALL_VALID, 32)));

        Object[] toolTip = (Object[]) properties.get("ToolTip").getValue();
        assertThat(toolTip[2]).isEqualTo("UKey Bridge 证书助手");
        assertThat(toolTip[3]).isEqualTo("证书有效");
    }

    @Test
    void whenAHostFetchesTheMenu_thenItHasTheKeysTheCommandsAndTheSitesInChinese() throws Exception {
        showTray();

        OutPair<UInt32, MenuLayout> reply = menu().GetLayout(0, -1, new String[0]);

        List<String> lines = lines(reply.second(), "");
        assertThat(lines).containsExactly(
                "UKey：Clerk Key [disabled]",
                "    张三：剩余 400 天 [disabled]",
                "---",
                "更新证书…",
                "诊断信息",
                "允许的网站 >",
                "  https://update.example.gov.cn/ [disabled]",
                "---",
                "退出");
    }

    @Test
    void whenTheUserClicksRenewInTheHostsMenu_thenTheUpdateSiteOpens() throws Exception {
        showTray();
        DBusMenu menu = menu();
        int renew = idOf(menu.GetLayout(0, -1, new String[0]).second(), "更新证书…");

        menu.Event(renew, "clicked", new Variant<>(0), new UInt32(0));

        assertThat(opened.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(SITE);
    }

    @Test
    void whenTheUserClicksDiagnosticsOrQuit_thenThePresenterDoesIt() throws Exception {
        showTray();
        DBusMenu menu = menu();
        MenuLayout layout = menu.GetLayout(0, -1, new String[0]).second();

        menu.Event(idOf(layout, "诊断信息"), "clicked", new Variant<>(0), new UInt32(0));
        menu.Event(idOf(layout, "退出"), "clicked", new Variant<>(0), new UInt32(0));

        assertThat(diagnostics).containsExactly("UKey Bridge 诊断信息");
        assertThat(quit).isTrue();
    }

    @Test
    void whenACertificateComesNearItsEnd_thenTheHostIsToldAndReadsTheNewState() throws Exception {
        showTray();
        BlockingQueue<DBusSignal> signals = new LinkedBlockingQueue<>();
        host.addSigHandler(StatusNotifierItem.NewStatus.class, signals::add);
        host.addSigHandler(StatusNotifierItem.NewIcon.class, signals::add);
        host.addSigHandler(StatusNotifierItem.NewToolTip.class, signals::add);
        host.addSigHandler(DBusMenu.LayoutUpdated.class, signals::add);
        host.addSigHandler(DBusMenu.ItemsPropertiesUpdated.class, signals::add);
        long revision = menu().GetLayout(0, -1, new String[0]).first().longValue();

        facts.set(Keys.facts(key("Clerk Key", certificate("张三", 400)), key("Old Key", certificate("李四", 20))));
        presenter.refresh();

        List<DBusSignal> received = take(signals, 4);
        assertThat(received).extracting(signal -> signal.getClass().getSimpleName())
                .containsExactlyInAnyOrder("NewStatus", "NewIcon", "NewToolTip", "LayoutUpdated");
        assertThat(received).filteredOn(StatusNotifierItem.NewStatus.class::isInstance)
                .singleElement().extracting(signal -> ((StatusNotifierItem.NewStatus) signal).status).isEqualTo("NeedsAttention");
        assertThat(received).filteredOn(DBusMenu.LayoutUpdated.class::isInstance)
                .singleElement().extracting(signal -> ((DBusMenu.LayoutUpdated) signal).revision.longValue()).isEqualTo(revision + 1);

        Map<String, Variant<?>> properties = itemProperties();
        assertThat(properties.get("Status").getValue()).isEqualTo("NeedsAttention");
        assertThat(((Object[]) properties.get("ToolTip").getValue())[3]).isEqualTo("证书将于 20 天后到期，请及时更新");
        assertThat(bytes(structs(properties.get("IconPixmap")).get(0)[2]))
                .isEqualTo(networkOrder(TrayIcons.draw(TrayState.EXPIRING, 16)));
        OutPair<UInt32, MenuLayout> reply = menu().GetLayout(0, -1, new String[0]);
        assertThat(reply.first().longValue()).isEqualTo(revision + 1);
        assertThat(lines(reply.second(), "")).contains("UKey：Old Key [disabled]", "    李四：剩余 20 天，请更新 [disabled]");

        // A day later only texts change: the host updates the items in place.
        signals.clear();
        clock.advance(Duration.ofDays(1));
        presenter.refresh();

        List<DBusSignal> later = take(signals, 2);
        assertThat(later).extracting(signal -> signal.getClass().getSimpleName())
                .containsExactlyInAnyOrder("NewToolTip", "ItemsPropertiesUpdated");
        DBusMenu.ItemsPropertiesUpdated update = later.stream().filter(DBusMenu.ItemsPropertiesUpdated.class::isInstance)
                .map(DBusMenu.ItemsPropertiesUpdated.class::cast).findFirst().orElseThrow();
        List<String> labels = new ArrayList<>();
        for (MenuItemProperties item : update.updatedProps) {
            labels.add((String) item.properties().get("label").getValue());
        }
        assertThat(labels).contains("    张三：剩余 399 天", "    李四：剩余 19 天，请更新");
    }

    @Test
    void whenTheWatcherRestarts_thenTheItemRegistersWithTheNewOne() throws Exception {
        showTray();
        assertThat(watcher.registered.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(view.busName());

        watcher.close();
        watcher = TestWatcher.on(bus.address());

        assertThat(watcher.registered.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(view.busName());
    }

    @Test
    void whenAReminderIsDue_thenItIsANotificationWhoseClickOpensTheUpdateSite() throws Exception {
        try (TestNotificationServer notifications = TestNotificationServer.on(bus.address())) {
            facts.set(Keys.facts(key("Clerk Key", certificate("张三", 20))));
            showTray();

            TestNotificationServer.Shown shown = notifications.shown.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(shown).isNotNull();
            assertThat(shown.appName()).isEqualTo("UKey Bridge 证书助手");
            assertThat(shown.summary()).isEqualTo("证书即将到期");
            assertThat(shown.body()).isEqualTo("UKey Clerk Key 中的证书“张三”将于 20 天后到期。点击此处更新证书。");
            assertThat(shown.actions()).containsExactly("default", "更新证书…");
            assertThat(shown.hints()).contains("image-data", "urgency");

            // The server shows the notification before the view has read the id Notify returned;
            // a person clicks seconds later, the test at once: click until the view knows the id
            // (a click on an id it does not know yet changes nothing).
            URI url = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (url == null && System.nanoTime() < deadline) {
                notifications.click(shown.id());
                url = opened.poll(200, TimeUnit.MILLISECONDS);
            }
            assertThat(url).isEqualTo(SITE);
        }
    }

    @Test
    void whenGLibReadsTheItemAndTheMenu_thenTheTypesAreTheOnesGnomeShellExpects() throws Exception {
        showTray();

        // gdbus is GLib's client, the library GNOME Shell's AppIndicator extension reads items with.
        String icon = gdbus("--dest", view.busName(), "--object-path", StatusNotifierItem.PATH,
                "--method", "org.freedesktop.DBus.Properties.Get", ITEM, "IconPixmap");
        String toolTip = gdbus("--dest", view.busName(), "--object-path", StatusNotifierItem.PATH,
                "--method", "org.freedesktop.DBus.Properties.Get", ITEM, "ToolTip");
        String layout = gdbus("--dest", view.busName(), "--object-path", DBusMenu.PATH,
                "--method", "com.canonical.dbusmenu.GetLayout", "0", "--", "-1", "@as []");

        String aboutToShow = gdbus("--dest", view.busName(), "--object-path", DBusMenu.PATH,
                "--method", "com.canonical.dbusmenu.AboutToShowGroup", "[0, 999]");
        String version = gdbus("--dest", view.busName(), "--object-path", DBusMenu.PATH,
                "--method", "org.freedesktop.DBus.Properties.Get", "com.canonical.dbusmenu", "Version");

        assertThat(aboutToShow).isEqualTo("(@ai [], [999])");
        assertThat(version).isEqualTo("(<uint32 3>,)");
        assertThat(icon.replaceAll("\\[(byte )?0x[0-9a-f, x]*]", "[pixels]"))
                .isEqualTo("(<[(16, 16, [pixels]), (22, 22, [pixels]), (24, 24, [pixels]), (32, 32, [pixels]), (48, 48, [pixels])]>,)");
        assertThat(toolTip).isEqualTo("(<('', @a(iiay) [], 'UKey Bridge 证书助手', '证书有效')>,)");
        assertThat(layout).startsWith("(uint32 ").contains("{'children-display': <'submenu'>}")
                .contains("{'label': <'更新证书…'>, 'enabled': <true>}")
                .contains("{'label': <'UKey：Clerk Key'>, 'enabled': <false>, 'disposition': <'normal'>}")
                .contains("{'type': <'separator'>}");
    }

    private String gdbus(String... arguments) throws Exception {
        Optional<Path> gdbus = SessionBus.program("gdbus");
        if (gdbus.isEmpty()) {
            assertThat(System.getenv("CI")).as("gdbus is missing on CI: scripts/setup.sh must install libglib2.0-bin").isNotEqualTo("true");
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "gdbus is not installed (scripts/setup.sh installs libglib2.0-bin)");
        }
        List<String> command = new ArrayList<>(List.of(gdbus.get().toString(), "call", "--address", bus.address()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private Map<String, Variant<?>> itemProperties() throws Exception {
        return host.getRemoteObject(view.busName(), StatusNotifierItem.PATH, Properties.class).GetAll(ITEM);
    }

    private DBusMenu menu() throws Exception {
        return host.getRemoteObject(view.busName(), DBusMenu.PATH, DBusMenu.class);
    }

    private static List<DBusSignal> take(BlockingQueue<DBusSignal> signals, int count) throws InterruptedException {
        List<DBusSignal> taken = new ArrayList<>();
        while (taken.size() < count) {
            DBusSignal signal = signals.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(signal).as("signal %d of %d (got %s)", taken.size() + 1, count, taken).isNotNull();
            taken.add(signal);
        }
        return taken;
    }

    /** A menu as lines: label, [disabled], "---" for separators, "&gt;" and indented children for submenus. */
    private static List<String> lines(MenuLayout node, String indent) {
        List<String> lines = new ArrayList<>();
        for (Variant<?> child : node.children()) {
            Object[] item = (Object[]) child.getValue();
            @SuppressWarnings("unchecked")
            Map<String, Variant<?>> properties = (Map<String, Variant<?>>) item[1];
            if (properties.containsKey("type") && "separator".equals(properties.get("type").getValue())) {
                lines.add(indent + "---");
                continue;
            }
            String line = indent + properties.get("label").getValue();
            if (properties.containsKey("enabled") && Boolean.FALSE.equals(properties.get("enabled").getValue())) {
                line += " [disabled]";
            }
            @SuppressWarnings("unchecked")
            List<Variant<?>> children = (List<Variant<?>>) item[2];
            if (properties.containsKey("children-display")) {
                lines.add(line + " >");
                lines.addAll(lines(new MenuLayout((Integer) item[0], properties, children), indent + "  "));
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static int idOf(MenuLayout node, String label) {
        for (Variant<?> child : node.children()) {
            Object[] item = (Object[]) child.getValue();
            @SuppressWarnings("unchecked")
            Map<String, Variant<?>> properties = (Map<String, Variant<?>>) item[1];
            if (properties.containsKey("label") && label.equals(properties.get("label").getValue())) {
                return (Integer) item[0];
            }
        }
        throw new AssertionError("no menu item " + label);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> structs(Variant<?> variant) {
        Object value = variant.getValue();
        List<Object[]> out = new ArrayList<>();
        for (Object element : value instanceof Object[] array ? List.of(array) : (List<Object>) value) {
            out.add(element instanceof Object[] struct ? struct : ((List<Object>) element).toArray());
        }
        return out;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        Object[] boxed = value instanceof List<?> list ? list.toArray() : (Object[]) value;
        byte[] out = new byte[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            out[i] = (Byte) boxed[i];
        }
        return out;
    }

    private static byte[] networkOrder(BufferedImage image) {
        byte[] out = new byte[image.getWidth() * image.getHeight() * 4];
        int i = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                out[i++] = (byte) (argb >>> 24);
                out[i++] = (byte) (argb >>> 16);
                out[i++] = (byte) (argb >>> 8);
                out[i++] = (byte) argb;
            }
        }
        return out;
    }
}
