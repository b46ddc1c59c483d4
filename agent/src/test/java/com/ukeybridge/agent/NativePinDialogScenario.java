package com.ukeybridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.desktop.AgentFacts;
import com.ukeybridge.agent.dialog.SwingPrompts;
import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.tray.DesktopSession;
import com.ukeybridge.agent.x11.Screen;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.testing.TestCertificates;
import com.ukeybridge.token.testing.TokenFixture;

import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import java.awt.Container;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a child JVM on Xvfb (see {@link NativePinDialogTest}): a protocol-v2 page calls {@code verifyPin}
 * without a PIN on the real agent over wss, on a SoftHSM2 token; the user types the PIN into
 * the agent's own dialog and presses 确定. Then the tray's status window on the same agent.
 */
public final class NativePinDialogScenario {
    private static final String SUBJECT = "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN";

    public static void main(String[] args) {
        Screen.main(() -> run(Path.of(args[0])));
    }

    private static void run(Path screenshots) throws Exception {
        Screen screen = new Screen(screenshots);
        Messages messages = Messages.forDefaultLocale();
        Path dir = Files.createTempDirectory("native-pin");
        try (TokenFixture tokens = TokenFixture.open("Clerk Key")) {
            Token token = tokens.token("Clerk Key");
            TestCertificates.provision(token, TokenFixture.PIN.toCharArray(), KeyAlgorithm.EC_P256, SUBJECT, Duration.ofDays(30));
            token.logout();
            String tokenId = token.id().value();
            try (RunningAgent agent = RunningAgent.start(tokens, dir, new SwingPrompts(messages), true);
                 AgentClient page = agent.connect(2)) {
                pinTypedInTheDialogLogsThePageIn(screen, page, tokenId);
                closingTheDialogIsCancelledByUser(screen, page, tokenId);
                statusWindowShowsTheRealKey(screen, messages, agent, dir);
            }
        }
    }

    private static void pinTypedInTheDialogLogsThePageIn(Screen screen, AgentClient page, String tokenId) throws Exception {
        CompletableFuture<JsonNode> response = page.send("verifyPin", Map.of("tokenId", tokenId));

        Window dialog = screen.awaitWindow("ukey-pin");
        List<String> texts = Screen.onEdt(() -> labels(dialog));
        assertThat(texts).contains("网站 " + RunningAgent.ORIGIN + " 请求使用您的 UKey：", "UKey：Clerk Key");
        JPasswordField field = Screen.find((Container) dialog, JPasswordField.class, "pin-field");
        screen.awaitFocus(field);
        screen.type(TokenFixture.PIN);
        screen.screenshot(dialog, "pin-dialog-softhsm");
        JButton ok = Screen.find((Container) dialog, JButton.class, "ok");
        assertThat(ok.getText()).isEqualTo("确定");
        JsonNode answer = screen.clickFor(ok, response);
        assertThat(answer.path("result").path("loggedIn").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.toString()).doesNotContain(TokenFixture.PIN);
        // The answer comes before the dialog is gone: the next PIN dialog must not be mistaken for this one.
        screen.awaitGone(dialog);
    }

    private static void closingTheDialogIsCancelledByUser(Screen screen, AgentClient page, String tokenId) throws Exception {
        CompletableFuture<JsonNode> response = page.send("verifyPin", Map.of("tokenId", tokenId));

        Window dialog = screen.awaitWindow("ukey-pin");
        JButton cancel = Screen.findWhere((Container) dialog, JButton.class, b -> "取消".equals(b.getText())).orElseThrow();
        JsonNode answer = screen.clickFor(cancel, response);
        assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(1005);
    }

    private static void statusWindowShowsTheRealKey(Screen screen, Messages messages, RunningAgent agent, Path dir) throws Exception {
        AgentConfig config = new AgentConfig(agent.agent().port(), List.of(RunningAgent.ORIGIN), List.of(), dir.resolve("tls"), dir,
                AgentConfig.DEFAULT_WARN_DAYS, Optional.of(java.net.URI.create(RunningAgent.ORIGIN + "/")), Optional.of(true),
                List.of(1, 2), false, java.util.Map.of());
        try (DesktopSession desktop = DesktopSession.start(config, new AgentFacts(agent.agent()), messages, Clock.systemUTC(),
                dir.resolve("logs/agent.log"), () -> { })) {
            JFrame frame = Screen.awaitWindow("the status window", JFrame.class, f -> true);
            awaitLabel(frame, "UKey：Clerk Key");
            awaitLabel(frame, "证书即将到期");
            List<String> texts = Screen.onEdt(() -> labels(frame));
            assertThat(texts).anySatisfy(t -> assertThat(t).matches("\\s*张三：剩余 (29|30) 天，请更新"));
            screen.screenshot(frame, "status-window-softhsm");
        }
    }

    private static void awaitLabel(Container root, String text) throws Exception {
        Screen.await("a label with " + text, () -> Screen.onEdt(() -> labels(root)).stream().anyMatch(t -> t.contains(text))
                ? Optional.of(true) : Optional.empty());
    }

    private static List<String> labels(Container root) {
        List<String> texts = new java.util.ArrayList<>();
        collect(root, texts);
        return texts;
    }

    private static void collect(Container root, List<String> texts) {
        for (java.awt.Component child : root.getComponents()) {
            if (child instanceof JLabel label && label.getText() != null) {
                texts.add(label.getText());
            } else if (child instanceof JButton button && button.getText() != null) {
                texts.add(button.getText());
            }
            if (child instanceof Container container) {
                collect(container, texts);
            }
        }
    }
}
