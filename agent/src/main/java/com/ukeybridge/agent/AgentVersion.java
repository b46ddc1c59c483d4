package com.ukeybridge.agent;

/** The agent's version, from the jar's manifest ({@code dev} when run from classes). */
public final class AgentVersion {
    private AgentVersion() {
    }

    public static String current() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
