package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;

/**
 * A readdir is its open and as many getdents64 calls as the ground truth says (a large directory takes more than
 * two): until 2026-12-07 the harness expected two, so a tracer that dropped half of a large directory's getdents64
 * events still read 100%. Load results without {@code getdents64Calls} keep the two.
 */
class ReaddirCallsTest {
    private static final String DIR = "/w/big";
    private static final Capabilities STRACE_LIKE = new Capabilities(Set.of(FileOp.OPEN, FileOp.READDIR, FileOp.STAT),
            Set.of(), true, false, false, List.of());

    /** 10 readdirs of {@link #DIR}; {@code getdents64Calls} null for a result written before the field. */
    private static GroundTruth truth(Integer getdents64Calls) {
        Map<String, Object> readdir = new HashMap<>(Map.of("count", 10, "paths", List.of(DIR)));
        if (getdents64Calls != null) readdir.put("getdents64Calls", getdents64Calls);
        return GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("readdir", readdir))));
    }

    /** The readdir result after 10 opens of the directory and {@code getdents} getdents64 events on it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> seen(GroundTruth t, int getdents) {
        CompletenessChecker c = new CompletenessChecker(t, STRACE_LIKE, Set.of());
        for (int i = 0; i < 10; i++) c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "openat", DIR, null, true));
        for (int i = 0; i < getdents; i++) c.accept(new TraceEvent(-1, 10, FileOp.READDIR, "getdents64", DIR, null, true));
        return (Map<String, Object>) c.completeness().get("readdir");
    }

    @Test
    void aLargeDirectorysGetdentsCallsComeFromTheGroundTruth() {
        GroundTruth t = truth(180); // 18 per readdir: about 560 KB of entries in glibc's 32 KiB buffer
        assertEquals(180L, t.ops().values().iterator().next().getdents64Calls());
        assertEquals(10L, seen(t, 180).get("seen"), "every call seen");
        Map<String, Object> half = seen(t, 90);
        assertEquals(5L, half.get("seen"), "100 of the 190 calls (10 opens, 180 getdents64): " + half);
        assertEquals(0.5, half.get("ratio"));
    }

    @Test
    void aResultWithoutTheFieldKeepsTwoGetdentsPerReaddir() {
        GroundTruth t = truth(null);
        assertEquals(-1L, t.ops().values().iterator().next().getdents64Calls());
        assertEquals(10L, seen(t, 20).get("seen"));
        assertEquals(7L, seen(t, 10).get("seen"), "20 of the 30 calls");
    }
}
