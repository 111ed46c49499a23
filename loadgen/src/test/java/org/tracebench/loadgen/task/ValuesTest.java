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
