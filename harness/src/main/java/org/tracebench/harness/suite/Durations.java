package org.tracebench.harness.suite;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in suites and on the command line: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or a bare number of seconds. */
public final class Durations {
    private static final Pattern P = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {}

    /** Parses {@code text}; throws IllegalArgumentException with a sentence naming the accepted forms. */
    public static Duration parse(String text) {
        Matcher m = P.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 5s, 2m or a number of seconds.");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> v;
            case "m" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> v * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** The shortest exact form, e.g. {@code 5s}, {@code 1500ms}, as the load generator's options accept it. */
    /** A wall time for people: {@code 45s}, {@code 1m31s}, {@code 2h02m}. */
    public static String approx(long seconds) {
        long s = Math.max(0, seconds);
        if (s >= 3600) return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        if (s >= 60) return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return s + "s";
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) return (ms / 1000) + "s";
        return ms + "ms";
    }
}
