package org.tracebench.loadgen.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.tracebench.loadgen.task.TaskFile;
import org.tracebench.loadgen.task.TaskFiles;

/**
 * Everything a run needs, resolved: command line over task file over defaults.
 *
 * @param rate          iterations per second per worker (open loop), empty = closed loop
 * @param workRoot      absolute, normalized; relative task paths resolve against it
 * @param allowPaths    further directories mutating ops may touch (absolute, normalized)
 * @param keep          leave files the run created in place
 * @param failFast      end the run at the first failed operation
 * @param launchMechanism the JDK launch mechanism in force (for the result)
 */
public record RunConfig(TaskFile task, int workers, Duration duration, Duration warmup, OptionalDouble rate,
                        Path workRoot, List<Path> allowPaths, boolean keep, boolean failFast,
                        String launchMechanism) {
    public static final int DEFAULT_WORKERS = 1;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(1);

    public RunConfig {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be positive");
        if (warmup.isNegative()) throw new IllegalArgumentException("warmup must not be negative");
        if (rate.isPresent() && !(rate.getAsDouble() > 0)) throw new IllegalArgumentException("rate must be positive");
        workRoot = workRoot.toAbsolutePath().normalize();
        allowPaths = allowPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /**
     * Resolves each parameter: the override if non-null, else the task file's value, else the default; the work
     * root likewise, else {@link TaskFiles#DEFAULT_WORK_ROOT}.
     */
    public static RunConfig resolve(TaskFile task, Integer workers, Duration duration, Duration warmup, Double rate,
                                    Path workRoot, List<Path> allowPaths, boolean keep, boolean failFast,
                                    String launchMechanism) {
        int w = workers != null ? workers : task.workers().orElse(DEFAULT_WORKERS);
        Duration d = duration != null ? duration : task.duration().orElse(DEFAULT_DURATION);
        Duration wu = warmup != null ? warmup : task.warmup().orElse(DEFAULT_WARMUP);
        OptionalDouble r = rate != null ? OptionalDouble.of(rate) : task.rate();
        Path root = workRoot != null ? workRoot : task.workRoot().orElse(null);
        if (root == null) root = TaskFiles.DEFAULT_WORK_ROOT;
        return new RunConfig(task, w, d, wu, r, root, allowPaths == null ? List.of() : allowPaths, keep, failFast,
                launchMechanism);
    }

    /** True when {@code p} (absolute, normalized) lies in the work root or an allowed directory. */
    public boolean mayMutate(Path p) {
        if (p.startsWith(workRoot)) return true;
        for (Path a : allowPaths) if (p.startsWith(a)) return true;
        return false;
    }
}
