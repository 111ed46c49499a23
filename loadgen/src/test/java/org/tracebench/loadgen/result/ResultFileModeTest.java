package org.tracebench.loadgen.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tracebench.loadgen.TestTasks.file;
import static org.tracebench.loadgen.TestTasks.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.run.Engine;
import org.tracebench.loadgen.run.RunConfig;

/** load.json and its .hlog are readable by all (0644) as every other results file, not owner-only as a temp file. */
class ResultFileModeTest {
    @TempDir Path root;
    @TempDir Path out;

    @Test
    void theResultAndItsHistogramLogAreSharedLikeTheOtherResults() throws Exception {
        Engine e = new Engine(new RunConfig(file(spec(OpKind.STAT, "s")), 1, Duration.ofMillis(100), Duration.ZERO,
                OptionalDouble.empty(), root, List.of(), false, false, "POSIX_SPAWN"));
        e.prepare();
        LoadResult r = e.run();
        e.cleanup();
        Path json = ResultWriter.write(r, out.resolve("load.json"));
        for (Path p : List.of(json, ResultWriter.histogramLogPath(json))) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
    }
}
