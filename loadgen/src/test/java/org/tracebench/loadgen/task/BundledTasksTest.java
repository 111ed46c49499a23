package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracebench.loadgen.op.OpKind;

/** Every task file shipped in tasks/ parses without warnings, passes the safety check and names its schema. */
class BundledTasksTest {
    static Stream<Path> bundled() throws IOException {
        Path tasks = TaskFileTesting.repoRoot().resolve("tasks");
        try (Stream<Path> s = Files.walk(tasks)) {
            // suites (quick.yaml...) live in tasks/ too; the validate command tells them apart by their `tracers` key
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !SafeYaml.topLevelKeys(p).contains("tracers"))
                    .sorted().toList();
            assertFalse(files.isEmpty());
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void validatesWithoutWarningsAndPassesTheSafetyCheck(Path file) throws Exception {
        TaskFile tf = TaskFiles.load(file);
        assertEquals(List.of(), tf.warnings(), String.join("\n", tf.warnings()));
        TaskFiles.checkSafety(tf, TaskFiles.effectiveWorkRoot(tf, null), List.of());
        if (tf.format() == TaskFile.Format.V2) {
            assertTrue(tf.workRoot().isPresent(), "bundled v2 tasks name their own work root");
            assertTrue(tf.workRoot().get().startsWith(TaskFiles.DEFAULT_WORK_ROOT), tf.workRoot().get().toString());
            assertFalse(tf.description().isBlank(), "bundled tasks say what they show");
        }
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void firstLineReferencesTheRightSchemaByARelativePathThatExists(Path file) throws Exception {
        String first = Files.readAllLines(file).get(0);
        String prefix = "# yaml-language-server: $schema=";
        assertTrue(first.startsWith(prefix), file + " starts with: " + first);
        Path schema = file.getParent().resolve(first.substring(prefix.length())).normalize();
        assertTrue(Files.isRegularFile(schema), schema + " must exist");
        String expected = TaskFiles.load(file).format() == TaskFile.Format.V2
                ? "task-v2.schema.json" : "task-legacy.schema.json";
        assertEquals(expected, schema.getFileName().toString());
    }

    @Test
    void mixedUsesEveryOpKindAndExecsBinTrue() throws Exception {
        TaskFile tf = TaskFiles.load(TaskFileTesting.repoRoot().resolve("tasks/mixed.yaml"));
        Set<OpKind> used = tf.tasks().stream().map(TaskSpec::op).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(OpKind.class)));
        assertEquals(EnumSet.allOf(OpKind.class), used);
        assertTrue(tf.tasks().stream().filter(t -> t.op().family() == OpKind.Family.EXEC)
                .allMatch(t -> t.paths().equals(List.of("/bin/true"))));
        assertEquals(Launch.FORK, tf.effectiveLaunch());
    }

    @Test
    void eachFamilyWorkloadExists() throws Exception {
        Path tasks = TaskFileTesting.repoRoot().resolve("tasks");
        for (String name : List.of("metadata-heavy", "exec-heavy", "direct-io-read", "direct-io-write", "cached-write")) {
            assertEquals(name, TaskFiles.load(tasks.resolve(name + ".yaml")).name());
        }
        TaskFile direct = TaskFiles.load(tasks.resolve("direct-io-read.yaml"));
        SetupFile s = direct.setup().get(0);
        assertEquals(8192, s.sizeBytes());
        assertEquals(SetupFile.Content.RANDOM, s.content());
        assertTrue(direct.tasks().stream().allMatch(t -> t.op() == OpKind.DIRECT_READ));
    }
}
