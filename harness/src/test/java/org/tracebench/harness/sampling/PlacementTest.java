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

/** A JVM with worker threads and a waking shell (or a thread of this JVM) as the "tracer", pinned together and apart. */
class PlacementTest {
    @Test void countsTheSamplesInWhichTheTracerLastRanOnAWorkersCpu() throws Exception {
        List<Integer> cpus = CpuAffinity.allowedCpus();
        Assumptions.assumeTrue(cpus.size() >= 2, "telling CPUs apart needs two; this process may use " + cpus);
        Process load = startLoad(1);
        Process tracer = new ProcessBuilder("sh", "-c", "while :; do sleep 0.01; done").start();
        try {
            Placement none = new Placement(load.pid(), List::of);
            none.sample();
            assertNull(none.toJson(), "no tracer process: nothing to count");

            Map<String, Object> free = json(new Placement(load.pid(), () -> List.of(tracer.pid())));
            assertEquals(1, free.get("workers"));
            assertEquals(cpus.size(), free.get("workerCpus"));
            assertTrue(free.get("share") instanceof Number, "one worker leaves a CPU free: " + free);

            CpuAffinity.pin(load.pid(), List.of(cpus.get(1)));
            CpuAffinity.pin(tracer.pid(), List.of(cpus.get(1)));
            Map<String, Object> together = json(new Placement(load.pid(), () -> List.of(tracer.pid())));
            assertEquals(20, together.get("tracerOnWorkerCpu"), together.toString());
            assertNull(together.get("share"), "the tracer may use only the worker's CPU: nothing to tell apart");
            CpuAffinity.pin(tracer.pid(), List.of(cpus.get(0)));
            assertEquals(0.0, json(new Placement(load.pid(), () -> List.of(tracer.pid()))).get("share"));
        } finally {
            stop(load);
            tracer.descendants().forEach(ProcessHandle::destroyForcibly);
            stop(tracer);
        }
    }

    /** Two workers on two CPUs have nearly always last run on both: wherever the tracer runs, the share would read 1. */
    @Test void asManyWorkersAsCpusLeaveTheShareOut() throws Exception {
        List<Integer> cpus = CpuAffinity.allowedCpus();
        Assumptions.assumeTrue(cpus.size() >= 2, "telling CPUs apart needs two; this process may use " + cpus);
        Process load = startLoad(cpus.size());
        Process tracer = new ProcessBuilder("sh", "-c", "while :; do sleep 0.01; done").start();
        try {
            Map<String, Object> j = json(new Placement(load.pid(), () -> List.of(tracer.pid())));
            assertEquals(cpus.size(), j.get("workers"));
            assertNull(j.get("share"), j.toString());
            Map<String, Object> expected = json(new Placement(load.pid(), cpus.size() + 1, () -> List.of(tracer.pid()),
                    List::of)); // workers the load runs but the first sample did not see yet count too
            assertEquals(cpus.size() + 1, expected.get("workers"));
        } finally {
            stop(load);
            tracer.descendants().forEach(ProcessHandle::destroyForcibly);
            stop(tracer);
        }
    }

    /** ftrace's reader: java is a thread of the harness: it is looked for in /proc/self/task. */
    @Test void aTracerThreadOfThisJvmIsSampledToo() throws Exception {
        List<Integer> cpus = CpuAffinity.allowedCpus();
        Assumptions.assumeTrue(cpus.size() >= 2, "telling CPUs apart needs two; this process may use " + cpus);
        Process load = startLoad(1);
        long[] tid = {0};
        java.util.concurrent.CountDownLatch up = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                tid[0] = Long.parseLong(java.nio.file.Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
                up.countDown();
                while (true) Thread.sleep(10);
            } catch (Exception e) {
                up.countDown();
            }
        }, "tracebench-ftrace-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            up.await();
            CpuAffinity.pin(load.pid(), List.of(cpus.get(1)));
            CpuAffinity.pinOwnThread(tid[0], List.of(cpus.get(0)));
            assertEquals(cpus, CpuAffinity.allowedCpus(), "only that thread is pinned");
            Map<String, Object> j = json(new Placement(load.pid(), 1, List::of, () -> List.of(tid[0])));
            assertEquals(0.0, j.get("share"), j.toString());
        } finally {
            reader.interrupt();
            reader.join(10_000);
            stop(load);
        }
    }

    private static Process startLoad(int workers) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process load = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Worker.class.getName(),
                Integer.toString(workers)).start();
        try {
            assertEquals("up", new java.io.BufferedReader(new java.io.InputStreamReader(load.getInputStream())).readLine());
        } catch (java.io.IOException | AssertionError e) {
            load.destroyForcibly();
            throw e;
        }
        return load;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** 20 samples 20 ms apart, after both sides woke up at least once where they now may run. */
    private static Map<String, Object> json(Placement p) throws InterruptedException {
        Thread.sleep(100);
        for (int i = 0; i < 20; i++) {
            p.sample();
            Thread.sleep(20);
        }
        Map<String, Object> j = p.toJson();
        assertTrue(j != null && ((Number) j.get("samples")).intValue() == 20, String.valueOf(j));
        return j;
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

    /** Prints "up" once its worker threads (as many as args[0], named like the load generator's) wake every ms. */
    static final class Worker {
        public static void main(String[] args) throws Exception {
            for (int i = 0; i < Integer.parseInt(args[0]); i++) {
                Thread t = new Thread(() -> {
                    while (true) {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "tracebench-worker-" + i);
                t.setDaemon(true);
                t.start();
            }
            System.out.println("up");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
