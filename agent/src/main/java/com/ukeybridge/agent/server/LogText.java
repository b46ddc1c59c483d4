package com.ukeybridge.agent.server;

/** Makes a value that came from a page safe to put in one log line. */
final class LogText {
    private static final int MAX_LENGTH = 200;

    private LogText() {
    }

    /** Quoted, control characters escaped (no forged log lines), cut at 200 characters. */
    static String of(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 8).append('"');
        for (int i = 0; i < value.length() && i < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > MAX_LENGTH) {
            out.append('…');
        }
        return out.append('"').toString();
    }
}
