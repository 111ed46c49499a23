package org.tracebench.harness.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/** The machine a run happened on, for manifest.json's {@code environment} and {@code tracebench} objects. */
public final class Environment {
    private Environment() {}

    /** Kernel, distribution, CPU model, cores, memory, JVM: a flat map of strings and numbers. */
    public static Map<String, Object> describe(SystemInfo si) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", read("/proc/sys/kernel/osrelease"));
        m.put("distribution", distribution());
        CentralProcessor cpu = si.getHardware().getProcessor();
        m.put("cpuModel", cpu.getProcessorIdentifier().getName().trim());
        m.put("cores", cpu.getLogicalProcessorCount());
        m.put("physicalCores", cpu.getPhysicalProcessorCount());
        m.put("memoryBytes", si.getHardware().getMemory().getTotal());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        // the harness's own JVM options (the launcher runs `run` with C1 only: docs/suites.md, "The harness's CPU")
        m.put("harnessJvmArguments", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        // every trial's load-generator JVM gets these (the harness's -Dtracebench.*, -Xmx and -XX:MaxDirectMemorySize
        // among them), and -Xmn of 8 MB per worker (LoadJvmOptions says why)
        m.put("loadJvmArguments",
                loadJvmArguments(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("loadYoungGenerationMbPerWorker", org.tracebench.loadgen.cli.LoadJvmOptions.YOUNG_MB_PER_WORKER);
        // and these where a task stats and never forks or execs (LoadJvmOptions.foreignStat; trial.json's loadForeignStat)
        m.put("loadForeignStatJvmArguments", org.tracebench.loadgen.sys.ForeignStat.JVM_OPTIONS);
        m.put("hostname", read("/proc/sys/kernel/hostname"));
        m.put("virtualization", virtualization(read("/sys/class/dmi/id/product_name"), read("/proc/cpuinfo")));
        return m;
    }

    /**
     * {@link org.tracebench.loadgen.cli.LoadJvmOptions#BASE} and what a harness JVM started with
     * {@code harnessArguments} passes on to loads.
     */
    static java.util.List<String> loadJvmArguments(java.util.List<String> harnessArguments) {
        java.util.List<String> all = new java.util.ArrayList<>(org.tracebench.loadgen.cli.LoadJvmOptions.BASE);
        all.addAll(org.tracebench.loadgen.cli.LoadJvmOptions.fromHarness(harnessArguments));
        return all;
    }

    /**
     * The machine's product name from DMI (e.g. {@code KVM}, {@code Standard PC (Q35 + ICH9, 2009)}); without DMI (a
     * Firecracker or container guest), whether the CPU flags say a hypervisor runs it; else "unknown".
     */
    static String virtualization(String dmiProductName, String cpuinfo) {
        if (!"unknown".equals(dmiProductName) && !dmiProductName.isBlank()) return dmiProductName;
        if (cpuinfo.lines().anyMatch(l -> l.startsWith("flags") && (" " + l + " ").contains(" hypervisor ")))
            return "virtual machine (hypervisor flag in /proc/cpuinfo; no DMI product name)";
        return "unknown";
    }

    /** A tracer's version for a manifest: its own, "no tracer" for the baseline, else "unknown". */
    public static String tracerVersion(org.tracebench.tracers.Tracer t) {
        return t.availability().version().orElse("none".equals(t.name()) ? "no tracer" : "unknown");
    }

    /** {@code {"version", "gitCommit"}}: the jar's version and the commit of the checkout it was built from. */
    public static Map<String, Object> tracebench(String version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("gitCommit", gitCommit());
        return m;
    }

    static String distribution() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) return line.substring(12).replace("\"", "");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown";
    }

    /** {@code git rev-parse HEAD} in the directory holding the running jar or classes; "unknown" outside a checkout. */
    static String gitCommit() {
        try {
            Path here = Path.of(Environment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(here) ? here : here.getParent();
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return "unknown";
            Process d = new ProcessBuilder("git", "-C", dir.toString(), "status", "--porcelain", "--untracked-files=no").start();
            String dirty = new String(d.getInputStream().readAllBytes()).trim();
            d.waitFor(5, TimeUnit.SECONDS);
            return dirty.isEmpty() ? out : out + "-dirty";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
