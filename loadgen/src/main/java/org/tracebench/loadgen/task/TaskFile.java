package org.tracebench.loadgen.task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A parsed task file, legacy or v2, normalized. Run parameters are optional here: the command line overrides the
 * file and the file overrides the built-in defaults.
 *
 * @param rate iterations per second per worker (open loop); empty = closed loop
 */
public record TaskFile(Path source, Format format, String name, String description,
                       OptionalInt workers, Optional<Duration> duration, Optional<Duration> warmup,
                       OptionalDouble rate, Optional<Path> workRoot, Optional<Launch> launch,
                       List<SetupFile> setup, List<TaskSpec> tasks) {

    /** {@code LEGACY} is loder's bare list of {kind, scale, files}; {@code V2} is the map format with a schema. */
    public enum Format { LEGACY, V2 }

    public TaskFile {
        setup = List.copyOf(setup);
        tasks = List.copyOf(tasks);
    }
}
