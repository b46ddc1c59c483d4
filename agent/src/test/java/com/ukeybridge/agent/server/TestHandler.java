package com.ukeybridge.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.agent.rpc.RpcHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The method side as far as the transport can tell: {@code echo} answers its params, {@code
 * wait} blocks until {@link #release} (or 10 s), {@code fail} throws PIN_INCORRECT, {@code boom}
 * a bug, {@code broadcast} notifies every other connection; anything else METHOD_NOT_FOUND.
 */
final class TestHandler implements RpcHandler {
    final List<ClientConnection> opened = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> closeCounts = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> closedLatches = new ConcurrentHashMap<>();
    final CountDownLatch released = new CountDownLatch(1);
    final AtomicInteger running = new AtomicInteger();
    volatile boolean failOnOpen;

    @Override
    public JsonNode call(ClientConnection connection, String method, ObjectNode params) {
        switch (method) {
            case "echo":
                return params;
            case "protocol":
                return JsonNodeFactory.instance.numberNode(connection.protocol());
            case "wait":
                running.incrementAndGet();
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return JsonNodeFactory.instance.textNode("waited");
            case "fail":
                throw new RpcException(RpcError.PIN_INCORRECT, "Wrong PIN", Map.of("retriesLeft", 2, "finalTry", false));
            case "boom":
                throw new IllegalStateException("a bug in a handler");
            case "broadcast":
                for (ClientConnection other : opened) {
                    if (!other.id().equals(connection.id())) {
                        other.notify("tokensChanged", params);
                    }
                }
                return JsonNodeFactory.instance.booleanNode(true);
            default:
                throw new RpcException(RpcError.METHOD_NOT_FOUND, "No such method");
        }
    }

    @Override
    public void connectionOpened(ClientConnection connection) {
        opened.add(connection);
        closedLatch(connection.id());
        if (failOnOpen) {
            throw new IllegalStateException("a bug when a connection opens");
        }
    }

    @Override
    public void connectionClosed(ClientConnection connection) {
        closeCounts.computeIfAbsent(connection.id(), id -> new AtomicInteger()).incrementAndGet();
        closedLatch(connection.id()).countDown();
    }

    /** The {@code index}th connection opened (from 0), waiting up to 10 s for it: the client may see the upgrade first. */
    ClientConnection awaitOpened(int index) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CountDownLatch pause = new CountDownLatch(1);
        try {
            while (opened.size() <= index && System.nanoTime() < deadline) {
                pause.await(5, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (opened.size() <= index) {
            throw new AssertionError("Connection " + index + " was not opened within 10 s");
        }
        return opened.get(index);
    }

    void release() {
        released.countDown();
    }

    CountDownLatch closedLatch(String id) {
        return closedLatches.computeIfAbsent(id, key -> new CountDownLatch(1));
    }
}
