package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A run ends on time and cleans up whatever its ops do: children that never exit, buffers that do not fit. */
class LoadRunLimitsTest extends LoadCliTestBase {
    @Test
    @SuppressWarnings("unchecked")
    void childrenStillRunningAtTheEndAreKilledAndCountedAsErrors() throws Exception {
        // sleep 30 outlasts the pre-READY JIT warm-up's budget and the 1 s window: both must kill it
        Path f = Files.writeString(dir.resolve("sleep.yaml"), "tasks:\n"
                + "  - {op: execute-subproc, path: sleep, args: [30]}\n"
                + "  - {op: execute-subthread, path: sleep, args: [30]}\n");
        Path json = dir.resolve("r.json");
        long t0 = System.nanoTime();
        assertEquals(1, load(f.toString(), "--duration", "1s", "--warmup", "0s", "--work-root", root.toString(),
                "--json", json.toString()), "no operation completed: " + err);
        assertTrue(err.toString().contains("The load completed no operation"), err.toString());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertTrue(seconds < 20, "a 1 s run with `sleep 30` children took " + seconds + " s");
        assertEquals(0, ProcessHandle.current().children().count(), "every child was killed and reaped");
        Map<String, Object> ops = (Map<String, Object>) LoadCommandTest.json(json).get("ops");
        Map<String, Object> sub = (Map<String, Object>) ops.get("execute-subproc");
        assertEquals(1, ((Number) sub.get("errors")).intValue(), sub.toString());
        assertTrue(sub.toString().contains("was killed by SIGKILL (exit status 137); it was still running when the run "
                + "ended, so the load generator killed it"), sub.toString());
        Map<String, Object> thread = (Map<String, Object>) ops.get("execute-subthread");
        assertEquals(0, ((Number) thread.get("count")).intValue(), "it never started: the first op held the worker");
    }

    @Test
    void aThreadTheJvmCannotStartIsBlamedOnTheProcessLimitNotTheHeap() throws Exception {
        // as root the limit does not apply (the kernel exempts it), so the sentence is checked as LoadCommand prints it
        String m = LoadCommand.noThread(new OutOfMemoryError("unable to create native thread: possibly out of memory or"
                + " process/resource limits reached"));
        String limit = Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max processes"))
                .findFirst().orElseThrow().substring("Max processes".length()).trim().split("\\s+")[0];
        assertTrue(m.contains("the limit on processes and threads was reached (ulimit -u, now " + limit + ";"), m);
        assertFalse(m.contains("-Xmx"), "not the heap: " + m);
    }

    @Test
    void legacyPathsAreUsedWithBracesLiteral() throws Exception {
        Path f = Files.writeString(dir.resolve("legacy.yaml"), "- kind: write\n  scale: 1\n"
                + "  files: [\"w-{worker}-%d\", \"i-{iteration}\"]\n");
        assertEquals(0, load(f.toString(), "--duration", "200ms", "--warmup", "0s", "--workers", "2",
                "--work-root", root.toString(), "--keep"), err.toString());
        try (var s = Files.list(root)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
            assertEquals(List.of("i-{iteration}", "w-{worker}-0", "w-{worker}-1"), names);
        }
    }

    @Test
    void runningOutOfDirectMemoryEndsInCleanupAndASentenceWithExitOne() throws Exception {
        // worker 0's buffer is allocated in the JIT warm-up, worker 1's in its own thread, where the limit is hit.
        // The limit comes from JAVA_TOOL_OPTIONS, which the validation's estimate does not read, so the run starts.
        Path f = Files.writeString(dir.resolve("big.yaml"), "workers: 2\ntasks:\n"
                + "  - {op: direct-write, path: d.bin, size: 5MiB}\n");
        Path work = root.resolve("work");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoadMain.class.getName(), f.toString(),
                "--work-root", work.toString(), "--duration", "1s", "--warmup", "0s"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:MaxDirectMemorySize=8m");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the load generator did not end");
        String output = Files.readString(dir.resolve("out.txt"));
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("The load run ran out of memory (Cannot reserve"), output);
        assertTrue(output.contains("lower `size` or `workers`"), output);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
        assertFalse(Files.exists(work), "the work root (and its lock) is removed");
    }
}
