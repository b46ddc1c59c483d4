package com.ukeybridge.agent.desktop;

/** Something that stops the agent from serving web pages, shown as the tray's problem state. */
public record AgentProblem(Kind kind, int port) {
    public enum Kind {
        /** Another program listens on the configured port. */
        PORT_TAKEN,
        /** None of the configured PKCS#11 modules loaded (or none is configured). */
        NO_MODULE_LOADED
    }

    public static AgentProblem portTaken(int port) {
        return new AgentProblem(Kind.PORT_TAKEN, port);
    }

    public static AgentProblem noModuleLoaded() {
        return new AgentProblem(Kind.NO_MODULE_LOADED, 0);
    }
}
