package com.ukeybridge.site.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs N calls at once (released together by a barrier) and collects their results in order. */
public final class Race {
    private Race() {
    }

    /** One racer's call; {@code index} tells racers apart (e.g. which instance they use). */
    @FunctionalInterface
    public interface Racer<T> {
        T run(int index) throws Exception;
    }

    public static <T> List<T> race(int racers, Racer<T> racer) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int index = i;
                Callable<T> task = () -> {
                    barrier.await();
                    return racer.run(index);
                };
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
