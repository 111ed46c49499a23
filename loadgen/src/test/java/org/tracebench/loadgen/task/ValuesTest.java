package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/** Durations, sizes, modes and suggestions as the parser reads them from YAML scalars. */
class ValuesTest {
    private final Problems problems = new Problems(Path.of("v.yaml"));
    private final Values values = new Values(problems);

    private static Node scalar(String yaml) {
        return new Yaml(SafeYaml.options()).compose(new StringReader(yaml));
    }

    @Test
    void durations() {
        assertEquals(Optional.of(Duration.ofHours(1)), values.duration(scalar("1h"), "d", false));
        assertEquals(Optional.of(Duration.ofMinutes(2)), values.duration(scalar("2m"), "d", false));
        assertEquals(Optional.of(Duration.ofMillis(1500)), values.duration(scalar("1.5s"), "d", false));
        assertEquals(Optional.of(Duration.ofNanos(250_000)), values.duration(scalar("250us"), "d", false));
        assertEquals(Optional.of(Duration.ofNanos(7)), values.duration(scalar("7ns"), "d", false));
        assertEquals(Optional.of(Duration.ZERO), values.duration(scalar("0s"), "d", true));
        assertEquals(Optional.empty(), values.duration(scalar("8d"), "d", false));
        assertEquals(Optional.empty(), values.duration(scalar("8000h"), "d", false));
        assertEquals(2, problems.errors().size(), String.join("\n", problems.errors()));
    }

    @Test
    void sizes() {
        assertEquals(Optional.of(4096L), values.size(scalar("4096"), "s", Values.MAX_SIZE_BYTES));
        assertEquals(Optional.of(8192L), values.size(scalar("8KiB"), "s", Values.MAX_SIZE_BYTES));
        assertEquals(Optional.of(8192L), values.size(scalar("8K"), "s", Values.MAX_SIZE_BYTES));
        assertEquals(Optional.of(3L << 20), values.size(scalar("3 MiB"), "s", Values.MAX_SIZE_BYTES));
        assertEquals(Optional.of(1L << 30), values.size(scalar("1GiB"), "s", Values.MAX_SIZE_BYTES));
        assertEquals(Optional.of(10L), values.size(scalar("10B"), "s", Values.MAX_SIZE_BYTES));
        assertEquals(Optional.empty(), values.size(scalar("99999999999999999999999"), "s", Values.MAX_SIZE_BYTES));
        assertEquals(Optional.empty(), values.size(scalar("1.5KiB"), "s", Values.MAX_SIZE_BYTES));
        assertEquals(2, problems.errors().size(), String.join("\n", problems.errors()));
    }

    /** v2 integers read as YAML 1.2 editors and the schema read them (docs/task-files.md, Numbers). */
    @Test
    void integersReadAsYaml12() {
        assertEquals(Optional.of(8), values.integer(scalar("0o10"), "workers", 1, 4096));
        assertEquals(Optional.of(16), values.integer(scalar("0x10"), "workers", 1, 4096));
        assertEquals(Optional.of(8.0), values.number(scalar("0o10"), "rate", 0, 1e6));
        assertEquals(Optional.of(8L), values.size(scalar("0o10"), "size", Values.MAX_SIZE_BYTES));
        assertEquals(List.of(), problems.errors());
        for (String zero : List.of("09", "08", "010")) {
            assertEquals(Optional.empty(), values.integer(scalar(zero), "repeat", 1, 1000));
        }
        assertEquals(3, problems.errors().size(), String.join("\n", problems.errors()));
        assertTrue(problems.errors().get(0).startsWith("v.yaml:1:1: `repeat` is written `09` with a leading zero, which"
                + " YAML readers disagree about:"), problems.errors().get(0));
        assertTrue(problems.errors().get(0).endsWith("YAML 1.2 (editors checking the schema) reads 9. Write the number"
                + " without the leading zero, e.g. `repeat: 9`."), problems.errors().get(0));
        assertTrue(problems.errors().get(1).contains("`repeat` is written `08` with a leading zero"), problems.errors().get(1));
        for (String underscored : List.of("1_0", "4_096", "0x1_000")) {
            assertEquals(Optional.empty(), values.integer(scalar(underscored), "workers", 1, 100000));
            assertEquals(Optional.empty(), values.size(scalar(underscored), "size", Values.MAX_SIZE_BYTES));
        }
        assertEquals(Optional.empty(), values.number(scalar("1_0.5"), "rate", 0, 1e6));
        List<String> e = problems.errors().subList(3, problems.errors().size());
        assertEquals(7, e.size(), String.join("\n", e));
        assertEquals("v.yaml:1:1: `workers` is written `1_0` with `_` between its digits, which YAML 1.2 readers (editors"
                + " checking the schema) read as text, not a number. Write the digits without '_', e.g. `workers: 10`.",
                e.get(0));
        assertTrue(e.get(5).endsWith("e.g. `size: 0x1000`."), e.get(5));
        assertTrue(e.get(6).endsWith("e.g. `rate: 10.5`."), e.get(6));
    }

    @Test
    void modesAreOctal() {
        assertEquals(Optional.of(0644), values.mode(scalar("\"0644\""), "m"));
        assertEquals(Optional.of(0644), values.mode(scalar("0644"), "m"));
        assertEquals(Optional.of(0644), values.mode(scalar("644"), "m"));
        assertEquals(Optional.of(0755), values.mode(scalar("0o755"), "m"));
        assertEquals(Optional.of(0777), values.mode(scalar("0777"), "m"));
        assertEquals(Optional.empty(), values.mode(scalar("0888"), "m"));
        assertEquals(Optional.empty(), values.mode(scalar("17777"), "m"));
        assertEquals(Optional.empty(), values.mode(scalar("rw-r--r--"), "m"));
        assertEquals(Optional.empty(), values.mode(scalar("7777"), "m")); // setuid, setgid, sticky: the JDK drops them
        assertEquals(4, problems.errors().size());
        assertTrue(problems.errors().get(0).startsWith("v.yaml:1:1: `m` must be permission bits in octal"));
    }

    @Test
    void suggestions() {
        List<String> keys = TaskFileParser.TOP_LEVEL_KEYS;
        assertEquals(Optional.of("workers"), Suggest.nearest("worker", keys));
        assertEquals(Optional.of("workRoot"), Suggest.nearest("workroot", keys));
        assertEquals(Optional.of("warmup"), Suggest.nearest("warm-up", keys));
        assertEquals(Optional.of("duration"), Suggest.nearest("runtime", keys));
        assertEquals(Optional.empty(), Suggest.nearest("banana", keys));
        assertEquals(Optional.of("soft-link"), Suggest.nearest("symlink", TaskFileParser.OP_NAMES));
        assertEquals(Optional.of("remove"), Suggest.nearest("unlink", TaskFileParser.OP_NAMES));
        assertEquals(Optional.of("create-delete"), Suggest.nearest("create_delete", TaskFileParser.OP_NAMES));
        assertEquals(Optional.of("readdir"), Suggest.nearest("readir", TaskFileParser.OP_NAMES));
        assertEquals(Optional.of("posix_spawn"), Suggest.nearest("posix-spawn", TaskFileParser.LAUNCH_NAMES));
    }

    @Test
    void legacySyscallForkRunsAsFork(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        TaskFile tf = TaskFiles.load(TaskFileTesting.write(dir, "old.yaml",
                "- kind: syscall-fork\n  scale: 1\n  files: [/bin/true]\n"));
        assertEquals(org.tracebench.loadgen.op.OpKind.FORK, tf.tasks().get(0).op());
        assertTrue(tf.warnings().get(0).contains("`syscall-fork` is the early loder name of `fork`"));
    }
}
