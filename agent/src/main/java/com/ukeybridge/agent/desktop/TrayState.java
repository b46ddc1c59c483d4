package com.ukeybridge.agent.desktop;

/** What the tray icon shows at a glance, worst first when several apply. */
public enum TrayState {
    /** The agent cannot serve: its port is taken, or no PKCS#11 module loaded. */
    PROBLEM,
    /** A certificate is past its {@code notAfter}. */
    EXPIRED,
    /** A certificate is within {@code warnDays} of its {@code notAfter}. */
    EXPIRING,
    /** Keys are inserted and every certificate on them is valid (a blank key counts here). */
    ALL_VALID,
    /** No key is inserted. */
    NO_KEY
}
