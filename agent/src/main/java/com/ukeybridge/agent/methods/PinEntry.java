package com.ukeybridge.agent.methods;

/**
 * Where a protocol-v2 agent takes the PIN from ({@code getInfo}'s {@code pinEntry}): its own
 * dialog when it has a display; the page only when headless and configured with {@code pagePin}.
 */
enum PinEntry {
    /** The agent asks in its own dialog; a PIN from the page is refused. */
    AGENT("agent"),
    /** Headless with {@code pagePin: true}: the page sends the PIN. */
    PAGE("page"),
    /** Headless without {@code pagePin}: nobody can give a PIN, so nothing needs login. */
    NONE("none");

    private final String protocolName;

    PinEntry(String protocolName) {
        this.protocolName = protocolName;
    }

    String protocolName() {
        return protocolName;
    }

    static PinEntry of(boolean canAsk, boolean pagePin) {
        return canAsk ? AGENT : pagePin ? PAGE : NONE;
    }
}
