package org.tracebench.tracers.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** bufferSizeKb is checked against the memory the kernel could give the ring buffers, before the run. */
class FtraceBufferOptionTest {

    @Test
    void aBufferOverHalfTheAvailableMemoryIsASentenceNamingTheLimit() {
        assertEquals("The ftrace option bufferSizeKb asks for 3000000 KiB per CPU, 6000000 KiB on this machine's 2 CPUs,"
                + " more than half of the 8000000 KiB of memory available now (MemAvailable in /proc/meminfo), which the"
                + " ring buffer shares with the load; choose at most 2000000.",
                FtraceTracer.bufferProblem(3_000_000, 2, 8_000_000));
        assertNull(FtraceTracer.bufferProblem(2_000_000, 2, 8_000_000));
        assertNull(FtraceTracer.bufferProblem(99_999_999, 2, -1), "unknown memory: the kernel decides");
    }

    @Test
    void thisMachinesCpusAndMemoryAreRead() {
        assertTrue(FtraceTracer.onlineCpus() >= 1);
        assertTrue(FtraceTracer.memAvailableKb() > 0, "/proc/meminfo has MemAvailable");
    }
}
