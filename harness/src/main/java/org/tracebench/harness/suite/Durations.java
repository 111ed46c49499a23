package org.tracebench.harness.suite;

import java.time.Duration;
import org.tracebench.loadgen.task.DurationText;

/**
 * Durations as written in suites, manifests and on the command line: the grammar of task files
 * ({@link DurationText}: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a unit is required; at most 7 days).
 */
public final class Durations {
    private Durations() {}

    /** Parses {@code text}, zero allowed; throws IllegalArgumentException with the rest of a sentence after the field name. */
    public static Duration parse(String text) {
        return DurationText.parse(text, true);
    }

    /** A wall time for people: {@code 45s}, {@code 1m31s}, {@code 2h02m}. */
    public static String approx(long seconds) {
        long s = Math.max(0, seconds);
        if (s >= 3600) return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        if (s >= 60) return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return s + "s";
    }

    /** The shortest exact form, e.g. {@code 5s}, {@code 1500ms}, as the load generator's options accept it. */
    public static String format(Duration d) {
        if (d.toNanos() % 1_000_000 != 0) return d.toNanos() + "ns";
        long ms = d.toMillis();
        if (ms % 1000 == 0) return (ms / 1000) + "s";
        return ms + "ms";
    }
}
