package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The parser and the JSON schemas editors check with accept and refuse the same files. */
class SchemaAgreementTest {
    @TempDir Path dir;

    @SuppressWarnings("unchecked")
    private static SchemaSubset schema(String name) throws Exception {
        Path p = TaskFileTesting.repoRoot().resolve("tasks/schema/" + name);
        return new SchemaSubset((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(p)));
    }

    /** "" when the parser and the schema agree that {@code file} is {@code valid}; else what each said. */
    private static String disagreement(Path file, boolean valid) throws Exception {
        List<String> parser = new TaskFileParser(file).parseAll().errors();
        Node root = SafeYaml.compose(file, new Problems(file)).orElseThrow();
        SchemaSubset s = schema(root instanceof SequenceNode ? "task-legacy.schema.json" : "task-v2.schema.json");
        List<String> schema = s.errors(SchemaSubset.json(root));
        if (parser.isEmpty() == valid && schema.isEmpty() == valid) return "";
        return file.getFileName() + " (expected " + (valid ? "valid" : "invalid") + "): parser " + parser + ", schema "
                + schema + "\n";
    }

    @Test
    void everyBundledTaskFileIsValidForBoth() throws Exception {
        StringBuilder bad = new StringBuilder();
        int n = 0;
        try (Stream<Path> files = Stream.concat(Files.list(TaskFileTesting.repoRoot().resolve("tasks")),
                Files.list(TaskFileTesting.repoRoot().resolve("tasks/legacy")))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (SafeYaml.topLevelKeys(f).contains("tracers")) continue; // a suite
                bad.append(disagreement(f, true));
                n++;
            }
        }
        assertTrue(n >= 10, "bundled task files found: " + n);
        assertEquals("", bad.toString());
    }

    private Path v2(String top, String task) {
        String text = "workRoot: " + dir.resolve("work") + "\n" + top + "tasks:\n  - {" + task + "}\n";
        return TaskFileTesting.write(dir, "t" + (++written) + ".yaml", text);
    }

    private int written;

    @Test
    void acceptedAndRefusedExamplesAgree() throws Exception {
        List<Object[]> cases = new ArrayList<>();
        for (String p : List.of("true", "yes", "2024", "2024-01-01", "x", "\"{worker}.bin\"")) {
            cases.add(new Object[] {v2("", "op: read, path: " + p), true});
        }
        for (String top : List.of("name: 2024\n", "description: 42\n", "workers: 0x10\n", "workers: 2.0\n", "duration: 30s\n",
                "duration: 0.5ns\n", "duration: 168h\n", "duration: 167.5h\n", "duration: 604800s\n",
                "duration: 10080m\n", "warmup: 0s\n", "warmup: 168h\n", "rate: 0x10\n",
                "workers: 0o10\n", "rate: 0o10\n")) {
            cases.add(new Object[] {v2(top, "op: read, path: x"), true});
        }
        for (String top : List.of("name: \"\"\n", "description: \"\"\n", "workers: 4097\n", "duration: 0s\n",
                "duration: 0.0ms\n", "duration: 200h\n", "duration: 168.5h\n", "duration: 604800.1s\n",
                "duration: 5\n", "warmup: 200h\n", "warmup: -1s\n",
                "workers: 1_0\n", "workers: 4_096\n", "workers: 0x1_0\n", "rate: 1_0.5\n", "workers: 0b11\n",
                "workers: -0x10\n")) {
            cases.add(new Object[] {v2(top, "op: read, path: x"), false});
        }
        for (String size : List.of("4096", "0x1000", "\"8KiB\"", "1GiB", "1024MiB", "1048576K", "1073741824", "007K", "4096.0", "1e3", "0o10")) {
            cases.add(new Object[] {v2("", "op: read, path: x, size: " + size), true});
        }
        for (String size : List.of("0", "\"0\"", "0KiB", "2GiB", "1025MiB", "1073741825", "\"4K_iB\"", "\"4_096\"",
                "8KB", "-1", "4096.5", "4_096", "0x1_000")) {
            cases.add(new Object[] {v2("", "op: read, path: x, size: " + size), false});
        }
        for (String block : List.of("512", "4096", "\"4KiB\"", "4K", "1k", "64MiB", "67108864", "0x1000", "4096.0",
                "\"0004KiB\"", "\"8192B\"", "1M")) {
            cases.add(new Object[] {v2("", "op: direct-read, path: x, blockSize: " + block), true});
        }
        for (String block : List.of("1000", "3KiB", "128MiB", "256", "0", "1GiB", "12288", "4KB", "\"4_096\"", "-4096",
                "511B", "4096.5", "\"2G\"")) {
            cases.add(new Object[] {v2("", "op: direct-read, path: x, blockSize: " + block), false});
        }
        cases.add(new Object[] {v2("", "op: chmod, path: x, mode: 0o755"), true});
        cases.add(new Object[] {v2("", "op: chmod, path: x, mode: 0o644"), true});
        cases.add(new Object[] {v2("", "op: mkdir, path: x, mode: 0755"), true});
        for (String zero : List.of("0", "\"0\"", "0KiB", "\"0 B\"", "0.0")) {
            cases.add(new Object[] {v2("", "op: truncate, path: x, size: " + zero), true});
            cases.add(new Object[] {v2("", "op: write, path: x, size: " + zero), false});
        }
        cases.add(new Object[] {v2("", "op: truncate, path: x, size: -1"), false});
        for (String op : List.of("READ", "hard_link", "Read", "direct_read")) {
            cases.add(new Object[] {v2("", "op: " + op + ", path: x"), false});
        }
        cases.add(new Object[] {v2("launch: vfork\n", "op: execute-subproc, path: /bin/true"), true});
        for (String l : List.of("VFORK", "posix-spawn", "Fork")) {
            cases.add(new Object[] {v2("launch: " + l + "\n", "op: execute-subproc, path: /bin/true"), false});
        }
        cases.add(new Object[] {v2("setup: [{path: s, text: hi}]\n", "op: read, path: s"), true});
        cases.add(new Object[] {v2("setup: [{path: s, text: \"\"}]\n", "op: read, path: s"), false});
        cases.add(new Object[] {v2("", "op: read, path: \"\""), false});
        for (String setup : List.of("{path: s, content: text}", "{path: s, content: random}",
                "{path: s, text: hi, content: zero}", "{path: \"s{iteration}\"}")) {
            cases.add(new Object[] {v2("setup: [" + setup + "]\n", "op: read, path: s"), false});
        }
        cases.add(new Object[] {v2("setup: [{path: \"s{worker}\", content: random, size: 8}]\n", "op: read, path: s"), true});
        cases.add(new Object[] {v2("", "op: read, path: \"a{workers}\""), false});
        cases.add(new Object[] {v2("", "op: read, path: \"a{iteration}\""), true});
        cases.add(new Object[] {TaskFileTesting.write(dir, "w.yaml", "workRoot: \"" + dir + "/{worker}\"\ntasks: [{op: read, path: a}]\n"), false});
        String legacy = "- kind: %s\n  scale: 1\n  files: [%s]\n";
        cases.add(new Object[] {TaskFileTesting.write(dir, "l1.yaml", legacy.formatted("syscall-fork", "/bin/true")), true});
        cases.add(new Object[] {TaskFileTesting.write(dir, "l2.yaml", legacy.formatted("read", "2024")), true});
        cases.add(new Object[] {TaskFileTesting.write(dir, "l3.yaml", legacy.formatted("READ", "a")), false});
        cases.add(new Object[] {TaskFileTesting.write(dir, "l4.yaml", legacy.formatted("read", "\"\"")), false});
        String loderMeant = "- {kind: read, scale: 1, files: [a]}\n- {kind: read, scale: %s}\n"; // loder ran it as written
        for (String s : List.of("-1, files: [a]", "2.5, files: [a]", "0", "1, files: []", "010, files: [a]",
                "0o10, files: [a]", "0b11, files: [a]", "0B11, files: [a]", "0X1F, files: [a]", "0O17, files: [a]",
                "-0x10, files: [a]", "1_000, files: [a]", "0x_1F, files: [a]", "1e2, files: [a]", ".5e1, files: [a]")) {
            cases.add(new Object[] {TaskFileTesting.write(dir, "l" + (++written) + ".yaml", loderMeant.formatted(s)), true});
        }
        for (String s : List.of("0b12, files: [a]", "ten, files: [a]", "0x, files: [a]", "1.2.3, files: [a]",
                "1000001, files: [a]", "\"2\", files: [a]", "\"1e2\", files: [a]")) {
            cases.add(new Object[] {TaskFileTesting.write(dir, "l" + (++written) + ".yaml", loderMeant.formatted(s)), false});
        }
        StringBuilder bad = new StringBuilder();
        for (Object[] c : cases) bad.append(disagreement((Path) c[0], (Boolean) c[1]));
        assertEquals("", bad.toString());
    }

    @Test
    void aNonCanonicalNameIsRefusedWithTheCanonicalSpelling() {
        String all = TaskFileTesting.joined(TaskFileTesting.problems(v2("launch: posix-spawn\n",
                "op: hard_link, path: x")));
        assertTrue(all.contains("Unknown op `hard_link`. Did you mean `hard-link`?"), all);
        assertTrue(all.contains("Unknown launch mechanism `posix-spawn`. Did you mean `posix_spawn`?"), all);
    }
}
