package com.ukeybridge.agent.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.util.List;

/**
 * Caps Jetty's and Javalin's logging at INFO, whatever the log configuration says. At DEBUG,
 * Jetty prints the first and last bytes of every WebSocket frame it parses, and a
 * {@code verifyPin} request ends with its PIN; a support session that turns Jetty's logging up
 * must not put PINs in the log file.
 */
final class FrameLogGuard extends TurboFilter {
    private static final List<String> GUARDED = List.of("org.eclipse.jetty", "io.javalin");

    private FrameLogGuard() {
    }

    /** Adds the guard to the logging context once (again after a reconfiguration reset it). */
    static synchronized void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(FrameLogGuard.class::isInstance)) {
            FrameLogGuard guard = new FrameLogGuard();
            guard.setName("frame-log-guard");
            guard.setContext(context);
            guard.start();
            context.addTurboFilter(guard);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level.isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        return GUARDED.stream().anyMatch(prefix -> name.equals(prefix) || name.startsWith(prefix + "."))
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
