package org.tracebench.loadgen.run;

/**
 * The open loop's schedule arithmetic, saturating at Long.MAX_VALUE: a tiny rate's interval reaches Long.MAX_VALUE
 * ({@code Math.round} of 1e9 / rate), and until 2026-12-07 {@code interval * id} wrapped at rate 1e-9 with 12 workers,
 * so workers 10 and 11 ran an iteration at once, intended before GO.
 */
final class Schedule {
    private Schedule() {}

    /** {@code a + b} for {@code b >= 0}, at most Long.MAX_VALUE. */
    static long plus(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    /** Worker {@code id}'s offset from GO, {@code interval * id / workers}, without overflow: under one interval. */
    static long offset(long interval, int id, int workers) {
        int n = Math.max(1, workers);
        return Math.multiplyHigh(interval, id) == 0 && interval * id >= 0 ? interval * id / n
                : (long) Math.min(interval - 1, (double) interval * id / n);
    }

    /** The first start at or after {@code bound} of the schedule {@code from}, {@code from + interval}, …, saturating. */
    static long firstAtOrAfter(long from, long bound, long interval) {
        if (from >= bound) return from;
        long steps = (bound - from - 1) / interval + 1;
        return steps > (Long.MAX_VALUE - from) / interval ? Long.MAX_VALUE : from + steps * interval;
    }
}
