package com.ukeybridge.agent.cli;

import com.ukeybridge.agent.Agent;
import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.config.AgentConfigReader;
import com.ukeybridge.agent.config.ConfigException;
import com.ukeybridge.agent.desktop.AgentFacts;
import com.ukeybridge.agent.desktop.AgentProbe;
import com.ukeybridge.agent.desktop.FactsSource;
import com.ukeybridge.agent.desktop.InstanceLock;
import com.ukeybridge.agent.dialog.SwingPrompts;
import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import com.ukeybridge.agent.tray.DesktopSession;
import com.ukeybridge.agent.tray.Displays;
import com.ukeybridge.agent.tray.LookAndFeels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.ukeybridge.certs.CertsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import java.lang.reflect.InvocationTargetException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code run [--headless] --config FILE}: runs the agent until it is stopped. With a display
 * (and without {@code --headless}) it shows the tray, asks for PINs and consent in its own
 * dialogs, and reminds of certificates to renew; without one it serves the same protocol headless.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent.")
final class RunCommand implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;
    static final int START_ERROR = 3;
    static final int ALREADY_RUNNING = 4;

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent's JSON configuration.")
    Path configFile;

    @Option(names = "--headless", description = "No tray and no dialogs: pages send the PIN (protocol v2: only with 'pagePin': true).")
    boolean headless;

    @Option(names = "--trust-own-root", description = {
        "First make this user's TLS identity in tlsDir when it is missing or near its end, and trust its root for this",
        "user alone (certs renew-if-needed --install-anyway --no-system: Linux NSS databases, Windows CurrentUser Root,",
        "macOS login keychain): the session step of Windows and macOS (docs/deploy.md)."})
    boolean trustOwnRoot;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig config;
        try {
            config = AgentConfigReader.withUserDefaults().read(configFile);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("ukey-agent: " + configFile + ": " + e.getMessage());
            return CONFIG_ERROR;
        }
        Optional<String> noDisplay = headless ? Optional.of("--headless") : Displays.whyNoDisplay();
        if (noDisplay.isPresent() && config.confirmWrites().orElse(false)) {
            spec.commandLine().getErr().println("ukey-agent: " + configFile
                    + ": 'confirmWrites' is true but the agent runs without a display, so nobody could confirm");
            return CONFIG_ERROR;
        }
        // Logging starts only here, once dataDir is known, so the file lands where the configuration says.
        Path logFile = LogFiles.attach(config.logDir());
        if (trustOwnRoot) {
            trustOwnRoot(config);
        }
        if (noDisplay.isPresent()) {
            if (!headless) {
                // Said once, here: nothing later retries the display.
                log.warn("{}: no tray and no dialogs, serving headless; {}", noDisplay.get(), config.pagePin()
                        ? "pages send the PIN" : "no PIN can be given on /v2 without 'pagePin': true");
            }
            return runHeadless(config, logFile);
        }
        return runOnDesktop(config, logFile);
    }

    /** A failure is the user's to see in the log; the agent still starts (an older trust may still hold). */
    private void trustOwnRoot(AgentConfig config) {
        CommandLine certs = new CommandLine(new CertsCommand());
        certs.setOut(spec.commandLine().getOut());
        certs.setErr(spec.commandLine().getErr());
        int code = certs.execute("renew-if-needed", "--dir", config.tlsDir().toString(), "--install-anyway", "--no-system");
        if (code != 0) {
            log.warn("this user's browsers may not trust the agent yet: certs renew-if-needed exited with {}", code);
        }
    }

    private int runHeadless(AgentConfig config, Path logFile) throws InterruptedException {
        Agent agent;
        try {
            agent = Agent.start(config, new HeadlessPrompts(), config.confirmWrites(true), Clock.systemUTC());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("ukey-agent: cannot start: " + e.getMessage());
            return START_ERROR;
        }
        announce(agent, logFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private int runOnDesktop(AgentConfig config, Path logFile) throws InterruptedException {
        Messages messages = Messages.forDefaultLocale();
        LookAndFeels.useSystemWhereNative();
        Optional<InstanceLock> lock = InstanceLock.tryAcquire(config.dataDir());
        if (lock.isEmpty()) {
            return alreadyRunning(messages);
        }
        Clock clock = Clock.systemUTC();
        Agent agent = null;
        FactsSource facts;
        int exitCode = 0;
        try {
            agent = Agent.start(config, new SwingPrompts(messages), config.confirmWrites(false), clock);
            facts = new AgentFacts(agent);
            announce(agent, logFile);
        } catch (RuntimeException e) {
            if (!portTaken(e)) {
                lock.get().close();
                spec.commandLine().getErr().println("ukey-agent: cannot start: " + e.getMessage());
                return START_ERROR;
            }
            // Only an agent that presents this user's own certificate counts as "already running".
            if (config.ports().stream().anyMatch(port -> AgentProbe.agentAnswers(port, config.tlsDir()))) {
                lock.get().close();
                return alreadyRunning(messages);
            }
            // Stay up with the tray in its problem state, so the user sees why pages cannot connect.
            int lastPort = config.ports().get(config.ports().size() - 1);
            log.error("ports {} are all taken by other programs: {}", config.ports(), e.getMessage());
            spec.commandLine().getErr().println("ukey-agent: " + messages.get("instance.portTaken", lastPort));
            facts = AgentFacts.portTaken(lastPort);
            exitCode = START_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DesktopSession desktop = DesktopSession.start(config, facts, messages, clock, logFile, stopped::countDown);
        Agent running = agent;
        Thread hook = new Thread(() -> stop(desktop, running, lock.get()), "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        log.info("quit from the tray");
        Runtime.getRuntime().removeShutdownHook(hook);
        stop(desktop, running, lock.get());
        return exitCode;
    }

    private static void stop(DesktopSession desktop, Agent agent, InstanceLock lock) {
        desktop.close();
        if (agent != null) {
            agent.close();
        }
        lock.close();
    }

    private int alreadyRunning(Messages messages) {
        String text = messages.get("instance.running");
        log.info("another agent is already running: this one exits");
        spec.commandLine().getErr().println("ukey-agent: " + text);
        // On Swing's own thread: a dialog built and shown from this one races the EDT's layout and painting.
        try {
            SwingUtilities.invokeAndWait(() -> JOptionPane.showMessageDialog(null, text, messages.get("app.name"), JOptionPane.INFORMATION_MESSAGE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            log.warn("the already-running message could not be shown", e.getCause());
        }
        return ALREADY_RUNNING;
    }

    private void announce(Agent agent, Path logFile) {
        spec.commandLine().getOut().printf("UKey Bridge agent listening on wss://127.0.0.1:%d/v%d (log: %s)%n", agent.port(),
                agent.newestProtocol(), logFile);
        spec.commandLine().getOut().flush();
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException
                    || (cause.getMessage() != null && cause.getMessage().toLowerCase().contains("address already in use"))) {
                return true;
            }
        }
        return false;
    }
}
