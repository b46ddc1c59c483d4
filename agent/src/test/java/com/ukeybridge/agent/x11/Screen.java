package com.ukeybridge.agent.x11;

import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import java.awt.AWTException;
import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plays the user on a real X display inside a child JVM: finds windows and components, types, clicks, takes screenshots. */
public final class Screen {
    private final Robot robot;
    private final Path screenshots;

    public Screen(Path screenshots) throws AWTException {
        this.robot = new Robot();
        this.robot.setAutoDelay(20);
        this.screenshots = screenshots;
    }

    /** Waits for a showing window whose name is {@code name}. */
    public Window awaitWindow(String name) throws Exception {
        return await("window " + name, () -> {
            for (Window window : Window.getWindows()) {
                if (window.isShowing() && name.equals(window.getName())) {
                    return Optional.of(window);
                }
            }
            return Optional.empty();
        });
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

    /** A real mouse click in the middle of {@code component}, once it is showing where it will stay. */
    public void click(Component component) throws Exception {
        Rectangle bounds = await("a settled " + component.getName(), () -> {
            Rectangle before = onEdt(() -> component.isShowing() ? new Rectangle(component.getLocationOnScreen(), component.getSize()) : null);
            robot.delay(100);
            Rectangle after = onEdt(() -> component.isShowing() ? new Rectangle(component.getLocationOnScreen(), component.getSize()) : null);
            return before != null && before.equals(after) ? Optional.of(after) : Optional.empty();
        });
        Point centre = new Point(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
        robot.mouseMove(centre.x, centre.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    /**
     * Clicks {@code component} until {@code answer} completes: on a loaded machine without a
     * window manager, a click that lands while the window is still being mapped is lost.
     */
    public <T> T clickFor(Component component, Future<T> answer) throws Exception {
        for (int attempt = 1; ; attempt++) {
            click(component);
            try {
                return answer.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Saves what is on screen where {@code window} is, as {@code name}.png. */
    public Path screenshot(Window window, String name) throws Exception {
        robot.waitForIdle();
        robot.delay(400);
        Rectangle bounds = onEdt(window::getBounds);
        Files.createDirectories(screenshots);
        Path file = screenshots.resolve(name + ".png");
        ImageIO.write(robot.createScreenCapture(bounds), "png", file.toFile());
        return file;
    }

    public static <T> T onEdt(Supplier<T> what) throws InvocationTargetException, InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> result.set(what.get()));
        return result.get();
    }

    private static <T> T await(String what, Probe<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
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

    @FunctionalInterface
    private interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

}
