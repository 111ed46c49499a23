package org.tracebench.loadgen.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.result.GroundTruth;
import org.tracebench.loadgen.result.IterationBounds;
import org.tracebench.loadgen.result.IterationResult;
import org.tracebench.loadgen.result.LatencySummary;
import org.tracebench.loadgen.result.LoadResult;
import org.tracebench.loadgen.result.OpResult;
import org.tracebench.loadgen.task.TaskFile;

/** Merges the workers' histograms, counters and ground truth into a {@link LoadResult}; after the workers joined. */
final class Results {
    private Results() {}

    static LoadResult assemble(RunConfig cfg, List<Worker> workers, Instant startedAt, double measuredSeconds,
                               String failure, boolean stoppedEarly, LoadResult.CompilerCpu jit) {
        OpKind[] kinds = OpKind.values();
        Map<OpKind, OpResult> ops = new EnumMap<>(OpKind.class);
        Map<OpKind, Histogram> hists = new EnumMap<>(OpKind.class);
        int secs = Math.max(1, (int) Math.ceil(measuredSeconds - 1e-9));
        List<Map<OpKind, Long>> series = new ArrayList<>();
        for (int s = 0; s < secs; s++) series.add(new EnumMap<>(OpKind.class));
        for (OpKind k : kinds) {
            int i = k.ordinal();
            Histogram h = null;
            long count = 0, errors = 0, restoreErrors = 0, nonZeroExits = 0;
            List<String> samples = new ArrayList<>(), restoreSamples = new ArrayList<>(), exitSamples = new ArrayList<>();
            for (Worker w : workers) {
                if (w.histograms[i] == null) continue;
                if (h == null) h = new Histogram(3);
                h.add(w.histograms[i]);
                count += w.counts[i];
                errors += w.errors[i];
                restoreErrors += w.restoreErrors[i];
                nonZeroExits += w.nonZeroExits[i];
                for (String m : w.samples.get(i)) if (samples.size() < Worker.SAMPLE_LIMIT) samples.add(m);
                for (String m : w.restoreSamples.get(i)) if (restoreSamples.size() < Worker.SAMPLE_LIMIT) restoreSamples.add(m);
                for (String m : w.exitSamples.get(i)) if (exitSamples.size() < Worker.SAMPLE_LIMIT) exitSamples.add(m);
                for (int s = 0; s < secs && s < w.perSecond[i].length; s++) {
                    series.get(s).merge(k, w.perSecond[i][s], Long::sum);
                }
            }
            if (h == null) continue;
            hists.put(k, h);
            double rate = measuredSeconds > 0 ? count / measuredSeconds : 0;
            ops.put(k, new OpResult(k, count, errors, restoreErrors, nonZeroExits, samples, restoreSamples, exitSamples, rate,
                    LatencySummary.of(h)));
        }
        Histogram it = new Histogram(3), finished = new Histogram(3);
        long iterations = 0, failedIterations = 0, unfinished = 0;
        for (Worker w : workers) {
            finished.add(w.iterationHistogram);
            it.add(w.iterationHistogram);
            it.add(w.unfinishedHistogram);
            iterations += w.iterations;
            failedIterations += w.failedIterations;
            unfinished += w.unfinishedIterations;
        }
        IterationResult ir = new IterationResult(iterations, measuredSeconds > 0 ? iterations / measuredSeconds : 0,
                LatencySummary.of(it), failedIterations, unfinished,
                cfg.rate().isPresent() ? IterationBounds.lowerBounds(finished, it) : null,
                cfg.rate().isPresent() ? finished.getTotalCount() : -1);
        TaskFile t = cfg.task();
        LoadResult.TaskInfo info = new LoadResult.TaskInfo(t.name(), t.source() == null ? null : t.source().toString(),
                t.format().name().toLowerCase(java.util.Locale.ROOT));
        return new LoadResult(info, cfg.workers(), measuredSeconds, cfg.warmup().toNanos() / 1e9,
                cfg.rate().isPresent() ? cfg.rate().getAsDouble() : null, cfg.launchMechanism(),
                ProcessHandle.current().pid(), startedAt, ops, ir, series, groundTruth(workers), hists,
                Optional.ofNullable(failure), stoppedEarly, jit);
    }

    static GroundTruth groundTruth(List<Worker> workers) {
        Map<OpKind, TreeSet<String>> paths = new LinkedHashMap<>();
        Map<OpKind, Long> counts = new EnumMap<>(OpKind.class);
        Set<OpKind> truncated = new HashSet<>();
        List<Long> pids = new ArrayList<>();
        long getdents64Calls = 0;
        for (Worker w : workers) {
            getdents64Calls += w.groundTruthGetdents64Calls;
            for (Step s : w.steps) {
                OpKind k = s.op.kind();
                TreeSet<String> set = paths.computeIfAbsent(k, x -> new TreeSet<>());
                for (int j = 0; j < s.paths.length; j++) {
                    if (!s.succeeded[j]) continue;
                    Path p = s.paths[j].fixed();
                    add(set, p.toString(), k, truncated);
                    Path c = s.op.companion(p);
                    if (c != null) add(set, c.toString(), k, truncated);
                }
            }
            for (OpKind k : OpKind.values()) {
                int i = k.ordinal();
                if (w.groundTruthCounts[i] > 0) counts.merge(k, w.groundTruthCounts[i], Long::sum);
                for (String p : w.iterationPaths.get(i)) add(paths.computeIfAbsent(k, x -> new TreeSet<>()), p, k, truncated);
                if (w.pathsTruncated && !w.iterationPaths.get(i).isEmpty()
                        && w.iterationPaths.get(i).size() >= w.pathCap) truncated.add(k);
            }
            for (int i = 0; i < w.childPidCount; i++) pids.add(w.childPids[i]);
        }
        Map<OpKind, GroundTruth.PathSet> byKind = new EnumMap<>(OpKind.class);
        for (Map.Entry<OpKind, TreeSet<String>> e : paths.entrySet()) {
            OpKind k = e.getKey();
            byKind.put(k, new GroundTruth.PathSet(counts.getOrDefault(k, 0L), new ArrayList<>(e.getValue()),
                    truncated.contains(k), Map.of(), k == OpKind.READDIR ? getdents64Calls : -1));
        }
        return new GroundTruth(ProcessHandle.current().pid(), pids, byKind);
    }

    private static void add(TreeSet<String> set, String p, OpKind k, Set<OpKind> truncated) {
        if (set.size() < Engine.PATH_CAP) set.add(p);
        else if (!set.contains(p)) truncated.add(k);
    }

    /** Paths outside the work root that creating ops may have left behind; only inside allowed directories. */
    static Set<Path> createdPathsOutsideRoot(RunConfig cfg, List<Worker> workers) {
        Set<Path> out = new HashSet<>();
        for (Worker w : workers) {
            for (Step s : w.steps) {
                for (int j = 0; j < s.paths.length && s.handsOver != null; j++) {
                    Path p = s.paths[j].fixed(); // a link or rename left for a later task (Handovers) may still be there
                    if (p != null && s.succeeded[j] && s.op.companion(p) != null) out.add(s.op.companion(p));
                }
                if (!WorkArea.CREATES.contains(s.op.kind())) continue;
                for (int j = 0; j < s.paths.length; j++) {
                    Path p = s.paths[j].fixed();
                    if (p != null && s.succeeded[j]) out.add(p);
                }
                for (String p : w.iterationPaths.get(s.kind)) out.add(Path.of(p));
            }
        }
        out.removeIf(p -> p.startsWith(cfg.workRoot()) || !cfg.mayMutate(p.toAbsolutePath().normalize()));
        return out;
    }
}
