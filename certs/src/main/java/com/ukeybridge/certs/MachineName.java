package com.ukeybridge.certs;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, for the root's subject; a stand-in when the system will not say. */
final class MachineName {
    private static final String UNKNOWN = "this computer";

    private MachineName() {
    }

    static String current() {
        String windowsName = System.getenv("COMPUTERNAME");
        if (windowsName != null && !windowsName.isBlank()) {
            return windowsName.strip();
        }
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? UNKNOWN : name.strip();
        } catch (UnknownHostException | SecurityException e) {
            // A misconfigured hosts file must not stop the install; the name is only a label.
            return UNKNOWN;
        }
    }
}
