package com.ukeybridge.agent.cli;

import com.ukeybridge.agent.desktop.InstanceLock;
import com.ukeybridge.agent.x11.Screen;
import com.ukeybridge.certs.AgentTlsFiles;

import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a child JVM on Xvfb (see {@link DesktopRunTest}): {@code run} with a display, the
 * way a user starts it. A second start while one holds the data folder says "already
 * running"; a port held by another program leaves the agent up in its problem state.
 */
public final class DesktopRunScenario {
    public static void main(String[] args) {
        Screen.main(() -> run(Path.of(args[0])));
    }

    private static void run(Path screenshots) throws Exception {
        Screen screen = new Screen(screenshots);
        Path dir = Files.createTempDirectory("desktop-run");
        AgentTlsFiles.create(dir.resolve("tls"));
        try (ServerSocket other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("config.json");
            Files.writeString(config, "{\"port\": " + other.getLocalPort() + ", \"allowedOrigins\": [\"https://update.example.gov.cn\"],"
                    + " \"pkcs11Modules\": [], \"tlsDir\": \"tls\", \"dataDir\": \"data\"}");

            secondStartSaysAlreadyRunning(screen, config, dir.resolve("data"));
            takenPortShowsTheProblemState(screen, config, other.getLocalPort());
        }
    }

    private static void secondStartSaysAlreadyRunning(Screen screen, Path config, Path dataDir) throws Exception {
        try (InstanceLock first = InstanceLock.tryAcquire(dataDir).orElseThrow()) {
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                    () -> AgentCommand.commandLine().execute("run", "--config", config.toString()));
            JDialog message = Screen.awaitWindow("the message box", JDialog.class,
                    dialog -> Screen.findWhere(dialog, JOptionPane.class, p -> true).isPresent());
            assertThat(Screen.findWhere(message, JLabel.class, l -> "UKey Bridge 证书助手已在运行。".equals(l.getText()))).isPresent();
            screen.screenshot(message, "already-running");
            assertThat(screen.clickFor(Screen.findWhere(message, JButton.class, b -> true).orElseThrow(), second))
                    .isEqualTo(RunCommand.ALREADY_RUNNING);
        }
    }

    private static void takenPortShowsTheProblemState(Screen screen, Path config, int port) throws Exception {
        CompletableFuture<Integer> agent = CompletableFuture.supplyAsync(
                () -> AgentCommand.commandLine().execute("run", "--config", config.toString()));
        JFrame frame = Screen.awaitWindow("the status window", JFrame.class, f -> true);
        String problem = "故障：端口 " + port + " 被其他程序占用，网页无法连接本助手";
        Screen.awaitTrue("the port problem in the status window",
                () -> Screen.findWhere(frame, JLabel.class, l -> problem.equals(l.getText())).isPresent());
        screen.screenshot(frame, "status-window-port-taken");
        assertThat(screen.clickFor(Screen.findWhere(frame, JButton.class, b -> "退出".equals(b.getText())).orElseThrow(), agent))
                .isEqualTo(RunCommand.START_ERROR);
    }
}
