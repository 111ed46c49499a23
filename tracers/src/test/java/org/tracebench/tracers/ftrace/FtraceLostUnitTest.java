package org.tracebench.tracers.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ftrace's lost events are syscalls, as every backend's: its lost ring-buffer records are two per syscall. */
class FtraceLostUnitTest {
    @Test
    void lostRecordsAreHalvedIntoSyscalls() {
        // audit r2/004 (128 KiB buffer, 8 workers): 1537910 records lost, 193511 events seen, 412125 ops of 7/3 syscalls
        long lost = FtraceSession.syscallsOf(1537910);
        assertEquals(768955, lost);
        double total = 412125 * 7 / 3.0;
        assertTrue(Math.abs(lost + 193511 - total) < 0.01 * total, "seen + lost syscalls = the syscalls made: " + (lost + 193511));
        assertEquals(1, FtraceSession.syscallsOf(1), "one lost record may be an exit: one syscall");
        assertEquals(0, FtraceSession.syscallsOf(0));
        assertEquals(-1, FtraceSession.syscallsOf(-1), "unknown stays unknown");
    }

    @Test
    void theCapabilitiesSayWhatALostEventIs() {
        String note = String.join(" ", FtraceTracer.capabilities(false).notes());
        assertTrue(note.contains("Lost events are syscalls") && note.contains("lostRecords"), note);
        assertTrue(String.join(" ", FtraceTracer.capabilities(true).notes()).contains("upper bound"));
    }
}
