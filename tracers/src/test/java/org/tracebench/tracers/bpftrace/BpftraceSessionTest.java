package org.tracebench.tracers.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a bpftrace that ended before the sentinel is blamed for. */
class BpftraceSessionTest {
    /** Printed by every bpftrace run on this machine, the ones that work included. */
    private static final String MEMLOCK = "ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace. If your program "
            + "is not loading, you can try \"ulimit -l 8192\" to fix the problem";

    @Test
    void theHarmlessMemlockWarningIsNotQuotedAndAKillIsNamed() {
        assertEquals("bpftrace was killed by SIGKILL (exit code 137) before it reported the sentinel /r/.sentinel.",
                BpftraceSession.exitedBeforeSentinel("bpftrace", 137, "/r/.sentinel", List.of(MEMLOCK)));
    }

    @Test
    void realErrorsAreStillQuoted() {
        assertEquals("bpftrace exited with code 1 before it reported the sentinel /r/.sentinel; its stderr ends: "
                        + "stdin:3:1-20: ERROR: tracepoint not found: syscalls:sys_enter_nope",
                BpftraceSession.exitedBeforeSentinel("bpftrace", 1, "/r/.sentinel",
                        List.of(MEMLOCK, "stdin:3:1-20: ERROR: tracepoint not found: syscalls:sys_enter_nope")));
    }

    @Test
    void aSentinelLongerThanStrLenIsRecognisedByTheBytesBpftraceKeeps() {
        // 158 bytes, str() of BPFTRACE_STRLEN 128 keeps 127: was compared whole, and the trial waited 60 s for nothing
        String sentinel = "/tmp/q/audit2-tracers/deep/paper-2026/experiments/tracer-overhead-study/results-for-camera-ready"
                + "/bpf-20261207-144552/trials/002-bpftrace-plain-w1-r1/.sentinel";
        assertTrue(BpftraceSession.isSentinel(sentinel.substring(0, 127), sentinel, 127));
        assertTrue(BpftraceSession.isSentinel(sentinel, sentinel, 127));
        assertTrue(BpftraceSession.isSentinel(sentinel, sentinel, 0), "no limit: whole");
        assertFalse(BpftraceSession.isSentinel(sentinel.substring(0, 126), sentinel, 127), "shorter than what str() keeps");
        assertFalse(BpftraceSession.isSentinel(sentinel.substring(0, 127), sentinel, 0), "no limit: a prefix is another path");
        assertFalse(BpftraceSession.isSentinel("/r/.sentinel-other", "/r/.sentinel", 127));
        assertFalse(BpftraceSession.isSentinel(null, "/r/.sentinel", 127));
        // a cut through a two-byte character: bpftrace prints its first byte, decoding makes it U+FFFD
        String uni = "/r/" + "é".repeat(20) + "/.sentinel"; // é at odd byte offsets 3, 5, ..
        assertTrue(BpftraceSession.isSentinel("/r/" + "é".repeat(2) + "\uFFFD", uni, 8));
        assertFalse(BpftraceSession.isSentinel("/r/" + "é".repeat(2) + "x", uni, 8));
    }
}
