package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.desktop.DesktopFacts;
import com.ukeybridge.agent.desktop.DesktopState;
import com.ukeybridge.agent.desktop.KeyCertificate;
import com.ukeybridge.agent.desktop.KeyContents;
import com.ukeybridge.agent.desktop.Notice;
import com.ukeybridge.agent.desktop.TrayAction;
import com.ukeybridge.agent.desktop.TrayMenus;
import com.ukeybridge.agent.desktop.TrayView;
import com.ukeybridge.agent.dialog.SwingPrompts;
import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.WriteRequest;
import com.ukeybridge.agent.x11.Screen;
import com.ukeybridge.token.ModuleStatus;

import javax.swing.JButton;
import javax.swing.JPasswordField;
import java.awt.Frame;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a child JVM on Xvfb (see {@link DesktopWindowsTest}): the real PIN and consent
 * dialogs, the status window that stands in for a tray, and the diagnostics, each saved as a
 * screenshot.
 */
public final class DesktopWindowsScenario {
    private static final String ORIGIN = "https://update.example.gov.cn";

    public static void main(String[] args) {
        Screen.main(() -> run(Path.of(args[0])));
    }

    private static void run(Path screenshots) throws Exception {
        Screen screen = new Screen(screenshots);
        Messages messages = Messages.forDefaultLocale();
        assertThat(messages.get("menu.quit")).isEqualTo("退出");

        pinDialogTakesTypedPin(screen, messages);
        pinDialogClosesAfterTimeout(screen, messages);
        consentDialogAsksInPlainWords(screen, messages);
        statusWindowStandsInForTheTray(screen, messages);
    }

    private static void pinDialogTakesTypedPin(Screen screen, Messages messages) throws Exception {
        SwingPrompts prompts = new SwingPrompts(messages, Duration.ofSeconds(60));
        CompletableFuture<Optional<char[]>> answer = CompletableFuture.supplyAsync(
                () -> prompts.askPin(new PinRequest(ORIGIN, "Clerk Key", true, false)));
        Window dialog = screen.awaitWindow("ukey-pin");
        JPasswordField field = Screen.find((java.awt.Container) dialog, JPasswordField.class, "pin-field");
        screen.awaitFocus(field);
        screen.screenshot(dialog, "pin-dialog");
        screen.type("123456");
        screen.screenshot(dialog, "pin-dialog-typed");
        char[] pin = screen.clickFor(Screen.find((java.awt.Container) dialog, JButton.class, "ok"), answer).orElseThrow();
        assertThat(new String(pin)).isEqualTo("123456");
        screen.awaitGone(dialog);
        assertThat(Screen.onEdt(() -> field.getDocument().getLength())).as("the field is cleared").isZero();
    }

    private static void pinDialogClosesAfterTimeout(Screen screen, Messages messages) throws Exception {
        // Unanswered, the dialog goes by itself and the page hears that no PIN came. Whether the
        // test saw it meanwhile depends on the machine's speed, so only the outcome is checked.
        SwingPrompts prompts = new SwingPrompts(messages, Duration.ofSeconds(2));
        CompletableFuture<Optional<char[]>> answer = CompletableFuture.supplyAsync(
                () -> prompts.askPin(new PinRequest(ORIGIN, "Clerk Key", false, true)));
        assertThat(answer.get(Screen.LIMIT.toSeconds(), TimeUnit.SECONDS)).isEmpty();
        Screen.await("the unanswered PIN dialog to close", () -> Screen.onEdt(() -> java.util.Arrays.stream(Window.getWindows())
                .noneMatch(w -> w.isShowing() && "ukey-pin".equals(w.getName()))) ? Optional.of(true) : Optional.empty());

        // Escape closes too: CANCELLED_BY_USER to the page.
        CompletableFuture<Optional<char[]>> escaped = CompletableFuture.supplyAsync(
                () -> new SwingPrompts(messages).askPin(new PinRequest(ORIGIN, "Clerk Key", false, true)));
        Window again = screen.awaitWindow("ukey-pin");
        screen.awaitFocus(Screen.find((java.awt.Container) again, JPasswordField.class, "pin-field"));
        screen.screenshot(again, "pin-dialog-final-try");
        screen.press(KeyEvent.VK_ESCAPE);
        assertThat(escaped.get(Screen.LIMIT.toSeconds(), TimeUnit.SECONDS)).isEmpty();
    }

    private static void consentDialogAsksInPlainWords(Screen screen, Messages messages) throws Exception {
        SwingPrompts prompts = new SwingPrompts(messages, Duration.ofSeconds(60));
        String subject = "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN";
        Instant now = Instant.now();
        var renewed = new com.ukeybridge.agent.prompt.CertificateSummary(subject, "CN=山东省数字证书认证中心,C=CN",
                now, now.plus(Duration.ofDays(730)));
        var replaced = new com.ukeybridge.agent.prompt.CertificateSummary(subject, "CN=山东省数字证书认证中心,C=CN",
                now.minus(Duration.ofDays(700)), now.plus(Duration.ofDays(30)));
        CompletableFuture<Boolean> agreed = CompletableFuture.supplyAsync(() -> prompts.confirmWrite(new WriteRequest(ORIGIN,
                "Clerk Key", WriteRequest.Kind.REPLACE_CERTIFICATE, subject, Optional.of(renewed), Optional.of(replaced))));
        Window dialog = screen.awaitWindow("ukey-consent");
        String shown = Screen.onEdt(() -> Screen.find((java.awt.Container) dialog, javax.swing.JTextArea.class, "certificates").getText());
        assertThat(shown).contains("颁发者：CN=山东省数字证书认证中心,C=CN").contains("将连同密钥删除的旧证书");
        screen.screenshot(dialog, "consent-dialog");
        assertThat(screen.clickFor(Screen.find((java.awt.Container) dialog, JButton.class, "allow"), agreed)).isTrue();
    }

    private static void statusWindowStandsInForTheTray(Screen screen, Messages messages) throws Exception {
        List<TrayAction> chosen = new CopyOnWriteArrayList<>();
        // Xvfb has no tray manager: the choice must fall back to the status window.
        TrayView view = Screen.onEdt(() -> TrayViews.start(messages, chosen::add));
        assertThat(view).isInstanceOf(StatusWindowView.class);

        Instant now = Instant.now();
        DesktopFacts facts = new DesktopFacts(List.of(
                new KeyContents("Clerk Key", "SoftHSM project", "SoftHSM v2", "0123456789", List.of(
                        new KeyCertificate("张三", "CN=张三,O=山东省示例事业单位,C=CN", now.plus(Duration.ofDays(30).plusHours(1)), "a"))),
                new KeyContents("Old Key", "SoftHSM project", "SoftHSM v2", "0123456790", List.of(
                        new KeyCertificate("李四", "CN=李四,O=山东省示例事业单位,C=CN", now.plus(Duration.ofDays(700)), "b")))),
                List.of(new ModuleStatus(Path.of("/usr/lib/softhsm/libsofthsm2.so"), true, "SoftHSM", Optional.empty())),
                List.of(), OptionalInt.of(28443));
        TrayMenus menus = new TrayMenus(messages, List.of(ORIGIN), true);
        view.show(menus.model(DesktopState.of(facts, now, 90)));
        view.notify(new Notice(messages.get("notify.expiring.title"), messages.get("notify.expiring.text", "张三", "Clerk Key", 30)));
        Frame frame = ((StatusWindowView) view).frame();
        screen.awaitWindow(frame.getName());
        screen.screenshot(frame, "status-window");

        screen.click(Screen.findWhere(frame, JButton.class, b -> b.getText().equals("诊断信息")).orElseThrow());
        Screen.awaitTrue("the diagnostics chosen", () -> chosen.contains(TrayAction.SHOW_DIAGNOSTICS));
        view.showDiagnostics(messages.get("diagnostics.title"), "UKey Bridge agent 0.1.0\nListening: wss://127.0.0.1:28443/v2\n"
                + "Keys:\n  Clerk Key\n    CN=张三,O=山东省示例事业单位,C=CN; expiring, 30 days left\n");
        Window diagnostics = Screen.awaitWindow("the diagnostics", java.awt.Dialog.class, d -> "UKey Bridge 诊断信息".equals(d.getTitle()));
        screen.screenshot(diagnostics, "diagnostics");
        Screen.onEdt(() -> {
            diagnostics.dispose();
            return null;
        });

        screen.click(Screen.findWhere(frame, JButton.class, b -> b.getText().startsWith("<html>")).orElseThrow());
        Screen.awaitTrue("the update site chosen", () -> chosen.contains(TrayAction.OPEN_UPDATE_SITE));
        screen.click(Screen.findWhere(frame, JButton.class, b -> b.getText().equals("退出")).orElseThrow());
        Screen.awaitTrue("quit chosen", () -> chosen.contains(TrayAction.QUIT));
        view.close();
    }
}
