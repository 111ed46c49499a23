package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CpuAffinityTest {
    @Test void cpuListsParseAndFormatAsTasksetTakesThem() {
        assertEquals(List.of(0, 1, 2, 5), CpuAffinity.parseList("0-2,5\n"));
        assertEquals(List.of(3), CpuAffinity.parseList("3"));
        assertEquals("0,1,2,5", CpuAffinity.format(List.of(0, 1, 2, 5)));
    }

    /** A running JVM (about twenty threads) is pinned whole, and a thread it starts afterwards inherits the CPU. */
    @Test void everyThreadOfARunningJvmIsPinnedAndNewThreadsInheritIt() throws Exception {
        List<Integer> allowed = CpuAffinity.allowedCpus();
        Assumptions.assumeTrue(allowed.size() >= 2, "pinning to a subset needs two CPUs; this process may use " + allowed);
        List<Integer> one = List.of(allowed.get(allowed.size() - 1));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LateThread.class.getName())
                .redirectErrorStream(true).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            assertEquals("up", out.readLine());
            long threads;
            try (var s = Files.list(Path.of("/proc", Long.toString(p.pid()), "task"))) {
                threads = s.count();
            }
            assertTrue(threads > 5, "a JVM has many threads: " + threads);
            assertEquals(allowed, CpuAffinity.cpusOf(p.pid()));
            CpuAffinity.pin(p.pid(), one);
            assertEquals(one, CpuAffinity.cpusOf(p.pid()));
            p.getOutputStream().write('\n'); // start the late thread
            p.getOutputStream().flush();
            String late = out.readLine();
            assertFalse(late == null, "the child said nothing");
            assertEquals(one, CpuAffinity.parseList(late), "the thread started after pinning");
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Prints "up", waits for a line, starts a thread that prints its own Cpus_allowed_list. */
    static final class LateThread {
        public static void main(String[] args) throws Exception {
            System.out.println("up");
            System.out.flush();
            System.in.read();
            Thread t = new Thread(() -> {
                try {
                    for (String l : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                        if (l.startsWith("Cpus_allowed_list:")) System.out.println(l.substring(18).strip());
                    }
                } catch (java.io.IOException e) {
                    System.out.println("error " + e);
                }
            });
            t.start();
            t.join();
            System.out.flush();
            Thread.sleep(30_000);
        }
    }
}
