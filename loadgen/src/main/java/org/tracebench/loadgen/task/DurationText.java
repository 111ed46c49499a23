package org.tracebench.loadgen.task;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of task files, suites and command-line flags: a number with a unit ({@code 30s},
 * {@code 500ms}, {@code 1.5m}; units ns, us, µs, ms, s, m, h), at most {@link #MAX} long. A bare number is refused
 * ({@code 30} could be anything); a positive amount finer than a nanosecond counts as one nanosecond.
 */
public final class DurationText {
    /** The longest duration anywhere: a benchmark, not a service. */
    public static final Duration MAX = Duration.ofDays(7);
    private static final Pattern DURATION = Pattern.compile("(-)?(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");
    private static final Pattern BARE = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private DurationText() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException whose message is the rest of a sentence after the field or flag name,
     *                                  e.g. "must be longer than zero; found '0s'."
     */
    public static Duration parse(String text, boolean allowZero) {
        String t = text == null ? "" : text.trim();
        String expected = "must be a duration with a unit, such as 30s, 500ms or 2m" + (allowZero ? " (0s for none)" : "")
                + "; found '" + text + "'.";
        if (BARE.matcher(t).matches()) {
            throw new IllegalArgumentException(expected + " Add a unit: `" + t + "s` means seconds.");
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException(expected + " Units: ns, us, ms, s, m, h.");
        BigDecimal amount = new BigDecimal(m.group(2));
        if (m.group(1) != null && amount.signum() != 0) {
            throw new IllegalArgumentException((allowZero ? "must not be negative" : "must be longer than zero")
                    + "; found '" + text + "'.");
        }
        long nanosPerUnit = switch (m.group(3)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
            throw new IllegalArgumentException("must be at most 7 days (168h); found '" + text + "'.");
        }
        if (amount.signum() == 0 && !allowZero) {
            throw new IllegalArgumentException("must be longer than zero; found '" + text + "'.");
        }
        return Duration.ofNanos(amount.signum() > 0 ? Math.max(1, nanos.longValue()) : 0);
    }
}
