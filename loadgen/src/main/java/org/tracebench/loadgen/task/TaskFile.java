package org.tracebench.loadgen.task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.tracebench.loadgen.op.OpKind;

/**
 * A parsed task file, legacy or v2, normalized. Run parameters are optional here: the command line overrides the
 * file and the file overrides the built-in defaults.
 *
 * @param rate     iterations per second per worker (open loop); empty = closed loop
 * @param workRoot absolute; a relative {@code workRoot:} in the file is resolved against the file's directory.
 *                 Empty = {@link TaskFiles#DEFAULT_WORK_ROOT} unless the command line gives one
 * @param launch   for files from {@link TaskFiles#load}: always present, the effective mechanism (see
 *                 {@link #effectiveLaunch()})
 * @param warnings whole sentences starting with {@code file:line:column: warning:}; the file is still usable
 */
public record TaskFile(Path source, Format format, String name, String description,
                       OptionalInt workers, Optional<Duration> duration, Optional<Duration> warmup,
                       OptionalDouble rate, Optional<Path> workRoot, Optional<Launch> launch,
                       List<SetupFile> setup, List<TaskSpec> tasks, List<String> warnings) {

    /** {@code LEGACY} is loder's bare list of {kind, scale, files}; {@code V2} is the map format with a schema. */
    public enum Format { LEGACY, V2 }

    public TaskFile {
        setup = List.copyOf(setup);
        tasks = List.copyOf(tasks);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without warnings (the original twelve components). */
    public TaskFile(Path source, Format format, String name, String description,
                    OptionalInt workers, Optional<Duration> duration, Optional<Duration> warmup,
                    OptionalDouble rate, Optional<Path> workRoot, Optional<Launch> launch,
                    List<SetupFile> setup, List<TaskSpec> tasks) {
        this(source, format, name, description, workers, duration, warmup, rate, workRoot, launch, setup, tasks,
                List.of());
    }

    /**
     * The launch mechanism the load-generator JVM must be started with: the explicit one if any, else
     * {@link #defaultLaunch}.
     */
    public Launch effectiveLaunch() {
        return launch.orElseGet(() -> defaultLaunch(tasks));
    }

    /**
     * The mechanism for tasks without an explicit {@code launch}: {@code FORK} when a {@code fork} op exists (the JDK
     * only fork+execs through that mechanism), else {@code VFORK} when an {@code execute-subproc} or
     * {@code execute-subthread} op exists (one clone and one execve per child, like C's posix_spawn; the JDK's
     * default POSIX_SPAWN execs {@code jspawnhelper} first and is half as fast), else {@code POSIX_SPAWN}, the JDK's
     * default on Linux, as nothing starts a child.
     */
    public static Launch defaultLaunch(List<TaskSpec> tasks) {
        return defaultLaunchFor(tasks.stream().map(TaskSpec::op).toList());
    }

    /** {@link #defaultLaunch}'s rule for a load doing {@code kinds} (OpBenchmark: one kind per JMH fork). */
    public static Launch defaultLaunchFor(java.util.Collection<OpKind> kinds) {
        if (kinds.contains(OpKind.FORK)) return Launch.FORK;
        if (kinds.stream().anyMatch(k -> k.family() == OpKind.Family.EXEC)) return Launch.VFORK;
        return Launch.POSIX_SPAWN;
    }

    /** True when some task starts child processes. */
    public boolean hasExec() {
        return tasks.stream().anyMatch(t -> t.op().family() == OpKind.Family.EXEC);
    }
}
