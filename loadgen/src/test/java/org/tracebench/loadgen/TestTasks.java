package org.tracebench.loadgen;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.task.OpOptions;
import org.tracebench.loadgen.task.SetupFile;
import org.tracebench.loadgen.task.SourceLocation;
import org.tracebench.loadgen.task.TaskFile;
import org.tracebench.loadgen.task.TaskSpec;

/** Builds task files in code for engine and CLI tests. */
public final class TestTasks {
    private TestTasks() {}

    public static TaskSpec spec(OpKind op, String... paths) {
        return new TaskSpec(op, List.of(paths), 1, OpOptions.DEFAULTS, SourceLocation.UNKNOWN);
    }

    public static TaskSpec spec(OpKind op, OpOptions options, String... paths) {
        return new TaskSpec(op, List.of(paths), 1, options, SourceLocation.UNKNOWN);
    }

    public static TaskFile file(List<SetupFile> setup, TaskSpec... tasks) {
        return new TaskFile(Path.of("test-task.yaml"), TaskFile.Format.V2, "test", "built in code",
                OptionalInt.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty(), Optional.empty(),
                Optional.empty(), setup, List.of(tasks));
    }

    public static TaskFile file(TaskSpec... tasks) {
        return file(List.of(), tasks);
    }

    /** The first of {@code /usr/bin/true}, {@code /bin/true}. */
    public static String trueBinary() {
        return java.nio.file.Files.exists(Path.of("/usr/bin/true")) ? "/usr/bin/true" : "/bin/true";
    }
}
