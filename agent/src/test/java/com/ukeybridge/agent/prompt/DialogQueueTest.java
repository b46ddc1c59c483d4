package com.ukeybridge.agent.prompt;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialogQueueTest {
    private static final PinRequest REQUEST = new PinRequest("https://a.example", "K", false, false);

    /** Dialogs that stay up until released, counting how many are up at once. */
    private static final class HeldDialogs implements UserPrompts {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger up = new AtomicInteger();
        final AtomicInteger mostUp = new AtomicInteger();

        @Override
        public boolean canAsk() {
            return true;
        }

        @Override
        public Optional<char[]> askPin(PinRequest request) {
            mostUp.accumulateAndGet(up.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            up.decrementAndGet();
            return Optional.empty();
        }

        @Override
        public boolean confirmWrite(WriteRequest request) {
            return askPin(REQUEST).isPresent();
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static List<CompletableFuture<Optional<char[]>>> fill(DialogQueue queue, UserPrompts view, int count) {
        List<CompletableFuture<Optional<char[]>>> asked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            asked.add(CompletableFuture.supplyAsync(() -> view.askPin(REQUEST)));
        }
        await(() -> queue.asked() == count);
        return asked;
    }

    @Test
    void whenOneDialogIsUpAndFourWait_thenAnotherIsRefusedAndOnlyOneIsEverVisible() {
        HeldDialogs dialogs = new HeldDialogs();
        DialogQueue queue = new DialogQueue(dialogs);
        List<CompletableFuture<Optional<char[]>>> asked = fill(queue, queue.bounded(), 1 + DialogQueue.MAX_QUEUED);

        assertThatThrownBy(() -> queue.bounded().askPin(REQUEST)).isInstanceOf(TooManyDialogsException.class);
        assertThatThrownBy(() -> queue.bounded().confirmWrite(new WriteRequest("https://a.example", "K",
                WriteRequest.Kind.STORE_CERTIFICATE, "CN=x"))).isInstanceOf(TooManyDialogsException.class);

        dialogs.release.countDown();
        asked.forEach(CompletableFuture::join);
        assertThat(dialogs.mostUp.get()).isEqualTo(1);
        assertThat(queue.asked()).isZero();
    }

    @Test
    void whenTheQueueIsFull_thenAnUnboundedDialogStillWaitsItsTurn() {
        HeldDialogs dialogs = new HeldDialogs();
        DialogQueue queue = new DialogQueue(dialogs);
        List<CompletableFuture<Optional<char[]>>> asked = fill(queue, queue.bounded(), 1 + DialogQueue.MAX_QUEUED);
        CompletableFuture<Optional<char[]>> v1 = CompletableFuture.supplyAsync(() -> queue.unbounded().askPin(REQUEST));
        await(() -> queue.asked() == 2 + DialogQueue.MAX_QUEUED);

        dialogs.release.countDown();

        assertThat(v1.join()).isEmpty();
        asked.forEach(CompletableFuture::join);
        assertThat(dialogs.mostUp.get()).isEqualTo(1);
    }
}
