package org.tracebench.tracers.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
