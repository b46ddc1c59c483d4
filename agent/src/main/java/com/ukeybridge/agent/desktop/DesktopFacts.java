package com.ukeybridge.agent.desktop;

import com.ukeybridge.token.ModuleStatus;

import java.util.List;
import java.util.OptionalInt;

/**
 * What the desktop reads from the agent at one moment, before any judgement by date.
 *
 * @param port the port the agent listens on; empty when it could not start
 */
public record DesktopFacts(List<KeyContents> keys, List<ModuleStatus> modules, List<AgentProblem> problems,
                           OptionalInt port) {
    public DesktopFacts {
        keys = List.copyOf(keys);
        modules = List.copyOf(modules);
        problems = List.copyOf(problems);
    }
}
