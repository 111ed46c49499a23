package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tracebench.tracers.sys.Cgroups;
import org.tracebench.tracers.sys.Tracefs;
import org.tracebench.harness.trial.StaleWorkRoots;
import org.tracebench.loadgen.task.TaskFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracebench doctor [--cleanup]}: what this machine offers tracers (root, tracefs, cgroup v2, kernel
 * capabilities), how busy and how shared its CPUs are over one second ({@link org.tracebench.harness.sampling.HostCpu}),
 * and which tracebench leftovers exist. With {@code --cleanup} it removes tracefs instances and cgroups
 * named {@code tracebench-<pid>-...} whose owning process is gone, and trial work roots {@code run-<pid>-t<N>} of
 * harnesses that are gone ({@link StaleWorkRoots}), and nothing else. Exit 1 when a removal failed.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks what this machine offers tracers and finds (or, with --cleanup, removes) stale tracebench leftovers.")
public final class DoctorCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cleanup", description = "Remove stale tracebench-* tracefs instances, cgroups and trial work roots whose owner process is gone.")
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean root = LongRun.EFFECTIVE_ROOT.getAsBoolean(); // effective uid, like run, micro and the tracers
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

        List<Path> staleInstances = List.of();
        List<Path> staleCgroups = List.of();
        try {
            if (fs.isPresent()) staleInstances = fs.get().staleInstances();
            staleCgroups = Cgroups.stale();
        } catch (IOException e) {
            err.println("Could not list tracebench leftovers: " + e.getMessage());
            return 1;
        }
        List<Path> staleRoots = StaleWorkRoots.findInDefaultPlaces(TaskFiles.DEFAULT_WORK_ROOT);
        out.println("stale tracefs instances: " + staleInstances.size());
        out.println("stale cgroups: " + staleCgroups.size());
        out.println("stale trial work roots: " + staleRoots.size() + " (in " + TaskFiles.DEFAULT_WORK_ROOT + " and the directories in it)");
        if (!cleanup) {
            staleInstances.forEach(p -> out.println("  stale " + p));
            staleCgroups.forEach(p -> out.println("  stale " + p));
            staleRoots.forEach(p -> out.println("  stale " + p));
            if (!staleInstances.isEmpty() || !staleCgroups.isEmpty() || !staleRoots.isEmpty()) {
                out.println("Run tracebench doctor --cleanup to remove them.");
            }
            return 0;
        }
        int failures = 0;
        for (Path p : staleInstances) {
            try {
                Tracefs.removeInstance(p);
                out.println("removed tracefs instance " + p);
            } catch (IOException e) {
                err.println("Could not remove tracefs instance " + p + ": " + e.getMessage());
                failures++;
            }
        }
        for (Path p : staleCgroups) {
            try {
                Cgroups.Cgroup.of(p).close();
                out.println("removed cgroup " + p);
            } catch (IOException e) {
                err.println("Could not remove cgroup " + p + ": " + e.getMessage());
                failures++;
            }
        }
        for (Path p : staleRoots) {
            try {
                org.tracebench.harness.results.ResultsDir.deleteTree(p);
                out.println("removed trial work root " + p);
            } catch (IOException e) {
                err.println("Could not remove trial work root " + p + ": " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
