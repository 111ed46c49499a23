package org.tracebench.harness.sampling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.tracebench.tracers.sys.Cgroups.CpuTime;
import oshi.SystemInfo;
import oshi.hardware.HWDiskStore;

/**
 * What sampling needs to know about the machine, found once per harness run: logical cores, the whole disks
 * (not partitions) whose bytes are summed, clock ticks per second and the page size.
 */
public final class Machine {
    final int cores;
    final List<String> diskNames;
    final long userHz;
    final long pageBytes;
    private final Thread warmer;

    public Machine() {
        // OSHI caches counters for 300 ms by default: with a 250 ms interval every other sample would repeat the
        // previous one. Sample intervals are >= 50 ms, so 10 ms never hides a change.
        oshi.util.GlobalConfig.set("oshi.util.memoizer.expiration", 10);
        // OSHI logs through SLF4J and tracebench ships no binding: keep SLF4J's "no providers" notice off stderr.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        SystemInfo si = new SystemInfo();
        cores = si.getHardware().getProcessor().getLogicalProcessorCount();
        List<String> names = new ArrayList<>();
        for (HWDiskStore d : si.getHardware().getDiskStores()) names.add(d.getName().replaceFirst("^/dev/", ""));
        diskNames = List.copyOf(names);
        userHz = Math.max(1, oshi.software.os.linux.LinuxOperatingSystem.getHz());
        pageBytes = Math.max(1, oshi.software.os.linux.LinuxOperatingSystem.getPageSize());
        warmer = new Thread(this::warmUp, "tracebench-sampler-warmup");
        warmer.setDaemon(true);
        warmer.start();
    }

    /** Waits until the warm-up has ended (call before the first measured window). */
    public void awaitWarm() throws InterruptedException {
        warmer.join();
    }

    public int cores() { return cores; }

    private static final Object WARM_UP_FILES = new Object();
    private static boolean exiting; // guarded by WARM_UP_FILES

    /**
     * {@link Sampler#warmUp} with three samplers whose files are unlinked as soon as they are open. An exit
     * (System.exit, SIGTERM) ends this daemon thread anywhere, so a shutdown hook waits while those files exist:
     * before, a run that failed early left tracebench-sampler-warmup* directories in java.io.tmpdir.
     */
    private void warmUp() {
        Thread hook = new Thread(() -> { synchronized (WARM_UP_FILES) { exiting = true; } }, "tracebench-warmup-exit");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            return; // exiting already
        }
        try {
            Sampler[] samplers;
            synchronized (WARM_UP_FILES) {
                if (exiting) return;
                samplers = warmUpSamplers(ProcessHandle.current().pid());
            }
            Sampler.warmUp(samplers);
        } catch (IOException e) {
            // no temporary directory: the first trial compiles the sampler instead
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // exiting: the hook has run or runs now
            }
        }
    }

    /**
     * Three samplers with suppliers of three different classes each: the call sites see as many types as they will
     * in trials (a trial's lambdas are new classes), so C2 compiles them as megamorphic and a trial's new supplier
     * does not deoptimise and recompile the sampler inside its window. Files and directory are unlinked on return.
     */
    private Sampler[] warmUpSamplers(long self) throws IOException {
        Path dir = Files.createTempDirectory("tracebench-sampler-warmup");
        try {
            Path cg = Path.of("/proc/self/stat");
            return new Sampler[] {
                new Sampler(this, 1000, dir.resolve("a.csv"), self, () -> CpuTime.UNKNOWN, () -> List.of(self)),
                new Sampler(this, 1000, dir.resolve("b.csv"), self,
                        () -> Files.exists(cg) ? CpuTime.UNKNOWN : new CpuTime(0, 0), () -> new ArrayList<>(List.of(self))),
                new Sampler(this, 1000, dir.resolve("c.csv"), self, new Supplier<CpuTime>() {
                    @Override public CpuTime get() { return CpuTime.UNKNOWN; }
                }, () -> java.util.Collections.singletonList(self))};
        } finally {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a few bytes in /tmp
            }
        }
    }
}
