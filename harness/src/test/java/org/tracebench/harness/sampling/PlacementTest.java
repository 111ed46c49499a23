package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tracebench.harness.trial.CpuAffinity;

/** A JVM with a worker thread and a waking shell as the "tracer", pinned together and then apart. */
class PlacementTest {
    @Test void countsTheSamplesInWhichTheTracerLastRanOnAWorkersCpu() throws Exception {
        List<Integer> cpus = CpuAffinity.allowedCpus();
        Assumptions.assumeTrue(cpus.size() >= 2, "telling CPUs apart needs two; this process may use " + cpus);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process load = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Worker.class.getName()).start();
        Process tracer = new ProcessBuilder("sh", "-c", "while :; do sleep 0.01; done").start();
        try {
            assertEquals("up", new java.io.BufferedReader(new java.io.InputStreamReader(load.getInputStream())).readLine());
            Placement none = new Placement(load.pid(), List::of);
            none.sample();
            assertNull(none.toJson(), "no tracer process: nothing to count");

            CpuAffinity.pin(load.pid(), List.of(cpus.get(1)));
            CpuAffinity.pin(tracer.pid(), List.of(cpus.get(1)));
            assertEquals(1.0, share(load.pid(), tracer.pid()));
            CpuAffinity.pin(tracer.pid(), List.of(cpus.get(0)));
            assertEquals(0.0, share(load.pid(), tracer.pid()));
        } finally {
            load.destroyForcibly();
            tracer.descendants().forEach(ProcessHandle::destroyForcibly);
            tracer.destroyForcibly();
            load.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double share(long loadPid, long tracerPid) throws InterruptedException {
        Thread.sleep(100); // both woke up at least once where they now may run
        Placement p = new Placement(loadPid, () -> List.of(tracerPid));
        for (int i = 0; i < 20; i++) {
            p.sample();
            Thread.sleep(20);
        }
        Map<String, Object> j = p.toJson();
        assertTrue(j != null && ((Number) j.get("samples")).intValue() == 20, String.valueOf(j));
        return ((Number) j.get("share")).doubleValue();
    }

    @Test void theLastCpuIsField39EvenWithSpacesAndParenthesesInTheName() throws Exception {
        Path f = java.nio.file.Files.createTempFile("stat", "");
        try {
            StringBuilder sb = new StringBuilder("123 (a) b (c) S");
            for (int field = 4; field <= 52; field++) sb.append(' ').append(field == 39 ? 7 : field);
            java.nio.file.Files.writeString(f, sb + "\n");
            assertEquals(7, Placement.lastCpu(f));
            assertEquals(-1, Placement.lastCpu(f.resolveSibling("no-such-stat")));
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    /** Prints "up" once its worker thread (named like the load generator's) wakes every millisecond. */
    static final class Worker {
        public static void main(String[] args) throws Exception {
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "tracebench-worker-0");
            t.setDaemon(true);
            t.start();
            System.out.println("up");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
