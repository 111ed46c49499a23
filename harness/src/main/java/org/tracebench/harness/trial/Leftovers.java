package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.tracebench.harness.bpfstats.BpfStatsSwitch;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.tracers.proc.HarnessBound;
import org.tracebench.tracers.sys.Cgroups;
import org.tracebench.tracers.sys.IoFailure;
import org.tracebench.tracers.sys.Tracefs;

/**
 * What tracebench runs that are gone left behind (a harness killed with SIGKILL runs no cleanup): processes whose
 * harness is gone ({@link HarnessBound#orphans}: tracers, load generators), tracefs instances and cgroups named after
 * a pid that is not running, trial work roots in the default places and micro's work directories ({@link StaleWorkRoots}), and kernel.bpf_stats_enabled left on
 * ({@link BpfStatsSwitch#restoreStale}). Nothing else is ever touched.
 * {@code doctor} lists them and removes them with {@code --cleanup}; {@code run} removes them before its first trial,
 * since a tracefs instance or a tracer left enabled taxes every system call of the machine.
 *
 * @param orphanPids       live processes started by a harness that is gone
 * @param tracefsInstances {@code tracebench-<pid>-<n>} instances of dead owners (only that exact form: {@code Tracefs})
 * @param cgroups          {@code tracebench-<pid>-<suffix>} cgroups of dead owners (only the forms {@code Cgroups} makes)
 * @param workRoots        {@code run-<pid>-t<N>} work roots of dead harnesses that no load generator holds
 * @param microDirs        {@code tracebench-micro-<pid>-<tracer>} work directories of dead {@code micro} runs
 * @param bpfStatsMarkers  markers of harnesses that are gone, which turned kernel.bpf_stats_enabled on
 * @param defaultWorkRoot  where tracebench's own work roots live: empty directories left in it are removed too
 * @param orphanPidsUnseen why some processes could not be looked at ("cannot tell without root (...)"), so that
 *                         {@code orphanPids} may miss some; empty when every one was
 * @param tracefsInstancesUnseen why tracefs instances could not be listed ("cannot tell without root (...)"), so
 *                         that {@code tracefsInstances} is empty for want of looking; empty when they were listed
 */
public record Leftovers(List<Long> orphanPids, List<Path> tracefsInstances, List<Path> cgroups, List<Path> workRoots,
                        List<Path> microDirs, List<Path> bpfStatsMarkers, Path defaultWorkRoot,
                        Optional<String> orphanPidsUnseen, Optional<String> tracefsInstancesUnseen) {

    /** Looks for every kind; {@code defaultWorkRoot} is the parent whose run-* roots (and its children's) count. */
    public static Leftovers find(Path defaultWorkRoot) throws IOException {
        Optional<Tracefs> fs = Tracefs.find();
        List<Path> instances = List.of();
        Optional<String> instancesUnseen = Optional.empty();
        if (fs.isPresent()) {
            try {
                instances = fs.get().staleInstances();
            } catch (java.nio.file.AccessDeniedException e) { // tracefs is root's (mode 0700)
                instancesUnseen = Optional.of("cannot tell without root (permission denied listing " + fs.get().instancesDir() + ")");
            }
        }
        HarnessBound.OrphanSearch orphans = HarnessBound.search();
        Optional<String> orphansUnseen = orphans.unreadableEnvironments() == 0 ? Optional.empty()
                : Optional.of("cannot tell without root (permission denied reading the environment, where tracebench marks"
                + " the processes it starts, of " + orphans.unreadableEnvironments() + " processes of other users)");
        return new Leftovers(orphans.pids(), instances, Cgroups.stale(), StaleWorkRoots.findInDefaultPlaces(defaultWorkRoot),
                StaleWorkRoots.findMicro(), BpfStatsSwitch.staleMarkers(BpfStatsSwitch.MARKERS), defaultWorkRoot,
                orphansUnseen, instancesUnseen);
    }

    /** True when some kind could not be looked for ({@link #orphanPidsUnseen}, {@link #tracefsInstancesUnseen}). */
    public boolean partlyUnseen() {
        return orphanPidsUnseen.isPresent() || tracefsInstancesUnseen.isPresent();
    }

    /**
     * Removes {@code dir} and then each parent up to and including {@code top} while they are empty: a killed load
     * generator cannot remove the directories it made for its work root (the default work root holds only what
     * tracebench makes), and a live run's directory is never empty.
     */
    static void deleteEmptyUpTo(Path dir, Path top) {
        for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
            try {
                java.nio.file.Files.deleteIfExists(d);
            } catch (IOException e) {
                return; // not empty (DirectoryNotEmptyException) or not ours to remove
            }
            if (d.equals(top)) return;
        }
    }

    public boolean isEmpty() {
        return orphanPids.isEmpty() && tracefsInstances.isEmpty() && cgroups.isEmpty() && workRoots.isEmpty()
                && microDirs.isEmpty() && bpfStatsMarkers.isEmpty();
    }

    /** One line per leftover, "process 1547 (bpftrace)", "tracefs instance /sys/...", in removal order. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        orphanPids.forEach(pid -> out.add("process " + pid + " (" + command(pid) + ")"));
        tracefsInstances.forEach(p -> out.add("tracefs instance " + p));
        cgroups.forEach(p -> out.add("cgroup " + p));
        workRoots.forEach(p -> out.add("trial work root " + p));
        microDirs.forEach(p -> out.add("micro work directory " + p));
        bpfStatsMarkers.forEach(p -> out.add(BpfStatsSwitch.SYSCTL + " left on (marker " + p + ")"));
        return out;
    }

    /**
     * Removes everything: the processes first (SIGKILL; a tracer's open trace_pipe keeps its instance busy, its pid
     * keeps its cgroup), then the instances, the cgroups, the work roots (with the directories they leave empty under
     * the default work root), micro's work directories, and last puts back a bpf_stats_enabled left on, unless a live harness is measuring.
     * Each removal is reported to {@code removed} ("process 1547 (bpftrace)") or, with the reason, to {@code failed}.
     *
     * @return how many could not be removed
     */
    public int remove(Consumer<String> removed, Consumer<String> failed) {
        int failures = 0;
        for (long pid : orphanPids) {
            String what = "process " + pid + " (" + command(pid) + ")";
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty()) {
                removed.accept(what + ", already gone");
                continue;
            }
            h.get().destroyForcibly();
            try {
                h.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                removed.accept(what);
            } catch (Exception e) {
                failed.accept(what + ": still running 5 s after SIGKILL");
                failures++;
            }
        }
        for (Path p : tracefsInstances) failures += attempt("tracefs instance " + p, () -> Tracefs.removeInstance(p), removed, failed);
        for (Path p : cgroups) failures += attempt("cgroup " + p, () -> Cgroups.Cgroup.of(p).close(), removed, failed);
        for (Path p : workRoots) {
            failures += attempt("trial work root " + p, () -> ResultsDir.deleteTree(p), removed, failed);
            if (p.getParent() != null) deleteEmptyUpTo(p.getParent(), defaultWorkRoot);
        }
        for (Path p : microDirs) failures += attempt("micro work directory " + p, () -> ResultsDir.deleteTree(p), removed, failed);
        for (Path p : bpfStatsMarkers) {
            try {
                String done = BpfStatsSwitch.restoreStale(p);
                if (done != null) removed.accept(done);
            } catch (IOException e) {
                failed.accept(BpfStatsSwitch.SYSCTL + " left on (marker " + p + "): " + reason(e));
                failures++;
            }
        }
        return failures;
    }

    /** One removal that may fail. */
    private interface Removal {
        void run() throws IOException;
    }

    /**
     * Runs {@code r}, reporting {@code what} to {@code removed} or to {@code failed} with the reason ("cgroup DIR:
     * permission denied (removing it needs root)"); 1 on failure.
     */
    private static int attempt(String what, Removal r, Consumer<String> removed, Consumer<String> failed) {
        try {
            r.run();
            removed.accept(what);
            return 0;
        } catch (IOException e) {
            failed.accept(what + ": " + reason(e));
            return 1;
        }
    }

    /** Why a removal failed, in words without the path (the caller names it); a refusal says that root may remove it. */
    static String reason(IOException e) {
        return IoFailure.reason(e) + (IoFailure.refused(e) && !org.tracebench.tracers.proc.Probes.isRoot()
                ? " (removing it needs root)" : "");
    }

    private static String command(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> Path.of(c).getFileName().toString())
                .orElse("gone");
    }
}
