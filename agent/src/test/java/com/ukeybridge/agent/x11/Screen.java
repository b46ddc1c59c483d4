package com.ukeybridge.agent.x11;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.RootPaneContainer;
import javax.swing.SwingUtilities;
import java.awt.AWTException;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Plays the user on a real X display inside a child JVM: finds windows and components, types, clicks, takes screenshots. */
public final class Screen {
    /**
     * How long any wait may take before the test fails: an upper bound for a hung scenario, far
     * beyond what a loaded machine needs; every wait ends as soon as its state is reached.
     */
    public static final Duration LIMIT = Duration.ofMinutes(2);

    private final Robot robot;
    private final Path screenshots;

    public Screen(Path screenshots) throws AWTException {
        this.robot = new Robot();
        this.screenshots = screenshots;
    }

    /** Waits for a showing window whose name is {@code name}. */
    public Window awaitWindow(String name) throws Exception {
        return awaitWindow("window " + name, Window.class, window -> name.equals(window.getName()));
    }

    public void awaitGone(Window window) throws Exception {
        await("window " + window.getName() + " to close", () -> onEdt(() -> window.isDisplayable() ? null : Boolean.TRUE) == null
                ? Optional.empty() : Optional.of(Boolean.TRUE));
    }

    /** The component named {@code name} in {@code root}'s tree, of {@code type}. */
    public static <T extends Component> T find(Container root, Class<T> type, String name) {
        return findWhere(root, type, c -> name.equals(c.getName()))
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    public static <T extends Component> Optional<T> findWhere(Container root, Class<T> type, Predicate<T> test) {
        for (Component child : root.getComponents()) {
            if (type.isInstance(child) && test.test(type.cast(child))) {
                return Optional.of(type.cast(child));
            }
            if (child instanceof Container container) {
                Optional<T> found = findWhere(container, type, test);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    public void awaitFocus(Component component) throws Exception {
        await("focus on " + component.getName(), () -> onEdt(component::isFocusOwner) ? Optional.of(true) : Optional.empty());
    }

    /** Types ASCII digits and letters with real key events. */
    public void type(String text) {
        for (char c : text.toCharArray()) {
            int key = KeyEvent.getExtendedKeyCodeForChar(c);
            robot.keyPress(key);
            robot.keyRelease(key);
        }
        robot.waitForIdle();
    }

    public void press(int keyCode) {
        robot.keyPress(keyCode);
        robot.keyRelease(keyCode);
        robot.waitForIdle();
    }

    /**
     * A real mouse click in the middle of {@code component}. The press waits until the pointer
     * is over the component as the toolkit sees it (a motion event reached the component: its
     * window is mapped where Java thinks it is and takes input); the click returns once the
     * release reached it too. Without a window manager, a press sent while a window is still
     * being mapped or moved lands elsewhere and is lost.
     */
    public void click(Component component) throws Exception {
        MouseDelivery delivery = new MouseDelivery();
        onEdt(() -> {
            component.addMouseListener(delivery);
            component.addMouseMotionListener(delivery);
            return null;
        });
        try {
            int[] nudge = {0};
            await(() -> "the pointer over " + describe(component) + diagnostics(component), () -> {
                if (delivery.probes++ > 0) {
                    placeWhereJavaSaysItIs(SwingUtilities.getWindowAncestor(component));
                }
                Optional<Rectangle> bounds = Optional.ofNullable(onEdt(() -> component.isShowing()
                        ? new Rectangle(component.getLocationOnScreen(), component.getSize()) : null));
                if (bounds.isEmpty()) {
                    return Optional.empty();
                }
                // Each probe moves the pointer by a pixel: a pointer already resting there sends no event.
                nudge[0] = 1 - nudge[0];
                robot.mouseMove(bounds.get().x + bounds.get().width / 2 + nudge[0], bounds.get().y + bounds.get().height / 2);
                robot.waitForIdle();
                return delivery.moved.get() ? Optional.of(true) : Optional.empty();
            });
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            robot.waitForIdle();
            await("the click on " + describe(component), () -> delivery.released.get() ? Optional.of(true) : Optional.empty());
        } finally {
            onEdt(() -> {
                component.removeMouseListener(delivery);
                component.removeMouseMotionListener(delivery);
                return null;
            });
        }
    }

    /** Clicks {@code component} and waits for what the click answers. */
    public <T> T clickFor(Component component, Future<T> answer) throws Exception {
        click(component);
        return answer.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Saves what is on screen where {@code window} is, as {@code name}.png, once its contents are painted. */
    public Path screenshot(Window window, String name) throws Exception {
        placeWhereJavaSaysItIs(window);
        Rectangle bounds = onEdt(() -> {
            if (window instanceof RootPaneContainer container) {
                JComponent root = container.getRootPane();
                root.paintImmediately(0, 0, root.getWidth(), root.getHeight());
            }
            return window.getBounds();
        });
        robot.waitForIdle();
        Files.createDirectories(screenshots);
        Path file = screenshots.resolve(name + ".png");
        ImageIO.write(robot.createScreenCapture(bounds), "png", file.toFile());
        return file;
    }

    /** Waits until {@code condition} holds (polled, at most {@link #LIMIT}, a bound for a hung test only). */
    public static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
        await(what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /** Waits for a showing window that {@code test} accepts. */
    public static <T extends Window> T awaitWindow(String what, Class<T> type, Predicate<T> test) throws Exception {
        return await(what, () -> {
            for (Window window : Window.getWindows()) {
                if (type.isInstance(window) && window.isShowing() && test.test(type.cast(window))) {
                    return Optional.of(type.cast(window));
                }
            }
            return Optional.empty();
        });
    }

    public static <T> T onEdt(Supplier<T> what) throws InvocationTargetException, InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> result.set(what.get()));
        return result.get();
    }

    public static <T> T await(String what, Probe<T> probe) throws Exception {
        return await(() -> what, probe);
    }

    private static <T> T await(Supplier<String> what, Probe<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what.get());
    }

    /** Runs a scenario as a child JVM's main: exit 0 when it passes, 1 with the stack trace when not. */
    public static void main(ThrowingRunnable scenario) {
        int code = 0;
        try {
            scenario.run();
            System.out.println("SCENARIO PASSED");
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            code = 1;
        }
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }

    /**
     * Without a window manager, XToolkit sometimes keeps the location a window's peer was made
     * at (0,0, by {@code pack()}) while the X server shows the window where it was then asked to
     * be (centred): Java's coordinates stay wrong for good, and a click or a capture lands beside
     * the window (seen under load: Java said 0,0, xwininfo +509+405). A move by a pixel and back,
     * from Java, puts the X window where Java says it is; then both agree.
     */
    private static void placeWhereJavaSaysItIs(Window window) throws Exception {
        if (window == null) {
            return;
        }
        onEdt(() -> {
            java.awt.Point location = window.getLocation();
            window.setLocation(location.x + 1, location.y);
            window.setLocation(location);
            return null;
        });
    }

    /** What the toolkit and the X server each say of a component that input does not reach. */
    private static String diagnostics(Component component) {
        StringBuilder text = new StringBuilder();
        try {
            text.append("\n  Java: ").append(onEdt(() -> {
                Window window = SwingUtilities.getWindowAncestor(component);
                return "component " + (component.isShowing() ? component.getLocationOnScreen() + " " + component.getSize() : "not showing")
                        + ", window " + window.getBounds() + " insets " + window.getInsets() + " showing " + window.isShowing()
                        + ", pointer " + java.awt.MouseInfo.getPointerInfo().getLocation();
            }));
            Process xwininfo = new ProcessBuilder("xwininfo", "-root", "-tree").redirectErrorStream(true).start();
            text.append("\n  X server: ").append(new String(xwininfo.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            text.append(" (diagnostics failed: ").append(e).append(')');
        }
        return text.toString();
    }

    private static String describe(Component component) {
        return component.getName() != null ? component.getName() : component.getClass().getSimpleName();
    }

    /** What reached a component: set on the EDT, read by the test's thread. */
    private static final class MouseDelivery extends MouseAdapter {
        /** Probes made so far; touched by the test's thread only. */
        int probes;
        final AtomicBoolean moved = new AtomicBoolean();
        final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void mouseMoved(MouseEvent e) {
            moved.set(true);
        }

        @Override
        public void mouseEntered(MouseEvent e) {
            moved.set(true);
        }

        @Override
        public void mouseReleased(MouseEvent e) {
            released.set(true);
        }
    }

    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

}
