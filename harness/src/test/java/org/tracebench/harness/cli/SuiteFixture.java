package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the tiny test workload and a suite around it into a directory. */
final class SuiteFixture {
    private SuiteFixture() {}

    static Path write(Path dir, String name, List<String> tracers, String duration, int reps) throws IOException {
        try (InputStream in = SuiteFixture.class.getResourceAsStream("/suites/tiny-task.yaml")) {
            Files.copy(in, dir.resolve("tiny-task.yaml"));
        }
        return Files.writeString(dir.resolve(name + ".yaml"), "name: " + name + "\n"
                + "tasks: [tiny-task.yaml]\n"
                + "tracers: [" + String.join(", ", tracers) + "]\n"
                + "workers: 1\nduration: " + duration + "\nwarmup: 200ms\nrepetitions: " + reps + "\n"
                + "order: round-robin\ncooldown: 0s\nsamplingInterval: 250ms\nseed: 42\n");
    }
}
