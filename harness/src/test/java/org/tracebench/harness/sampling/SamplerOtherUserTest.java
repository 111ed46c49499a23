package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.sys.Cgroups.CpuTime;

/**
 * otherUserCores counts a real busy process as "other" unless it is the load or the tracer: the same shell loop,
 * spinning in user space, is measured three ways.
 */
class SamplerOtherUserTest {
    @TempDir Path dir;

    @Test void aBusyProcessIsOtherUnlessItIsTheLoadOrTheTracer() throws Exception {
        Machine machine = new Machine();
        machine.awaitWarm();
        long self = ProcessHandle.current().pid();
        Process busy = new ProcessBuilder("sh", "-c", "i=0; while :; do i=$((i+1)); done").start();
        try {
            long pid = busy.pid();
            Thread.sleep(200); // past the shell's start-up
            CpuSummary other = window(machine, "other", self, List.of());
            CpuSummary asLoad = window(machine, "load", pid, List.of());
            CpuSummary asTracer = window(machine, "tracer", self, List.of(pid));
            assertTrue(other.otherUserCores() > 0.5, "a spinning shell is another process's user CPU: " + other);
            assertTrue(Math.abs(asLoad.otherUserCores()) < 0.25, "as the load it is not other: " + asLoad);
            assertTrue(Math.abs(asTracer.otherUserCores()) < 0.25, "as the tracer it is not other: " + asTracer);
            List<String> rows = Files.readAllLines(dir.resolve("other.csv"));
            int column = List.of(rows.get(0).split(",")).indexOf("other_user_cores");
            assertTrue(column > 0, rows.get(0));
            double sum = 0;
            for (String row : rows.subList(1, rows.size())) sum += Double.parseDouble(row.split(",")[column]);
            assertTrue(sum / (rows.size() - 1) > 0.5, "system.csv shows it row by row: " + rows);
            assertEquals(19, rows.get(1).split(",").length, rows.get(1));
        } finally {
            busy.destroyForcibly().waitFor();
        }
    }

    /** One second of sampling every 100 ms; the load's CPU from its own /proc/pid/stat (no cgroup). */
    private CpuSummary window(Machine machine, String name, long loadPid, List<Long> tracerPids) throws Exception {
        Sampler s = new Sampler(machine, 100, dir.resolve(name + ".csv"), loadPid, () -> CpuTime.UNKNOWN, () -> tracerPids);
        s.start();
        Thread.sleep(1000);
        return s.stop();
    }
}
