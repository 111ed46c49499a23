package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.harness.completeness.CompletenessChecker;
import org.tracebench.harness.completeness.GroundTruth;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.tracers.ParseDiagnostics;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.Tracers;

/** trial.json as TrialRecord writes it: here, the parser's counts. */
class TrialRecordTest {
    private static final TrialSettings SETTINGS = TrialSettings.forThisJvm(Duration.ofSeconds(1), Duration.ZERO,
            Duration.ofMillis(100), null);

    private static TrialRecord parsed(ParseDiagnostics d) {
        Tracer fatrace = Tracers.byName("fatrace");
        TrialRecord rec = new TrialRecord(new TrialSpec(1, TracerSpec.of("fatrace"), "w", Path.of("w.yaml"), 1, 1), fatrace);
        rec.checker = new CompletenessChecker(GroundTruth.fromLoadResult(Map.of()), fatrace.capabilities(), Set.of());
        rec.parsing = d;
        return rec;
    }

    @Test
    void whatTheParserCouldNotReadIsInTrialJson() {
        Map<String, Object> j = parsed(new ParseDiagnostics(2, 0, List.of("line.txt"))).toJson(SETTINGS);
        assertEquals(Map.of("unparsedLines", 2L, "unresolvedPaths", 0L, "unparsedSamples", List.of("line.txt")), j.get("parsing"));
        Map<String, Object> partly = parsed(new ParseDiagnostics(0, -1, List.of())).toJson(SETTINGS);
        @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) partly.get("parsing");
        assertEquals(0L, p.get("unparsedLines"));
        assertEquals(null, p.get("unresolvedPaths"), "not counted is null, not 0");
        assertFalse(parsed(ParseDiagnostics.NOT_COUNTED).toJson(SETTINGS).containsKey("parsing"), "a parser that counts nothing");
    }

    @Test
    void ftracesLostRecordsAreKeptApartFromItsLostSyscallsAndWorkerCpusStandNextToWorkers() {
        TrialRecord ftrace = parsed(ParseDiagnostics.NOT_COUNTED);
        ftrace.outcome = new org.tracebench.tracers.TraceOutcome(0, false, List.of(), 768955, List.of(), List.of(), 0, 1537910, null);
        Map<String, Object> j = ftrace.toJson(SETTINGS);
        assertEquals(768955L, j.get("lostEvents"));
        assertEquals(1537910L, j.get("lostRecords"));
        assertEquals(ftrace.workerCpus(), j.get("workerCpus"));
        TrialRecord other = parsed(ParseDiagnostics.NOT_COUNTED);
        other.outcome = new org.tracebench.tracers.TraceOutcome(0, false, List.of(), 9, List.of(), List.of(), 0);
        assertFalse(other.toJson(SETTINGS).containsKey("lostRecords"), "one lost event per syscall: no second count");
    }

    @Test
    void atARateTrialJsonCarriesTheIterationLatencyFromTheIntendedStart() {
        Map<String, Object> lat = Map.of("p50", 1_231_028_223L, "p99", 1_560_281_087L);
        TrialRecord rated = parsed(ParseDiagnostics.NOT_COUNTED);
        rated.load = Map.of("rate", 4000.0, "iterations", Map.of("count", 1743L, "latencyNanos", lat));
        assertEquals(lat, rated.toJson(SETTINGS).get("iterationLatencyNanos"));
        assertEquals(1_560_281_087.0, rated.toResult().iterationP99Nanos(), "run's line for the trial");
        TrialRecord none = parsed(ParseDiagnostics.NOT_COUNTED);
        none.load = Map.of("rate", 4000.0, "iterations", Map.of("count", 0L, "latencyNanos", Map.of("p50", 0L), "unfinished", 0L));
        assertEquals(null, none.toJson(SETTINGS).get("iterationLatencyNanos"), "no iteration in the histogram: unknown, not 0");
        TrialRecord closed = parsed(ParseDiagnostics.NOT_COUNTED);
        closed.load = Map.of("iterations", Map.of("count", 9L, "latencyNanos", lat));
        Map<String, Object> j = closed.toJson(SETTINGS);
        assertTrue(j.containsKey("iterationLatencyNanos"));
        assertEquals(null, j.get("iterationLatencyNanos"), "a closed loop times iterations from their actual start");
        assertTrue(Double.isNaN(closed.toResult().iterationP99Nanos()));
    }

    @Test
    void aTracerThatFellFarBehindTheRateKeepsItsLatencyAsALowerBound() {
        // audit3-paper's strace at 20000/s: not one iteration finished, 40000 waited ~2 s by the window's end
        Map<String, Object> lat = Map.of("p50", 990_000_000L, "p99", 1_980_760_063L);
        TrialRecord behind = parsed(ParseDiagnostics.NOT_COUNTED);
        behind.load = Map.of("rate", 20000.0, "iterations", Map.of("count", 0L, "latencyNanos", lat, "unfinished", 40000L));
        Map<String, Object> j = behind.toJson(SETTINGS);
        assertEquals(lat, j.get("iterationLatencyNanos"), "no worse tail than a tracer that kept up");
        assertEquals(40000L, j.get("iterationsUnfinished"));
        assertEquals(1_980_760_063.0, behind.toResult().iterationP99Nanos());
        assertEquals(40000L, behind.toResult().iterationsUnfinished());
        assertTrue(behind.toResult().iterationP99LowerBound(), "without load.json's flags: any unfinished iteration");
        TrialRecord inFlight = parsed(ParseDiagnostics.NOT_COUNTED);
        inFlight.load = Map.of("rate", 2000.0, "iterations", Map.of("count", 9999L, "latencyNanos", lat, "unfinished", 1L,
                "latencyNanosLowerBound", Map.of("p50", false, "p99", false, "max", true)));
        assertFalse(inFlight.toResult().iterationP99LowerBound(), "load.json says the one in flight cannot move the p99");
        TrialRecord closed = parsed(ParseDiagnostics.NOT_COUNTED);
        closed.load = Map.of("iterations", Map.of("count", 9L, "latencyNanos", lat, "unfinished", 0L));
        assertEquals(null, closed.toJson(SETTINGS).get("iterationsUnfinished"), "a closed loop has no intended starts");
    }
}
