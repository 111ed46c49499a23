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

    /**
     * The results directory of a fresh plan of the suite {@code name} ({@code tracers}, 1 s trials, 2 repetitions) in
     * {@code dir}/out, with its first trial finished ("ok") and nothing run: what an interrupted run leaves to resume.
     */
    static Interrupted resultsWithFirstTrialDone(Path dir, String name, List<String> tracers) throws Exception {
        Path suite = write(dir, name, tracers, "1s", 2);
        var err = new java.io.PrintWriter(new java.io.StringWriter());
        RunPlanning.Planned plan = new RunPlanning(TestTracers.registry(), false, err).fresh(suite, null, null, null, null, List.of());
        RunPlanning.Created created = RunPlanning.createResults(plan, dir.resolve("out"));
        Path first = Files.createDirectories(created.dir().trialDir(created.trials().get(0)));
        Files.writeString(first.resolve("trial.json"), "{\"status\": \"ok\"}");
        return new Interrupted(plan, created);
    }

    /** A plan and the results directory created for it. */
    record Interrupted(RunPlanning.Planned plan, RunPlanning.Created created) {}
}
