package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.fatrace.FatraceParser;
import org.tracebench.tracers.fatrace.FatraceTracer;

/**
 * Events that match no path fill only what the events with a path left of the kinds' calls: a kind whose calls were
 * all reported with a path takes none of them.
 */
class UnmatchedEventsTest {
    private static final String ROOT = "/var/tmp/tracebench-a7stress/run-1869-t4/";

    @Test
    @SuppressWarnings("unchecked")
    void fatracesDeletedFilesOpensAreCreateDeletesNotTheReadOpsWhoseOpensAllHadAPath() throws Exception {
        // captured from fatrace 0.17 (one worker: create-delete of out/scratch-0 and a 4 KiB read of d/read-0.bin):
        // 17 opens of the read file with its path, 21 files created in out/ ('+'), 22 opens of a file already
        // unlinked, named '(deleted)': fatrace reported every call, so every kind must read 100%
        GroundTruth truth = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 2804, "childPids", List.of(),
                "ops", Map.of("read", Map.of("count", 17, "paths", List.of(ROOT + "d/read-0.bin")),
                        "create-delete", Map.of("count", 21, "paths", List.of(ROOT + "out/scratch-0"))))));
        CompletenessChecker c = new CompletenessChecker(truth, new FatraceTracer().capabilities(), Set.of());
        FatraceParser parser = new FatraceParser();
        try (InputStream in = getClass().getResourceAsStream("/completeness/fatrace-create-delete-and-read.txt")) {
            parser.parse(in, c);
        }
        assertEquals(0, parser.unparsedLines());
        assertEquals(26, parser.unresolvedPaths(), "the '(deleted)' lines");
        Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(21L, r.get("create-delete").get("seen"), "22 unnamed opens for 21 creates (57% before): " + r);
        assertEquals("path+count", r.get("create-delete").get("attribution"));
        assertEquals(17L, r.get("read").get("seen"), r.toString());
        assertEquals("path", r.get("read").get("attribution"), "its opens all had a path: no share of the unnamed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aKindPartlySeenByPathTakesTheUnnamedEventsForWhatIsLeftOfIt() {
        // 4 of the read ops' opens and none of the open ops' lack a path: 2 unnamed opens are half of what is left
        Capabilities caps = new Capabilities(Set.of(FileOp.OPEN, FileOp.READ), Set.of(), true, true, false, List.of());
        GroundTruth truth = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("read", Map.of("count", 10, "paths", List.of("/w/r")),
                        "open", Map.of("count", 10, "paths", List.of("/w/o"))))));
        CompletenessChecker c = new CompletenessChecker(truth, caps, Set.of());
        for (int i = 0; i < 10; i++) {
            if (i < 6) c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "openat", "/w/r", null, true));
            c.accept(new TraceEvent(-1, 10, FileOp.READ, "read", "/w/r", null, true));
            c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "openat", "/w/o", null, true));
        }
        for (int i = 0; i < 2; i++) c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "openat", null, null, true));
        Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(8L, r.get("read").get("seen"), "6 by path and 2 of the 4 left, not 1 of the 20 opens: " + r);
        assertEquals("path+count", r.get("read").get("attribution"));
        assertEquals(10L, r.get("open").get("seen"));
        assertEquals("path", r.get("open").get("attribution"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventWithAPathTheKindsDoNotTouchFillsNoCountOnlyKind() {
        // bpftrace: truncate's ftruncate has no path; a truncate(2) of another file is no truncate op's call
        Capabilities caps = new Capabilities(Set.of(FileOp.OPEN, FileOp.TRUNCATE), Set.of(), true, true, false, List.of());
        GroundTruth truth = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("truncate", Map.of("count", 2, "paths", List.of("/w/t"))))));
        CompletenessChecker c = new CompletenessChecker(truth, caps, Set.of());
        c.accept(new TraceEvent(-1, 10, FileOp.TRUNCATE, "ftruncate", null, null, true));
        c.accept(new TraceEvent(-1, 10, FileOp.TRUNCATE, "truncate", "/elsewhere/log", null, true));
        Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(1L, r.get("truncate").get("seen"), r.toString());
        assertEquals("count", r.get("truncate").get("attribution"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachKindMayCountEveryUnnamedEventItCouldHaveIssuedAndTheKindsTogetherEachEventOnce() {
        // 4 of the read ops' opens and 5 of the open ops' lack a path; 4 unnamed opens could be all read's or 4 of
        // open's: an even split (read 8, open 7) would be no upper bound for either
        Capabilities caps = new Capabilities(Set.of(FileOp.OPEN, FileOp.READ), Set.of(), true, true, false, List.of());
        GroundTruth truth = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("read", Map.of("count", 10, "paths", List.of("/w/r")),
                        "open", Map.of("count", 10, "paths", List.of("/w/o"))))));
        CompletenessChecker c = new CompletenessChecker(truth, caps, Set.of());
        for (int i = 0; i < 10; i++) {
            if (i < 6) c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "openat", "/w/r", null, true));
            c.accept(new TraceEvent(-1, 10, FileOp.READ, "read", "/w/r", null, true));
            if (i < 5) c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "openat", "/w/o", null, true));
        }
        for (int i = 0; i < 4; i++) c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "openat", null, null, true));
        Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(10L, r.get("read").get("seen"), r.toString());
        assertEquals(6L, r.get("read").get("seenByPath"));
        assertEquals(9L, r.get("open").get("seen"), r.toString());
        assertEquals(5L, r.get("open").get("seenByPath"));
        assertEquals(4L, c.unmatchedEventsCounted(), "together at most 6 + 5 + 4 operations, not 19");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeletedFilesEventsCountOnlyForAKindThatUnlinksWhatItOpens() {
        // fatrace: 5 opens of a file gone before it was named ("(deleted)"): create-delete's, never the read op's,
        // which unlinks nothing, though 4 of its opens went unreported
        GroundTruth truth = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("read", Map.of("count", 10, "paths", List.of("/w/r")),
                        "create-delete", Map.of("count", 5, "paths", List.of("/w/out/c"))))));
        CompletenessChecker c = new CompletenessChecker(truth, new FatraceTracer().capabilities(), Set.of());
        for (int i = 0; i < 10; i++) {
            if (i < 6) c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "O", "/w/r", null, true));
            c.accept(new TraceEvent(-1, 10, FileOp.READ, "R", "/w/r", null, true));
        }
        for (int i = 0; i < 5; i++) c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "CWO", null, null, true, true));
        Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(5L, r.get("create-delete").get("seen"), r.toString());
        assertEquals(6L, r.get("read").get("seen"), "not 10: " + r);
        assertEquals("path", r.get("read").get("attribution"));
        assertEquals(5L, c.unmatchedEventsCounted());
    }
}
