package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tracebench.tracers.sys.Cgroups;
import org.tracebench.tracers.sys.Tracefs;
import org.tracebench.harness.trial.Leftovers;
import org.tracebench.harness.trial.StaleWorkRoots;
import org.tracebench.tracers.proc.HarnessBound;
import org.tracebench.loadgen.task.TaskFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracebench doctor [--cleanup]}: what this machine offers tracers (root, tracefs, cgroup v2, kernel
 * capabilities), how busy and how shared its CPUs are over one second ({@link org.tracebench.harness.sampling.HostCpu}),
 * and which tracebench leftovers exist ({@link Leftovers}). With {@code --cleanup} it removes them: tracer processes
 * whose harness is gone, tracefs instances and cgroups named exactly as tracebench names them ({@code tracebench-<pid>-<n>},
 * {@code tracebench-<pid>-t<N>}, {@code tracebench-<pid>-micro-<tracer>}) whose owning process is gone, trial work
 * roots {@code run-<pid>-t<N>} and micro's {@code tracebench-micro-<pid>-<tracer>} of harnesses that are gone
 * ({@link StaleWorkRoots}), and nothing else. Exit 1 when a removal failed.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks what this machine offers tracers, how busy it is, and finds (or, with --cleanup, removes) what tracebench runs that are gone left behind.")
public final class DoctorCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cleanup", description = "Remove what runs that are gone left: their tracer and load generator processes, tracebench-* tracefs instances, cgroups, trial work roots, micro's work directories (/var/tmp/tracebench-micro-<pid>-<tracer>), and kernel.bpf_stats_enabled left on.")
    boolean cleanup;

    /**
     * What a load generator's JVM can use here, from a short JVM started as the harness starts one for a stat task
     * ({@code JvmProbe}): the JDK internals behind read/open/truncate/readdir/exec, and the foreign-function stat.
     */
    static String loadJvm() {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(org.tracebench.loadgen.cli.LoadJvmOptions.forTask(1, java.util.Set.of(org.tracebench.loadgen.op.OpKind.STAT)));
        cmd.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), org.tracebench.loadgen.cli.JvmProbe.class.getName()));
        String head = "load generator JVM (Java " + Runtime.version() + "): ";
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return head + "could not start one (exit " + (p.isAlive() ? "none: timed out" : p.exitValue()) + ").";
            }
            java.util.Map<String, String> v = new java.util.HashMap<>();
            text.lines().filter(l -> l.contains(": ")).forEach(l -> v.put(l.substring(0, l.indexOf(": ")), l.substring(l.indexOf(": ") + 2)));
            return head + "JDK internals: " + v.getOrDefault("jdkInternals", "unknown") + "; glibc stat through the"
                    + " foreign-function API (for tasks that never fork or exec): " + v.getOrDefault("foreignStat", "unknown");
        } catch (java.io.IOException e) {
            return head + "could not start one: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return head + "interrupted.";
        }
    }

    /** The root check (effective uid, like run, micro and the tracers); tests replace it to see the not-root path. */
    java.util.function.BooleanSupplier isRoot = LongRun.EFFECTIVE_ROOT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean root = isRoot.getAsBoolean();
        if (cleanup && !root) { // as run does: refused before anything, exit 2
            err.println("tracebench doctor --cleanup needs root: what it removes (tracer and load generator processes,"
                    + " tracefs instances, cgroups, trial work roots) is root's, as tracebench runs as root, and only root"
                    + " can find all of it. Run it again with sudo; tracebench doctor without --cleanup lists what it can see.");
            return 2;
        }
        out.println("root: " + (root ? "yes" : "no (tracers need root: run tracebench as root)"));
        Optional<Tracefs> fs = Tracefs.find();
        out.println("tracefs: " + fs.map(t -> t.root().toString())
                .orElse("not mounted; fix: " + Tracefs.MOUNT_FIX));
        Optional<Path> cg = Cgroups.v2Root();
        out.println("cgroup v2: " + cg.map(Path::toString).orElse("not mounted (bpftrace falls back to a pid map)"));
        fs.ifPresent(t -> t.describe().forEach(line -> out.println("  " + line)));
        out.println(loadJvm());

        try {
            int cpus = new oshi.SystemInfo().getHardware().getProcessor().getLogicalProcessorCount(); // as the sampler counts
            out.println(org.tracebench.harness.sampling.HostCpu.measure(java.time.Duration.ofSeconds(1))
                    .advice(org.tracebench.harness.report.Analysis.STEAL_LIMIT_CORES, cpus));
        } catch (RuntimeException e) {
            out.println("CPU: could not read /proc/stat (" + e.getMessage() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }

        out.println("tracers and load generators die with a harness killed by SIGKILL: " + (HarnessBound.diesWithHarness()
                ? "yes (setpriv --pdeathsig)" : "no, setpriv --pdeathsig is missing (util-linux 2.33 or later has it):"
                + " the next run or doctor --cleanup removes what such a harness leaves"));
        Leftovers left;
        try {
            left = Leftovers.find(TaskFiles.DEFAULT_WORK_ROOT);
        } catch (IOException e) {
            err.println("Could not list tracebench leftovers: " + e.getMessage());
            return 1;
        }
        out.println("stale processes (tracers, load generators): " + count(left.orphanPids(), left.orphanPidsUnseen()));
        out.println("stale tracefs instances: " + count(left.tracefsInstances(), left.tracefsInstancesUnseen()));
        out.println("stale cgroups: " + left.cgroups().size());
        out.println("stale trial work roots: " + left.workRoots().size() + " (in " + TaskFiles.DEFAULT_WORK_ROOT + " and the directories in it)");
        out.println("stale micro work directories: " + left.microDirs().size() + " (tracebench-micro-<pid>-<tracer> in "
                + StaleWorkRoots.microParent() + ")");
        if (!left.bpfStatsMarkers().isEmpty()) {
            out.println("BPF statistics left on by a killed run: " + org.tracebench.harness.bpfstats.BpfStatsSwitch.SYSCTL);
        }
        if (!cleanup) {
            left.describe().forEach(l -> out.println("  stale " + l));
            if (!left.isEmpty()) out.println("Run tracebench doctor --cleanup to remove them.");
            if (left.partlyUnseen()) out.println("Run tracebench doctor as root to look for every kind.");
            return 0;
        }
        int failures = left.remove(l -> out.println("removed " + l), l -> err.println("Could not remove " + l + "."));
        return failures == 0 ? 0 : 1;
    }

    /** "3", or with what could not be looked at: "cannot tell without root (...)", "1 seen; beyond them cannot tell ...". */
    static String count(List<?> found, Optional<String> unseen) {
        if (unseen.isEmpty()) return Integer.toString(found.size());
        return found.isEmpty() ? unseen.get() : found.size() + " seen; beyond them " + unseen.get();
    }
}
