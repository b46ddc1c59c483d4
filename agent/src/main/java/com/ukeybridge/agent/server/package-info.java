/**
 * The agent's TLS WebSocket endpoint for pages (docs/protocol.md, "Transport"). Start with
 * {@link com.ukeybridge.agent.server.AgentServer}.
 *
 * <p>Choices the protocol leaves open, made here:
 * <ul>
 *   <li>Listens on 127.0.0.1 and, when the machine has it, [::1], on one port; never elsewhere.</li>
 *   <li>Every upgrade attempt on {@code /vN} (any request with {@code Upgrade} or
 *       {@code Sec-WebSocket-*} headers) meets the Origin/Host check first: 403, logged at INFO
 *       with the reason. Everything else over plain HTTP but {@code GET /health} is a bare 404.</li>
 *   <li>Messages: at most 64 KiB of UTF-8 per message and per frame (Jetty closes with 1009 while
 *       reading, never buffering more); any binary frame closes with 1003 at its first fragment;
 *       no WebSocket extensions are negotiated.</li>
 *   <li>Up to 32 messages per connection are open at once (from arrival until the answer is
 *       written); at the cap the connection is simply not read until an answer goes out. Calls
 *       run on up to 64 worker threads; with 1024 calls already waiting, a call is answered
 *       INTERNAL_ERROR at once.</li>
 *   <li>A connection idle for an hour is closed by Jetty; stopping the agent says 1001 to every page.
 *       {@code connectionClosed} comes once, after the last call of the connection returned.</li>
 *   <li>Logs: one line per connection opened and closed (id, origin), method names and error
 *       reasons at DEBUG, bugs at ERROR with their stack trace; never params, never message text.
 *       Jetty's and Javalin's own logging is capped at INFO whatever the configuration says: at
 *       DEBUG Jetty prints frame contents, PINs included.</li>
 * </ul>
 */
package com.ukeybridge.agent.server;
