package com.ukeybridge.agent.cli;

import com.ukeybridge.agent.Agent;
import com.ukeybridge.agent.config.AgentConfig;
import com.ukeybridge.agent.config.AgentConfigReader;
import com.ukeybridge.agent.config.ConfigException;
import com.ukeybridge.agent.prompt.HeadlessPrompts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code run [--headless] --config FILE}: runs the agent until it is stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent.")
final class RunCommand implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;
    static final int START_ERROR = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent's JSON configuration.")
    Path configFile;

    @Option(names = "--headless", description = "No tray and no dialogs: the page must send the PIN.")
    boolean headless;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig config;
        try {
            config = AgentConfigReader.withUserDefaults().read(configFile);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("ukey-agent: " + configFile + ": " + e.getMessage());
            return CONFIG_ERROR;
        }
        boolean noDisplay = headless || GraphicsEnvironment.isHeadless();
        if (noDisplay && config.confirmWrites().orElse(false)) {
            spec.commandLine().getErr().println("ukey-agent: " + configFile
                    + ": 'confirmWrites' is true but the agent runs without a display, so nobody could confirm");
            return CONFIG_ERROR;
        }
        // Logging starts only here, once dataDir is known, so the file lands where the configuration says.
        Path logFile = LogFiles.attach(config.logDir());
        Agent agent;
        try {
            // The tray and native dialogs come with the desktop work; until then every run is headless.
            agent = Agent.start(config, new HeadlessPrompts(), config.confirmWrites(true), Clock.systemUTC());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("ukey-agent: cannot start: " + e.getMessage());
            return START_ERROR;
        }
        spec.commandLine().getOut().printf("UKey Bridge agent listening on wss://127.0.0.1:%d/v1 (log: %s)%n", agent.port(), logFile);
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
