package org.tracebench.harness.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.suite.TrialSpec;

/**
 * Ends an automatic sweep once the baseline saturates: a sweep trial is skipped when, for its workload × workers,
 * the baseline's trial at a lower level finished and achieved less than {@code saturation} × its offered rate (the
 * saturated level itself still runs for every tracer). Decided from the files on disk, so {@code --resume} skips the
 * same trials. Explicit rate lists are never cut short.
 */
public final class SweepGate {
    private final Path dir;
    private final List<TrialSpec> plan;
    private final boolean auto;
    private final double saturation;

    private SweepGate(Path dir, List<TrialSpec> plan, boolean auto, double saturation) {
        this.dir = dir;
        this.plan = plan;
        this.auto = auto;
        this.saturation = saturation;
    }

    /** The gate of a run: reads the sweep settings from manifest.json's suiteAsRun (none = never skip). */
    public static SweepGate of(ResultsDir results, List<TrialSpec> plan) {
        try {
            return of(results.dir(), results.readManifest(), plan);
        } catch (IOException | RuntimeException e) {
            return new SweepGate(results.dir(), plan, false, SweepSpec.DEFAULT_SATURATION); // no readable manifest: run everything planned
        }
    }

    /** The gate of the results directory {@code dir} whose manifest.json holds {@code m}, for report to tell skipped from not run. */
    public static SweepGate of(Path dir, Map<String, Object> m, List<TrialSpec> plan) {
        boolean auto = m.get("suiteAsRun") instanceof Map<?, ?> s && s.get("sweep") instanceof Map<?, ?> sw
                && "auto".equals(sw.get("rates"));
        return new SweepGate(dir, plan, auto, saturation(m));
    }

    /** The sweep's saturation threshold in manifest.json {@code m}'s suiteAsRun, else {@link SweepSpec#DEFAULT_SATURATION}. */
    static double saturation(Map<?, ?> m) {
        return m.get("suiteAsRun") instanceof Map<?, ?> s && s.get("sweep") instanceof Map<?, ?> sw
                && sw.get("saturation") instanceof Number n ? n.doubleValue() : SweepSpec.DEFAULT_SATURATION;
    }

    /** {@link #saturation(Map)} of the results directory {@code dir}'s manifest.json; the default when unreadable. */
    static double saturation(Path dir) {
        try {
            return ResultsDir.readJson(dir.resolve("manifest.json")) instanceof Map<?, ?> m ? saturation(m) : SweepSpec.DEFAULT_SATURATION;
        } catch (IOException | RuntimeException e) {
            return SweepSpec.DEFAULT_SATURATION;
        }
    }

    /** Whether {@link #skipReason} for {@code t} depends on trials before it (so it cannot be started ahead). */
    public boolean dependsOnEarlier(TrialSpec t) {
        return auto && "sweep".equals(t.placement().role());
    }

    /** Why {@code t} is skipped, or null to run it. */
    public String skipReason(TrialSpec t) {
        if (!auto || !"sweep".equals(t.placement().role())) return null;
        double rate = t.placement().offeredRatePerSecond();
        for (TrialSpec b : plan) {
            if (!"sweep".equals(b.placement().role()) || !b.tracer().name().equals("none")
                    || !b.workload().equals(t.workload()) || b.workers() != t.workers()) continue;
            double offered = b.placement().offeredRatePerSecond();
            if (!(offered < rate)) continue;
            double achieved = achievedIterationsPerSecond(dir.resolve("trials").resolve(b.dirName()), Rates.opsPerIteration(b.taskFile()));
            if (achieved < saturation * offered) {
                return "the baseline saturated at " + TrialSpec.rateText(offered) + "/s (achieved "
                        + Math.round(achieved) + "/s)";
            }
        }
        return null;
    }

    /** Iterations per second the load generator achieved in a finished trial, NaN when unknown. */
    static double achievedIterationsPerSecond(Path trialDir, int opsPerIteration) {
        Path load = trialDir.resolve("load.json");
        if (!Files.isRegularFile(trialDir.resolve("trial.json")) || !Files.isRegularFile(load)) return Double.NaN;
        try {
            if (ResultsDir.readJson(load) instanceof Map<?, ?> m) return Rates.achievedIterationsPerSecond(m, opsPerIteration);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
