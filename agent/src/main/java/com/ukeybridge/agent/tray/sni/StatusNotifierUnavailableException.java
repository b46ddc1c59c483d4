package com.ukeybridge.agent.tray.sni;

/** No StatusNotifierItem tray here: no session bus, no watcher on it, or it refused the item. The caller falls back. */
public final class StatusNotifierUnavailableException extends Exception {
    public StatusNotifierUnavailableException(String reason) {
        super(reason);
    }

    public StatusNotifierUnavailableException(String reason, Throwable cause) {
        super(reason + ": " + cause.getMessage(), cause);
    }
}
