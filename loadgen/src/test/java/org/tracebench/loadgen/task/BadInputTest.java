package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.problems;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every class of bad input is refused with file:line:column and what was expected. */
class BadInputTest {
    @TempDir Path dir;

    private String all(String yaml) {
        return joined(problems(write(dir, "t.yaml", yaml)));
    }

    private String at(String lineCol) {
        return dir.resolve("t.yaml") + ":" + lineCol + ": ";
    }

    /** `load` (and so `tracebench load`) lists problems down the file, as `validate` does, whatever order keys have. */
    @Test
    void loadListsProblemsInFileOrder() {
        Path f = write(dir, "t.yaml", "tasks:\n  - {op: reed, path: x}\nworkers: 0\nname: \"\"\n");
        List<String> loaded = problems(f);
        assertEquals(3, loaded.size(), joined(loaded));
        assertTrue(loaded.get(0).startsWith(at("2:10")) && loaded.get(1).startsWith(at("3:10"))
                && loaded.get(2).startsWith(at("4:7")), joined(loaded));
        assertEquals(TaskFiles.validate(f, null, List.of(), java.util.OptionalInt.empty()).problems(), loaded);
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        String all = all("tasks:\n  - op: read\n    path: \"unclosed\n");
        assertTrue(all.startsWith(at("4:1") + "Malformed YAML: the file ends, inside the quoted text that starts at "
                + "line 3, column 11;"), all);
        assertTrue(all.contains("expected a YAML task file"), all);
        String indent = all("tasks:\n  - op: read\n   path: x\n");
        assertTrue(indent.startsWith(at("3:4") + "Malformed YAML: expected the end of the indented block, but found "
                + "a more indented map, in the list that starts at line 2, column 3;"), indent);
        assertTrue(indent.contains("Check the indentation"), indent);
        assertFalse(indent.contains("<"), indent);
    }

    @Test
    void unquotedPlaceholderInFlowStyleGetsAHint() {
        String all = all("tasks:\n  - {op: read, path: a-{worker}}\n");
        assertTrue(all.startsWith(at("2:24") + "Malformed YAML"), all);
        assertTrue(all.contains("quote paths that hold placeholders"), all);
    }

    @Test
    void unknownKeysSuggestTheNearestValidKey() {
        String all = all("""
                worker: 2
                durration: 3s
                work_root: /tmp/x
                tasks:
                  - op: read
                    path: a
                    blocksize: 4096
                    files: [b]
                """);
        assertTrue(all.contains(at("1:1") + "Unknown key `worker` in the task file. Did you mean `workers`?"), all);
        assertTrue(all.contains(at("2:1") + "Unknown key `durration` in the task file. Did you mean `duration`?"), all);
        assertTrue(all.contains(at("3:1") + "Unknown key `work_root` in the task file. Did you mean `workRoot`?"), all);
        assertTrue(all.contains(at("7:5") + "Unknown key `blocksize` in a task. Did you mean `blockSize`?"), all);
        assertTrue(all.contains(at("8:5") + "Unknown key `files` in a task. Did you mean `paths`?"), all);
        assertTrue(all.contains("Expected one of: name, description, workers,"), all);
    }

    @Test
    void unknownOpSuggestsTheNearestOp() {
        String all = all("tasks:\n  - op: wirte\n    path: a\n  - op: hardlink\n    path: b\n  - op: zzzzzz\n    path: c\n");
        assertTrue(all.contains(at("2:9") + "Unknown op `wirte`. Did you mean `write`?"), all);
        assertTrue(all.contains(at("4:9") + "Unknown op `hardlink`. Did you mean `hard-link`?"), all);
        assertTrue(all.contains(at("6:9") + "Unknown op `zzzzzz`. Expected one of: read, direct-read,"), all);
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
        String all = all("""
                name: [a, b]
                workers: four
                rate: fast
                tasks:
                  - op: read
                    path: a
                    repeat: 1.5
                    size: [1]
                """);
        assertTrue(all.contains(at("1:7") + "`name` must be text; found a list."), all);
        assertTrue(all.contains(at("2:10") + "`workers` must be a whole number from 1 to 4096; found the text `four`."), all);
        assertTrue(all.contains(at("3:7") + "`rate` must be a number greater than 0 and at most 1000000; found the text `fast`."), all);
        assertTrue(all.contains(at("7:13") + "`repeat` must be a whole number from 1 to 1000000; found the number 1.5."), all);
        assertTrue(all.contains(at("8:11") + "`size` must be a size in bytes greater than 0"), all);
        String tasksMap = all("tasks:\n  op: read\n");
        assertTrue(tasksMap.contains(at("2:3") + "`tasks` must be a non-empty list of operations"), tasksMap);
        String scalarRoot = all("just text\n");
        assertTrue(scalarRoot.contains(at("1:1") + "Expected a v2 task map"), scalarRoot);
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        List<String> p = problems(write(dir, "t.yaml", "workers: 0\nduration: soon\ntasks:\n  - op: nope\n    path: a\n"));
        assertEquals(3, p.size(), joined(p));
    }

    @Test
    void badDurations() {
        String all = all("duration: 30\nwarmup: 30 sec\nrate: 0\ntasks:\n  - {op: stat, path: /}\n");
        assertTrue(all.contains(at("1:11") + "`duration` must be a duration with a unit, such as 30s, 500ms or 2m; "
                + "found the number 30. Add a unit: `30s` means seconds."), all);
        assertTrue(all.contains(at("2:9") + "`warmup` must be a duration with a unit"), all);
        assertTrue(all.contains(at("3:7") + "`rate` must be a number greater than 0"), all);
        String zero = all("duration: 0s\ntasks:\n  - {op: stat, path: /}\n");
        assertTrue(zero.contains(at("1:11") + "`duration` must be longer than zero"), zero);
    }

    @Test
    void badSizesAndBlockSizes() {
        String all = all("""
                tasks:
                  - {op: read, path: a, size: 8KB}
                  - {op: read, path: a, size: 0}
                  - {op: read, path: a, size: -4}
                  - {op: write, path: a, size: 2GiB}
                  - {op: direct-read, path: a, blockSize: 1000}
                  - {op: direct-write, path: a, blockSize: 256}
                  - {op: chown, path: a, size: 4096}
                  - {op: stat, path: a, size: 4096}
                  - {op: write, path: a, mode: "0644"}
                  - {op: chmod, path: a, mode: "0999"}
                """);
        assertTrue(all.contains(at("2:31") + "`size` uses `KB`, which is ambiguous (1000 or 1024?); write 8KiB"), all);
        assertTrue(all.contains(at("3:31") + "`size` must be a size in bytes greater than 0"), all);
        assertTrue(all.contains(at("4:31") + "`size` must be a size in bytes greater than 0"), all);
        assertTrue(all.contains(at("5:32") + "`size` is larger than 1073741824 bytes"), all);
        assertTrue(all.contains(at("6:43") + "`blockSize` must be a power of two and a multiple of 512 bytes"), all);
        assertTrue(all.contains(at("7:44") + "`blockSize` must be a power of two"), all);
        assertTrue(all.contains(at("8:26") + "`size` does not apply to `chown`; it applies to [direct-read, "
                + "direct-write, fsync, read, truncate, write]."), all);
        assertTrue(all.contains(at("9:25") + "`size` does not apply to `stat`"), all);
        assertTrue(all.contains(at("10:26") + "`mode` does not apply to `write`"), all);
        assertTrue(all.contains(at("11:32") + "`mode` must be permission bits in octal"), all);
    }

    @Test
    void missingExecTargetsAreCaughtAtValidation() throws Exception {
        Files.writeString(dir.resolve("plain.txt"), "not a program");
        String all = all("""
                tasks:
                  - {op: execute-subproc, path: /no/such/binary}
                  - {op: execute-subthread, path: no-such-program-tracebench}
                  - {op: fork, path: bin/relative}
                  - {op: execute-subproc, path: PLAIN}
                """.replace("PLAIN", dir.resolve("plain.txt").toString()) + """
                """);
        assertTrue(all.contains(at("2:33") + "The exec target /no/such/binary does not exist;"), all);
        assertTrue(all.contains(at("3:35") + "The exec target `no-such-program-tracebench` is not found on PATH"), all);
        assertTrue(all.contains(at("4:22") + "The exec target `bin/relative` is a relative path;"), all);
        assertTrue(all.contains(at("5:33") + "The exec target " + dir.resolve("plain.txt") + " is not executable;"), all);
    }

    @Test
    void anExecTargetTheKernelCannotLoadIsRefused() throws Exception {
        java.nio.file.attribute.FileAttribute<?> rwx = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bare = Files.writeString(Files.createFile(dir.resolve("noshebang.sh"), rwx), "exit 0\n");
        Path empty = Files.createFile(dir.resolve("empty"), rwx);
        Path script = Files.writeString(Files.createFile(dir.resolve("script.sh"), rwx), "#!/bin/sh\nexit 0\n");
        String all = all("tasks:\n  - {op: execute-subproc, path: " + bare + "}\n"
                + "  - {op: fork, path: " + empty + "}\n"
                + "  - {op: execute-subthread, path: " + script + "}\n"
                + "  - {op: execute-subproc, path: /bin/true}\n");
        assertTrue(all.contains(at("2:33") + "The exec target " + bare + " is neither an ELF binary nor a script starting"
                + " with `#!`;"), all);
        assertTrue(all.contains("Add a `#!` line (e.g. `#!/bin/sh`) as its first line."), all);
        assertTrue(all.contains(at("3:22") + "The exec target " + empty + " is neither"), all);
        assertEquals(2, all.split("is neither an ELF", -1).length - 1, "a #! script and an ELF binary are fine: " + all);
    }

    @Test
    void unknownPlaceholdersAndIterationInSetup() {
        String all = all("""
                setup:
                  - path: "s-{iteration}"
                tasks:
                  - op: write
                    path: "f-{workers}"
                """);
        assertTrue(all.contains(at("2:11") + "`{iteration}` cannot be used in setup"), all);
        assertTrue(all.contains(at("5:11") + "`{workers}` is not a placeholder. Did you mean `worker`?"), all);
    }

    @Test
    void duplicateKeysMissingFieldsAndConflicts() {
        String all = all("""
                workers: 1
                workers: 2
                tasks:
                  - op: read
                  - path: a
                  - {op: read, path: a, paths: [b]}
                  - {op: write, path: [a, b]}
                """);
        assertTrue(all.contains(at("2:1") + "The key `workers` appears twice in the task file (first at " + at("1:1")
                .replace(": ", "") + ")"), all);
        assertTrue(all.contains(at("4:5") + "This task has no `path` or `paths`"), all);
        assertTrue(all.contains(at("5:5") + "The key `op` is missing; expected the operation"), all);
        assertTrue(all.contains(at("6:25") + "A task takes `path` (one) or `paths` (a list), not both."), all);
        assertTrue(all.contains(at("7:23") + "`path` takes one path; use `paths` for a list."), all);
        String noTasks = all("name: x\n");
        assertTrue(noTasks.contains(at("1:1") + "The task file has no `tasks`"), noTasks);
    }

    @Test
    void setupEntryConflicts() {
        String all = all("""
                setup:
                  - {path: d, type: directory, size: 4KiB}
                  - {path: t, text: hello, content: zero}
                  - {path: r, content: random}
                  - {path: x, type: folder}
                  - {path: d, type: directory}
                tasks:
                  - {op: stat, path: d}
                """);
        assertTrue(all.contains(at("2:32") + "`size` applies to files only"), all);
        assertTrue(all.contains(at("3:37") + "`text` is given, so `content` must be `text` (or be left out)."), all);
        assertTrue(all.contains(at("4:24") + "`content: random` needs a `size`"), all);
        assertTrue(all.contains(at("5:21") + "`type` must be one of file, directory; found `folder`."), all);
    }

    @Test
    void arbitraryTagsAreRefusedAndNothingIsConstructed() {
        Path marker = dir.resolve("constructed-marker");
        String global = all("name: !!java.io.File [\"" + marker + "\"]\ntasks:\n  - {op: stat, path: /}\n");
        assertTrue(global.startsWith(at("1:7") + "The tag `!!java.io.File` is not allowed"), global);
        String engine = all("tasks:\n  - {op: stat, path: !!javax.script.ScriptEngineManager [a]}\n");
        assertTrue(engine.startsWith(at("2:22") + "The tag `!!javax.script.ScriptEngineManager` is not allowed"), engine);
        String local = all("name: !foo x\ntasks:\n  - {op: stat, path: !bar /}\n");
        assertTrue(local.contains(at("1:7") + "The tag `!foo` is not allowed"), local);
        assertTrue(local.contains(at("3:22") + "The tag `!bar` is not allowed"), local);
        String set = all("name: !!set {a, b}\ntasks:\n  - {op: stat, path: /}\n");
        assertTrue(set.contains(at("1:7") + "The tag `!!set` is not allowed"), set);
        assertFalse(Files.exists(marker));
        String both = all("tasks:\n  - {op: read, path: !!java.io.File a}\n  - {op: read, path: !foo a}\n");
        assertTrue(both.contains(at("2:22") + "The tag `!!java.io.File` is not allowed"), both);
        assertTrue(both.contains(at("3:22") + "The tag `!foo` is not allowed"), both);
    }

    @Test
    void aSuiteFileIsOneSentenceNamingTheRunCommand() {
        Path suite = write(dir, "s.yaml", "name: quick\ntasks: [a.yaml]\ntracers: [strace, bpftrace]\nworkers: 2\n");
        assertEquals(List.of(suite + ":3:1: This is a suite file (it has `tracers:`), not a task file; run it "
                + "with `tracebench run`."), problems(suite));
    }

    @Test
    void aPipeIsReadToItsEndWhateverItsSize() throws Exception {
        Path src = write(dir, "src.yaml", "tasks:\n  - {op: stat, path: /}\n");
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Process writer = new ProcessBuilder("sh", "-c", "cat \"$1\" > \"$2\"", "sh", src.toString(), fifo.toString())
                .start();
        TaskFile tf = TaskFiles.load(fifo);
        assertEquals(0, writer.waitFor());
        assertEquals(1, tf.tasks().size());
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) sb.append(i == 0 ? "" : ", ").append('*').append(prev);
            sb.append("]\n");
            prev = c;
        }
        sb.append("tasks:\n  - {op: stat, path: /}\n");
        List<String> all = problems(write(dir, "bomb.yaml", sb.toString()));
        // a..c are 10 + 10 aliases; the 21st is the first alias on d's line
        assertEquals(List.of(dir.resolve("bomb.yaml") + ":4:8: `*c` is alias number 21 of a list or map; a file may "
                + "repeat lists and maps through aliases at most " + SafeYaml.MAX_COLLECTION_ALIASES + " times, so that "
                + "a small file cannot expand into a huge one."), all);
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "name: " + "[".repeat(200) + "]".repeat(200) + "\ntasks:\n  - {op: stat, path: /}\n";
        List<String> all = problems(write(dir, "deep.yaml", deep));
        assertEquals(List.of(dir.resolve("deep.yaml") + ":1:26: This list or map is nested 21 levels deep; task and "
                + "suite files allow at most " + SafeYaml.MAX_NESTING_DEPTH + " levels of lists and maps."), all);
    }

    @Test
    void oversizedDocumentIsRefusedBeforeParsing() {
        String big = "description: \"" + "x".repeat(SafeYaml.MAX_BYTES) + "\"\ntasks:\n  - {op: stat, path: /}\n";
        String all = joined(problems(write(dir, "big.yaml", big)));
        assertTrue(all.startsWith(dir.resolve("big.yaml") + ":1:1: The file is larger than " + SafeYaml.MAX_BYTES
                + " bytes, the limit for task and suite files"), all);
    }

    @Test
    void emptyMissingMultiDocumentAndNonUtf8Files() throws Exception {
        assertTrue(all("").contains(at("1:1") + "The file is empty"));
        assertTrue(joined(problems(dir.resolve("absent.yaml"))).contains("absent.yaml: The file does not exist."));
        assertEquals(List.of(dir + ": This is a directory; expected a task file."), problems(dir));
        String multi = all("tasks: []\n---\ntasks: []\n");
        assertEquals(at("2:1") + "A second YAML document starts here; a task or suite file holds exactly one, so "
                + "remove this `---` line or split the file.", multi);
        Path bin = dir.resolve("bin.yaml");
        Files.write(bin, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertTrue(joined(problems(bin)).contains("The file is not valid UTF-8 text"));
    }
}
