package com.ukeybridge.token.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns our logs (and the libraries') off while a fuzz test runs: a line per refused input would be most
 * of the time spent, and the console would drown. {@link #close} puts the levels back.
 */
public final class QuietLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger agent = (Logger) LoggerFactory.getLogger("com.ukeybridge");
    private final Level rootLevel = root.getLevel();
    private final Level agentLevel = agent.getLevel();

    public QuietLogs() {
        root.setLevel(Level.OFF);
        agent.setLevel(Level.OFF);
    }

    @Override
    public void close() {
        root.setLevel(rootLevel);
        agent.setLevel(agentLevel);
    }
}
