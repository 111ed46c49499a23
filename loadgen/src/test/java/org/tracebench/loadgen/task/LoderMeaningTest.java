package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.problems;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.OpKind;

/**
 * Legacy files mean what they meant to loder, whose YAML reader was Go's yaml.v3 (checked against loder built from
 * its source): octal and fractional scales, negative scales, tasks without files and merge keys.
 */
class LoderMeaningTest {
    @TempDir Path dir;

    private TaskFile legacy(String scale) throws Exception {
        return TaskFiles.load(write(dir, "s.yaml", "- kind: write\n  scale: " + scale + "\n  files: [a-%d]\n"));
    }

    @Test
    void scalesAreReadAsLoderReadThem() throws Exception {
        for (String[] c : new String[][] {{"010", "8"}, {"0o10", "8"}, {"0b11", "3"}, {"0x1F", "31"}, {"09", "9"},
                {"1_0", "10"}, {"2.5", "2"}, {"2.0", "2"}, {"1e3", "1000"}, {"007", "7"}}) {
            assertEquals(Integer.parseInt(c[1]), legacy(c[0]).tasks().get(0).repeat(), "scale: " + c[0]);
        }
    }

    @Test
    void anOctalOrFractionalScaleIsWarnedAbout() throws Exception {
        Path f = dir.resolve("s.yaml");
        assertEquals(List.of(f + ":2:10: warning: `scale: 010` has a leading zero, so loder's YAML reader (yaml.v3) "
                + "read it as octal: loder ran this task 8 times per iteration, and so does tracebench. Write "
                + "`scale: 8` to keep that, or `scale: 10` if that was meant."), legacy("010").warnings());
        assertEquals(List.of(f + ":2:10: warning: `scale: 2.5` is not a whole number; loder's YAML reader (yaml.v3) "
                + "dropped the fraction, so loder ran this task 2 times per iteration, and so does tracebench. Write "
                + "`scale: 2`."), legacy("2.5").warnings());
        for (String plain : List.of("007", "0o10", "2.0", "12")) assertEquals(List.of(), legacy(plain).warnings(), plain);
    }

    @Test
    void aNegativeScaleIsSkippedLikeZero() throws Exception {
        Path f = write(dir, "n.yaml", "- {kind: write, scale: 1, files: [n-%d]}\n- {kind: read, scale: -1, files: [n-%d]}\n"
                + "- {kind: read, scale: 0.5, files: [n-%d]}\n");
        TaskFile tf = TaskFiles.load(f);
        assertEquals(List.of(OpKind.WRITE), tf.tasks().stream().map(TaskSpec::op).toList());
        assertEquals(List.of(f + ":2:23: warning: `scale` is -1, so loder ran this `read` task zero times; it is "
                + "skipped here too.", f + ":3:23: warning: `scale` is 0.5, so loder ran this `read` task zero times; "
                + "it is skipped here too."), tf.warnings());
    }

    @Test
    void whatLoderCouldNotReadIsStillRefused() {
        for (String bad : List.of("\"2\"", "true", "1:30", "x", "[1]", "1000001", "'010'")) {
            String all = joined(problems(write(dir, "b.yaml", "- kind: write\n  scale: " + bad + "\n  files: [a]\n")));
            assertTrue(all.contains("b.yaml:2:10: `scale` must be a whole number from 0 to 1000000; found "), bad + ": " + all);
        }
    }

    @Test
    void tasksWithoutFilesAreSkippedAsLoderDidNothingForThem() throws Exception {
        Path f = write(dir, "f.yaml", """
                - kind: write
                  scale: 1
                  files: [e-%d.txt]
                - kind: read
                  scale: 0
                - kind: read
                  scale: 1
                  files: []
                - kind: stat
                  scale: 2
                """);
        TaskFile tf = TaskFiles.load(f);
        assertEquals(1, tf.tasks().size());
        assertEquals(List.of(f + ":5:10: warning: `scale` is 0, so loder ran this `read` task zero times; it is skipped "
                + "here too.", f + ":8:10: warning: This `read` task has an empty `files` list, so loder did nothing for "
                + "it; it is skipped here too. Give it paths, e.g. `files: [loder-%d.txt]`, or remove it.",
                f + ":9:3: warning: This `stat` task has no `files` list, so loder did nothing for it; it is skipped here "
                + "too. Give it paths, e.g. `files: [loder-%d.txt]`, or remove it."), tf.warnings());
    }

    @Test
    void aFileWhoseEveryTaskIsSkippedIsRefused() {
        Path f = write(dir, "z.yaml", "- {kind: read, scale: -2, files: [a]}\n- {kind: read, scale: 1, files: []}\n");
        assertEquals(List.of(f + ":1:1: Every legacy task is skipped (scale 0 or less, or no files), so there is "
                + "nothing to run; expected a task with `scale: 1` or more and a list of `files`."), problems(f));
    }

    @Test
    void mergeKeysWorkInLegacyFiles() throws Exception {
        TaskFile tf = TaskFiles.load(write(dir, "m.yaml", """
                - &base
                  kind: write
                  scale: 3
                  files: [m-%d.txt]
                - <<: *base
                  kind: read
                """));
        assertEquals(List.of(OpKind.WRITE, OpKind.READ), tf.tasks().stream().map(TaskSpec::op).toList());
        assertEquals(3, tf.tasks().get(1).repeat());
        assertEquals(List.of("m-%d.txt"), tf.tasks().get(1).paths());
        assertEquals(4, tf.tasks().get(1).pathLocations().get(0).line(), "a merged value is located where it is written");
    }

    @Test
    void mergeKeysWorkInV2FilesAndTheirProblemsAreLocated() throws Exception {
        TaskFile tf = TaskFiles.load(write(dir, "v.yaml", """
                tasks:
                  - &r {op: write, path: a, size: 8KiB}
                  - {<<: *r, path: b}
                  - {<<: [*r], op: read, path: a}
                """));
        assertEquals(List.of(8192, 8192, 8192), tf.tasks().stream().map(t -> t.options().sizeBytes()).toList());
        assertEquals(List.of("a", "b", "a"), tf.tasks().stream().map(t -> t.paths().get(0)).toList());
        Path bad = write(dir, "w.yaml", "tasks:\n  - &r {op: write, path: a, size: 8KB}\n  - {<<: *r, path: b}\n");
        List<String> all = problems(bad);
        assertEquals(1, all.size(), joined(all));
        assertTrue(all.get(0).startsWith(bad + ":2:35: `size` uses `KB`"), joined(all));
        Path notAMap = write(dir, "x.yaml", "p: &p a\ntasks:\n  - {<<: 5, op: read, path: a}\n  - {<<: *p, op: read}\n");
        String takes = "A merge key (`<<`) takes a map, an alias of one (`<<: *base`, where `&base` marks a map) or a "
                + "list of them; found ";
        assertEquals(List.of(notAMap + ":3:10: " + takes + "a single value.", notAMap + ":4:10: " + takes + "`*p`, "
                + "which is no map."), problems(notAMap));
    }

    @Test
    void aSecondDocumentInALegacyFileSaysWhatLoderDid() {
        Path f = write(dir, "d.yaml", "- {kind: write, scale: 1, files: [md-%d]}\n---\n- {kind: read, scale: 1, files: [md-%d]}\n");
        assertEquals(List.of(f + ":2:1: A second YAML document starts here; a task or suite file holds exactly one, so "
                + "remove this `---` line or split the file. (loder ran only the first document of a legacy file and "
                + "ignored the rest without a word: delete from here on to run what loder ran, or remove the `---` "
                + "line to run both lists as one.)"), problems(f));
    }

    @Test
    void aLeadingZeroNumberInAV2FileIsAmbiguousAndRefused() throws Exception {
        Path f = write(dir, "z.yaml", "workers: 010\nrate: 0100\ntasks:\n  - {op: write, path: a, repeat: 010, "
                + "size: -010}\n  - {op: chmod, path: a, mode: 0644}\n");
        assertEquals(List.of(f + ":1:10: `workers` is written `010` with a leading zero, which YAML readers disagree "
                + "about: YAML 1.1 (SnakeYAML, PyYAML, loder's yaml.v3) reads octal 8, YAML 1.2 (editors checking the "
                + "schema) reads 10. Write the number without the leading zero, e.g. `workers: 10`.",
                f + ":2:7: `rate` is written `0100` with a leading zero, which YAML readers disagree about: YAML 1.1 "
                + "(SnakeYAML, PyYAML, loder's yaml.v3) reads octal 64, YAML 1.2 (editors checking the schema) reads "
                + "100. Write the number without the leading zero, e.g. `rate: 100`.",
                f + ":4:34: `repeat` is written `010` with a leading zero, which YAML readers disagree about: YAML 1.1 "
                + "(SnakeYAML, PyYAML, loder's yaml.v3) reads octal 8, YAML 1.2 (editors checking the schema) reads "
                + "10. Write the number without the leading zero, e.g. `repeat: 10`.",
                f + ":4:45: `size` is written `-010` with a leading zero, which YAML readers disagree about: YAML 1.1 "
                + "(SnakeYAML, PyYAML, loder's yaml.v3) reads octal -8, YAML 1.2 (editors checking the schema) reads "
                + "-10. Write the number without the leading zero, e.g. `size: -10`."), problems(f));
        TaskFile ok = TaskFiles.load(write(dir, "ok.yaml", "workers: 1\ntasks:\n  - {op: write, path: a, repeat: 10, "
                + "size: \"010\"}\n  - {op: chmod, path: a, mode: 0644}\n"));
        assertEquals(10, ok.tasks().get(0).options().sizeBytes());
    }
}
