package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.problems;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.OpKind;

class V2FormatTest {
    @TempDir Path dir;

    @Test
    void everyFieldIsRead() throws Exception {
        Path f = write(dir, "sub/full.yaml", """
                name: full
                description: Every field at once.
                workers: 3
                duration: 1.5s
                warmup: 500ms
                rate: 250.5
                workRoot: work
                launch: fork
                setup:
                  - path: data/{worker}.bin
                    size: 8KiB
                    content: random
                    mode: "0600"
                  - path: zeros.bin
                    size: 4096
                    content: zero
                  - path: hello.txt
                    text: "hi\\n"
                  - path: empty.txt
                  - path: dirs
                    type: directory
                    mode: 755
                tasks:
                  - op: read
                    paths: ["data/{worker}.bin", zeros.bin]
                    size: 1KiB
                    repeat: 2
                  - op: direct-read
                    path: data/{worker}.bin
                    blockSize: 4KiB
                  - op: write
                    path: out-{worker}-{iteration}
                    size: 1MiB
                  - op: chmod
                    path: hello.txt
                    mode: "0o640"
                  - op: mkdir
                    path: dirs/d%d
                  - op: fork
                    path: /bin/true
                    args: [--version, 3]
                    launch: fork
                  - op: execute-subproc
                    path: true
                """);
        TaskFile tf = TaskFiles.load(f);
        assertEquals(List.of(), tf.warnings(), joined(tf.warnings()));
        assertEquals(TaskFile.Format.V2, tf.format());
        assertEquals("full", tf.name());
        assertEquals("Every field at once.", tf.description());
        assertEquals(3, tf.workers().getAsInt());
        assertEquals(Duration.ofMillis(1500), tf.duration().get());
        assertEquals(Duration.ofMillis(500), tf.warmup().get());
        assertEquals(250.5, tf.rate().getAsDouble());
        assertEquals(dir.resolve("sub/work").toAbsolutePath(), tf.workRoot().get(),
                "a relative workRoot resolves against the task file's directory");
        assertEquals(Launch.FORK, tf.launch().get());

        assertEquals(5, tf.setup().size());
        SetupFile s0 = tf.setup().get(0);
        assertEquals("data/{worker}.bin", s0.path());
        assertEquals(SetupFile.Kind.FILE, s0.kind());
        assertEquals(8192, s0.sizeBytes());
        assertEquals(SetupFile.Content.RANDOM, s0.content());
        assertEquals(0600, s0.mode());
        assertEquals(10, s0.location().line());
        assertEquals(SetupFile.Content.ZERO, tf.setup().get(1).content());
        assertEquals(4096, tf.setup().get(1).sizeBytes());
        assertEquals(SetupFile.Content.TEXT, tf.setup().get(2).content());
        assertEquals("hi\n", tf.setup().get(2).text());
        assertEquals(0, tf.setup().get(3).sizeBytes());
        assertEquals(SetupFile.Kind.DIRECTORY, tf.setup().get(4).kind());
        assertEquals(0755, tf.setup().get(4).mode(), "an unquoted 755 is read as octal, like chmod");

        List<TaskSpec> t = tf.tasks();
        assertEquals(7, t.size());
        assertEquals(OpKind.READ, t.get(0).op());
        assertEquals(List.of("data/{worker}.bin", "zeros.bin"), t.get(0).paths());
        assertEquals(1024, t.get(0).options().sizeBytes());
        assertEquals(2, t.get(0).repeat());
        assertEquals(25, t.get(0).pathLocations().get(1).line());
        assertEquals(4096, t.get(1).options().blockSizeBytes());
        assertEquals(1 << 20, t.get(2).options().sizeBytes());
        assertEquals(0640, t.get(3).options().mode());
        assertNull(t.get(4).options().mode());
        assertEquals(List.of("--version", "3"), t.get(5).options().args());
        assertEquals(Launch.FORK, t.get(5).options().launch());
        assertEquals(List.of("true"), t.get(6).paths(), "a bare name is looked up on PATH, even one YAML would read as a boolean");
        assertEquals(1, t.get(6).repeat());
    }

    @Test
    void defaultsWhenOptionalFieldsAreAbsent() throws Exception {
        TaskFile tf = TaskFiles.load(write(dir, "min.yaml", "tasks:\n  - op: stat\n    path: /\n"));
        assertEquals("min", tf.name());
        assertEquals("", tf.description());
        assertTrue(tf.workers().isEmpty() && tf.duration().isEmpty() && tf.warmup().isEmpty()
                && tf.rate().isEmpty() && tf.workRoot().isEmpty());
        assertEquals(Launch.POSIX_SPAWN, tf.launch().get());
        assertEquals(TaskFiles.DEFAULT_WORK_ROOT, TaskFiles.effectiveWorkRoot(tf, null));
        assertEquals(Path.of("/x/y"), TaskFiles.effectiveWorkRoot(tf, Path.of("/x/y")));
        assertEquals(OpOptions.DEFAULT_SIZE_BYTES, tf.tasks().get(0).options().sizeBytesOrDefault());
    }

    @Test
    void launchDefaultsToForkWithAForkOpAndToTheAgreedTaskValue() throws Exception {
        TaskFile fork = TaskFiles.load(write(dir, "f.yaml", "tasks:\n  - {op: fork, path: /bin/true}\n"));
        assertEquals(Launch.FORK, fork.launch().get());
        TaskFile vfork = TaskFiles.load(write(dir, "v.yaml", """
                tasks:
                  - {op: execute-subproc, path: /bin/true, launch: vfork}
                  - {op: execute-subthread, path: /bin/true, launch: vfork}
                """));
        assertEquals(Launch.VFORK, vfork.effectiveLaunch());
    }

    @Test
    void disagreeingLaunchValuesAreRefusedWithTheReason() {
        Path f = write(dir, "l.yaml", """
                launch: posix_spawn
                tasks:
                  - {op: execute-subproc, path: /bin/true, launch: vfork}
                """);
        String all = joined(problems(f));
        assertTrue(all.contains(f + ":3:5: `launch: vfork` here disagrees with `launch: posix_spawn` at " + f
                + ":1:9; the JDK reads the launch mechanism once per process"), all);
    }

    @Test
    void explicitNonForkLaunchWithAForkOpIsRefused() {
        Path f = write(dir, "l.yaml", "launch: vfork\ntasks:\n  - {op: fork, path: /bin/true}\n");
        String all = joined(problems(f));
        assertTrue(all.contains(f + ":3:5: The `fork` op needs the FORK launch mechanism, but `launch: vfork` is set at "
                + f + ":1:9."), all);
        assertTrue(all.contains("Remove `launch` or set it to `fork`."), all);
    }

    @Test
    void opsOnFilesThatWillNotExistAreWarnedAbout() throws Exception {
        Path f = write(dir, "w.yaml", """
                setup:
                  - {path: small.bin, size: 512}
                  - {path: t.txt, text: "ab", size: 5}
                tasks:
                  - {op: direct-read, path: "never-{iteration}.bin"}
                  - {op: stat, path: /nonexistent/tracebench/x}
                  - {op: direct-read, path: small.bin, blockSize: 4KiB}
                  - {op: write, path: "made-{worker}-{iteration}"}
                  - {op: read, path: "made-%d-{iteration}"}
                  - {op: chmod, path: fixed-made-by-the-load-generator}
                  - {op: stat, path: /var/tmp/tracebench/made-by-the-load-generator-too}
                """);
        TaskFile tf = TaskFiles.load(f);
        String all = joined(tf.warnings());
        assertEquals(3, tf.warnings().size(), all);
        assertTrue(all.contains(f + ":5:29: warning: `direct-read` acts on `never-{iteration}.bin`, which differs "
                + "per iteration, and no earlier task writes it"), all);
        assertTrue(all.contains(f + ":6:22: warning: `stat` acts on /nonexistent/tracebench/x, which does not exist"), all);
        assertTrue(all.contains(f + ":7:29: warning: `direct-read` reads blocks of 4096 bytes but the setup file"), all);
        assertEquals(5, tf.setup().get(1).sizeBytes(), "text with a size is repeated up to the size");
    }

    @Test
    void byteOrderMarkAndCrLfLineEndingsAreAccepted() throws Exception {
        Path f = dir.resolve("bom.yaml");
        java.nio.file.Files.writeString(f, "\uFEFFname: bom\r\ntasks:\r\n  - op: stat\r\n    path: /\r\n");
        TaskFile tf = TaskFiles.load(f);
        assertEquals("bom", tf.name());
        assertEquals(3, tf.tasks().get(0).location().line());
    }

    /** `truncate` documents a default size of 0, so `size: 0` is accepted there (and only there). */
    @Test
    void truncateTakesSizeZero(@TempDir Path d) throws Exception {
        TaskFile tf = TaskFiles.load(TaskFileTesting.write(d, "t.yaml",
                "tasks:\n  - {op: truncate, path: x, size: 0}\n  - {op: truncate, path: y, size: 0KiB}\n"));
        assertEquals(0, tf.tasks().get(0).options().sizeBytes());
        assertEquals(0, tf.tasks().get(1).options().sizeBytes());
        String read = joined(TaskFileTesting.problems(TaskFileTesting.write(d, "r.yaml",
                "tasks:\n  - {op: read, path: x, size: 0}\n")));
        assertTrue(read.contains("`size` must be a size in bytes greater than 0"), read);
        String negative = joined(TaskFileTesting.problems(TaskFileTesting.write(d, "n.yaml",
                "tasks:\n  - {op: truncate, path: x, size: -1}\n")));
        assertTrue(negative.contains("`size` must be a size in bytes, 0 or more, such as 0, 4096 or 8KiB"), negative);
    }
}
