package com.ukeybridge.agent.server;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one 404 the agent sends, whatever the path or method: it tells nothing about what is there. */
final class NotFound {
    static final String BODY = "Not found";

    private NotFound() {
    }

    static void write(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain;charset=utf-8");
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
