package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.problems;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.OpKind;

class LegacyFormatTest {
    @TempDir Path dir;

    @Test
    void loderExampleParsesUnchanged() throws Exception {
        Path f = Path.of(getClass().getResource("/tasks/loder-legacy.yaml").toURI());
        TaskFile tf = TaskFiles.load(f);
        assertEquals(TaskFile.Format.LEGACY, tf.format());
        assertEquals("loder-legacy", tf.name());
        assertEquals(9, tf.tasks().size());
        TaskSpec first = tf.tasks().get(0);
        assertEquals(OpKind.WRITE, first.op());
        assertEquals(2, first.repeat());
        assertEquals(List.of("loder-%d-a.txt", "loder-%d-b.txt", "loder-%d-c.txt"), first.paths());
        assertEquals(OpOptions.DEFAULTS, first.options());
        assertEquals(6, first.location().line());
        assertEquals(3, first.location().column());
        assertEquals(9, first.pathLocations().get(0).line());
        assertEquals(OpKind.EXECUTE_SUBTHREAD, tf.tasks().get(8).op());
        assertTrue(tf.workers().isEmpty() && tf.duration().isEmpty() && tf.workRoot().isEmpty(),
                "legacy files carry no run parameters");
        assertEquals(Launch.VFORK, tf.effectiveLaunch(), "exec ops without fork default to VFORK");
        assertEquals(List.of(), tf.warnings());
    }

    @Test
    void legacyPercentDIsTheWorkerId() {
        assertEquals("/tmp/loder-3.txt", Placeholders.expand("/tmp/loder-%d.txt", 3, 99));
        assertEquals("w1-i7-1", Placeholders.expand("w{worker}-i{iteration}-%d", 1, 7));
    }

    @Test
    void scaleZeroOrMissingIsSkippedAsLoderDid() throws Exception {
        Path f = write(dir, "t.yaml", """
                - kind: read
                  files: [a.txt]
                - kind: write
                  scale: 0
                  files: [a.txt]
                - kind: write
                  scale: 3
                  files: [a.txt]
                """);
        TaskFile tf = TaskFiles.load(f);
        assertEquals(1, tf.tasks().size());
        assertEquals(3, tf.tasks().get(0).repeat());
        assertEquals(2, tf.warnings().size(), joined(tf.warnings()));
        assertTrue(tf.warnings().get(0).startsWith(f + ":1:3: warning: `scale` is missing"), tf.warnings().get(0));
        assertTrue(tf.warnings().get(1).startsWith(f + ":4:10: warning: `scale` is 0"), tf.warnings().get(1));
    }

    @Test
    void everyLoderKindIsAccepted() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("read", "direct-read", "write", "direct-write", "execute-subproc", "execute-subthread",
                "fork", "create-delete", "chmod", "chown", "mkdir", "remove", "rename", "hard-link", "soft-link")) {
            String file = k.startsWith("exec") || k.equals("fork") ? "/bin/true" : "f-%d";
            sb.append("- kind: ").append(k).append("\n  scale: 1\n  files: [").append(file).append("]\n");
        }
        TaskFile tf = TaskFiles.load(write(dir, "all.yaml", sb.toString()));
        assertEquals(15, tf.tasks().size());
        assertEquals(Launch.FORK, tf.effectiveLaunch(), "a fork op makes the whole file use FORK");
    }

    @Test
    void legacyUnknownKeyAndKindAreReportedWithSuggestions() {
        Path f = write(dir, "bad.yaml", """
                - kind: raed
                  scael: 1
                  files: [a]
                """);
        String all = joined(problems(f));
        assertTrue(all.contains(f + ":1:9: Unknown op `raed`. Did you mean `read`?"), all);
        assertTrue(all.contains(f + ":2:3: Unknown key `scael` in a legacy loder task. Did you mean `scale`?"), all);
    }

    @Test
    void legacyFilesMustBeAList() {
        Path f = write(dir, "bad.yaml", "- kind: read\n  scale: 1\n  files: a.txt\n");
        String all = joined(problems(f));
        assertTrue(all.contains(f + ":3:10: `files` must be a non-empty list of paths"), all);
    }

    @Test
    void bracesThatAreNoPlaceholderStayLiteralInLegacyFiles() throws Exception {
        TaskFile tf = TaskFiles.load(write(dir, "braces.yaml", "- kind: write\n  scale: 1\n  files: [\"x-{id}-%d\"]\n"));
        assertEquals(List.of("x-{id}-%d"), tf.tasks().get(0).paths());
        assertEquals("x-{id}-4", Placeholders.expand("x-{id}-%d", 4, 0));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(LegacyFormatTest.class.getResource(name).toURI());
    }
}
