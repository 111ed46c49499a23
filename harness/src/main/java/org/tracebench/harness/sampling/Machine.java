package org.tracebench.harness.sampling;

import java.util.ArrayList;
import java.util.List;
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
        warmer = new Thread(() -> Sampler.warmUp(this), "tracebench-sampler-warmup");
        warmer.setDaemon(true);
        warmer.start();
    }

    /** Waits until the warm-up has ended (call before the first measured window). */
    public void awaitWarm() throws InterruptedException {
        warmer.join();
    }

    public int cores() { return cores; }
}
