package com.ukeybridge.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.agent.rpc.RpcHandler;
import com.ukeybridge.agent.rpc.RpcRequest;
import com.ukeybridge.agent.rpc.RpcResponses;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs requests on a bounded pool of worker threads, because a call may block on a token or
 * a dialog for long, and answers each one. Requests of one connection run concurrently and
 * are answered in the order they finish.
 */
final class RpcWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcWorkers.class);

    /**
     * Threads are made only when calls wait and die after a minute idle. More than one
     * connection's cap ({@link RpcEndpoint#MAX_IN_FLIGHT}), so one busy page leaves room for another.
     */
    static final int THREADS = 64;
    /** Past this many waiting requests (across all connections) a request is answered INTERNAL_ERROR at once. */
    static final int QUEUE = 1024;

    private final RpcHandler handler;
    private final RpcResponses responses;
    private final ThreadPoolExecutor pool;

    RpcWorkers(RpcHandler handler, RpcResponses responses) {
        this.handler = handler;
        this.responses = responses;
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), namedDaemonThreads());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Calls the handler on a worker and sends the answer; {@code whenAnswered} runs once, after the answer is written or dropped. */
    void submit(WebSocketClientConnection connection, RpcRequest request, Runnable whenAnswered) {
        try {
            pool.execute(() -> answer(connection, request, whenAnswered));
        } catch (RejectedExecutionException e) {
            log.warn("Connection {}: {} refused, the agent is overloaded", connection.id(), LogText.of(request.method()));
            connection.send(responses.error(request.id(),
                    new RpcException(RpcError.INTERNAL_ERROR, "The agent is overloaded; try again")), whenAnswered);
        }
    }

    private void answer(WebSocketClientConnection connection, RpcRequest request, Runnable whenAnswered) {
        String method = LogText.of(request.method());
        String answer;
        try {
            log.debug("Connection {}: {}", connection.id(), method);
            JsonNode result = handler.call(connection, request.method(), request.params());
            answer = responses.result(request.id(), result);
        } catch (RpcException e) {
            log.debug("Connection {}: {} failed: {}", connection.id(), method, e.error().reason());
            answer = responses.error(request.id(), e);
        } catch (RuntimeException e) {
            log.error("Connection {}: {} failed with a bug", connection.id(), method, e);
            answer = internalError(request);
        } catch (Error e) {
            // Answer the page, then let the worker die as an Error demands; the pool replaces it.
            log.error("Connection {}: {} failed with an error", connection.id(), method, e);
            connection.send(internalError(request), whenAnswered);
            throw e;
        }
        connection.send(answer, whenAnswered);
    }

    private String internalError(RpcRequest request) {
        return responses.error(request.id(), new RpcException(RpcError.INTERNAL_ERROR, "Internal error"));
    }

    /** Lets running calls end for a few seconds, then interrupts them. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "rpc-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
