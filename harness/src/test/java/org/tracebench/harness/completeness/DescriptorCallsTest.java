package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;

/**
 * The truncate op issues ftruncate, on a descriptor: a backend that names truncate(2)'s path but no descriptor's
 * (bpftrace, ftrace with eprobes) has no path recall for it (it read 0.0% beside a ≤ 100% seen), one that names
 * descriptors (strace -y) recalls its paths.
 */
class DescriptorCallsTest {
    private static final String T = "/work/root/t";

    private static GroundTruth truth() {
        return GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("truncate", Map.of("count", 2, "paths", List.of(T))))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> truncate(Capabilities caps, String path) {
        CompletenessChecker c = new CompletenessChecker(truth(), caps, Set.of());
        for (int i = 0; i < 2; i++) {
            c.accept(new TraceEvent(-1, 10, FileOp.OPEN, "openat", T, null, true));
            c.accept(new TraceEvent(-1, 10, FileOp.TRUNCATE, "ftruncate", path, null, true));
        }
        return (Map<String, Object>) c.completeness().get("truncate");
    }

    @Test
    void aBackendNamingNoDescriptorHasNoPathRecallForFtruncate() {
        // bpftrace's tracepoint capabilities: truncate(2)'s path, and reads, writes, fsync only as counts
        Capabilities bpftrace = new Capabilities(Set.of(FileOp.OPEN, FileOp.STAT, FileOp.TRUNCATE, FileOp.CHMOD),
                Set.of(FileOp.READ, FileOp.WRITE, FileOp.CLOSE, FileOp.READDIR, FileOp.FSYNC), true, true, false, List.of());
        assertFalse(bpftrace.namesDescriptors());
        Map<String, Object> t = truncate(bpftrace, null);
        assertNull(t.get("pathRecall"), t.toString());
        assertEquals("count", t.get("attribution"), "an upper bound (≤), from the ftruncate events' count");
        assertEquals(1.0, t.get("ratio"));
        assertEquals(true, t.get("observable"));
    }

    @Test
    void aBackendNamingDescriptorsRecallsFtruncatesPath() {
        Capabilities strace = new Capabilities(Set.of(FileOp.OPEN, FileOp.READ, FileOp.WRITE, FileOp.CLOSE,
                FileOp.TRUNCATE), Set.of(), true, false, false, List.of());
        assertTrue(strace.namesDescriptors());
        Map<String, Object> t = truncate(strace, T);
        assertEquals(1.0, t.get("pathRecall"), t.toString());
        assertEquals("path", t.get("attribution"));
        assertEquals(1.0, t.get("ratio"));
    }
}
