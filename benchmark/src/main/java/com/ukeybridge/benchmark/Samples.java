package com.ukeybridge.benchmark;

import java.util.Arrays;
import java.util.List;

/** Latencies in nanoseconds, sorted once; percentiles by nearest rank. Plain sorted {@code long[]}, no histogram. */
final class Samples {
    private final long[] sorted;

    Samples(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    static Samples merge(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return new Samples(all);
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile, {@code q} in (0, 1]. */
    long percentile(double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long median() {
        return percentile(0.50);
    }

    long p99() {
        return percentile(0.99);
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    static String millis(long nanos) {
        return String.format("%.3f", nanos / 1e6);
    }
}
