package org.tracebench.harness.report;

import java.io.IOException;
import java.util.List;

/** The share of events a configuration's tracer lost, for {@link org.tracebench.harness.stats.WarningKind#LOST_EVENTS}'s fix. */
final class LostShare {
    private LostShare() {}

    /**
     * The share of events {@code valid}'s trials lost: {@code lost} / ({@code lost} + their trial.json {@code events}),
     * both counted one per syscall; NaN when a trial's events are unknown.
     */
    static double of(List<Trial> valid, long lost) {
        long events = 0;
        for (Trial t : valid) {
            try {
                if (!(JsonMaps.readObject(t.dir().resolve("trial.json")).get("events") instanceof Number n)) return Double.NaN;
                events += n.longValue();
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return lost + events > 0 ? (double) lost / (lost + events) : Double.NaN;
    }
}
