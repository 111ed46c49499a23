package org.tracebench.harness.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tracebench.harness.suite.Suite.TaskRef;
import org.tracebench.loadgen.task.TaskFile;
import org.tracebench.loadgen.task.TaskFileException;
import org.tracebench.loadgen.task.TaskFiles;

/**
 * What a suite overrides in its tasks: a suite's {@code workers}, {@code duration} and {@code warmup} (its defaults
 * when it has none) apply to every task, since every task of an experiment is measured alike; a task file's own
 * values are for {@code tracebench load}. {@code run} and {@code validate} say where they differ.
 */
public final class TaskOverrides {
    /** The end of every notice: why the task's own values do not count. */
    private static final String WHY = "(a suite's workers, duration and warmup apply to every task)";

    private TaskOverrides() {}

    /**
     * One line per difference: the tasks whose own {@code workers}, {@code duration} or {@code warmup} differ alike
     * from what {@code suite} (with any command-line overrides) runs them with, named as the suite names them, and
     * both values; empty when none differs. A task that does not parse is skipped (validation reports it). Nothing is
     * written but a temporary copy of an inline task, deleted again.
     */
    public static List<String> notices(Suite suite) {
        Map<String, List<String>> tasksByDifference = new LinkedHashMap<>();
        Path suiteDir = suite.source().toAbsolutePath().getParent();
        for (TaskRef t : suite.tasks()) {
            String name = t.inline() ? "inline task '" + t.name() + "'"
                    : suiteDir != null && t.file().toAbsolutePath().startsWith(suiteDir)
                    ? suiteDir.relativize(t.file().toAbsolutePath()).toString() : t.file().toString();
            load(t).flatMap(f -> difference(suite, f))
                    .ifPresent(d -> tasksByDifference.computeIfAbsent(d, k -> new ArrayList<>()).add(name));
        }
        List<String> out = new ArrayList<>();
        tasksByDifference.forEach((d, names) -> out.add("Note: " + String.join(", ", names)
                + (names.size() == 1 ? " asks for " : " ask for ") + d + " " + WHY + "."));
        return out;
    }

    /** {@code workers 2, duration 30s; the suite runs workers 1, duration 10s}, if {@code file}'s own values differ. */
    static Optional<String> difference(Suite suite, TaskFile file) {
        List<String> asks = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        if (file.workers().isPresent() && !suite.workers().equals(List.of(file.workers().getAsInt()))) {
            asks.add(workers(List.of(file.workers().getAsInt())));
            runs.add(workers(suite.workers()));
        }
        differs(file.duration(), suite.duration(), "duration", asks, runs);
        differs(file.warmup(), suite.warmup(), "warmup", asks, runs);
        if (asks.isEmpty()) return Optional.empty();
        return Optional.of(String.join(", ", asks) + "; the suite runs " + String.join(", ", runs));
    }

    private static void differs(Optional<Duration> own, Duration suite, String key, List<String> asks, List<String> runs) {
        if (own.isEmpty() || own.get().equals(suite)) return;
        asks.add(key + " " + Durations.format(own.get()));
        runs.add(key + " " + Durations.format(suite));
    }

    /** {@code workers 2}, or a suite's matrix {@code workers [1, 4]}. */
    private static String workers(List<Integer> n) {
        return "workers " + (n.size() == 1 ? n.get(0).toString() : n.toString());
    }

    private static Optional<TaskFile> load(TaskRef t) {
        Path file = t.file();
        Path tmp = null;
        try {
            if (t.inline()) {
                tmp = Files.createTempFile("tracebench-inline-" + t.name() + "-", ".yaml");
                Files.writeString(tmp, t.inlineYaml(), StandardCharsets.UTF_8);
                file = tmp;
            }
            return Optional.of(TaskFiles.load(file));
        } catch (IOException | TaskFileException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left in /tmp is harmless
                }
            }
        }
    }
}
