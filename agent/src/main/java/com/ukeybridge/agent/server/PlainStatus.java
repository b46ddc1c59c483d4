package com.ukeybridge.agent.server;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The agent's bare answers over plain HTTP: a status and a word, telling nothing about what is there. */
final class PlainStatus {
    static final String NOT_FOUND = "Not found";
    static final String FORBIDDEN = "403 Forbidden";
    static final String TOO_MANY = "429 Too many connections";

    private PlainStatus() {
    }

    static void notFound(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_NOT_FOUND, NOT_FOUND);
    }

    static void forbidden(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN);
    }

    static void tooManyConnections(HttpServletResponse response) throws IOException {
        write(response, 429, TOO_MANY);
    }

    private static void write(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
