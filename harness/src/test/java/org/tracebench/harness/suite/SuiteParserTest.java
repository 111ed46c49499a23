package org.tracebench.harness.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.suite.Suite.TracerSpec;

class SuiteParserTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aTaskFileGivenAsASuiteIsOneSentenceNamingTheRightCommand() throws Exception {
        Path v2 = write("t.yaml", "workRoot: /tmp/x\nworkers: 2\ntasks:\n  - {op: read, path: a}\n  - {op: stat, path: b}\n");
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(v2));
        assertEquals(List.of(v2 + ": This is a task file (it has no `tracers:`, and task-file keys or ops), not a "
                + "suite; run it with `tracebench load`, or name it under a suite's `tasks:`."), e.problems());
        Path legacy = write("l.yaml", "- kind: read\n  scale: 1\n  files: [a]\n");
        e = assertThrows(SuiteException.class, () -> SuiteParser.parse(legacy));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("is a legacy loder task file"), e.problems().toString());
    }

    @Test
    void parsesEveryField() throws Exception {
        Path f = write("s.yaml", """
                name: demo
                tasks: [a.yaml, {file: sub/b.yml}]
                tracers:
                  - strace
                  - name: bpftrace
                    options: {perfRbPages: 256}
                workers: [1, 2]
                duration: 1.5s
                warmup: 500ms
                repetitions: 4
                order: round-robin
                cooldown: 0s
                samplingInterval: 250ms
                seed: -7
                """);
        Suite s = SuiteParser.parse(f);
        assertEquals("demo", s.name());
        assertEquals(List.of(dir.resolve("a.yaml"), dir.resolve("sub/b.yml")), s.tasks().stream().map(Suite.TaskRef::file).toList());
        assertEquals(List.of("a", "b"), s.tasks().stream().map(Suite.TaskRef::name).toList());
        assertEquals(List.of("none", "strace", "bpftrace"), s.tracers().stream().map(TracerSpec::name).toList(), "none is added first");
        assertEquals(Map.of("perfRbPages", "256"), s.tracers().get(2).options());
        assertEquals(List.of(1, 2), s.workers());
        assertEquals(Duration.ofMillis(1500), s.duration());
        assertEquals(Duration.ofMillis(500), s.warmup());
        assertEquals(4, s.repetitions());
        assertEquals(Suite.Order.ROUND_ROBIN, s.order());
        assertEquals(Duration.ZERO, s.cooldown());
        assertEquals(Duration.ofMillis(250), s.samplingInterval());
        assertEquals(-7, s.seed().getAsLong());
    }

    @Test
    void defaultsAndAll() throws Exception {
        Suite s = SuiteParser.parse(write("d.yaml", "name: d\ntasks: x.yaml\ntracers: all\n"));
        assertTrue(s.allTracers());
        assertEquals(List.of(1), s.workers());
        assertEquals(Suite.Order.PAIRED, s.order()); // issue 7: paired ABBA blocks are the default
        assertEquals(Duration.ofMillis(500), s.samplingInterval());
        assertTrue(s.seed().isEmpty());
    }

    @Test
    void unknownKeySuggestsNearestWithLocation() throws Exception {
        Path f = write("bad.yaml", "name: b\ntasks: [x.yaml]\ntracers: [strace]\nworker: 2\n");
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(f));
        assertEquals(1, e.problems().size());
        String p = e.problems().get(0);
        assertTrue(p.startsWith(f.toAbsolutePath() + ":4:1: Unknown key 'worker'"), p);
        assertTrue(p.contains("Did you mean 'workers'?"), p);
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        Path f = write("bad.yaml", """
                name: has space
                tasks: []
                tracers: [{name: strace, option: {a: 1}}]
                duration: fast
                order: random
                repetitions: 0
                samplingInterval: 10ms
                """);
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(f));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains(":1:7: 'name' must use only letters"), all);
        assertTrue(all.contains(":2:8: 'tasks' must list at least one"), all);
        assertTrue(all.contains("Unknown key 'option' in a tracer entry. Did you mean 'options'?"), all);
        assertTrue(all.contains(":4:11: 'duration' must be a duration with a unit, such as 30s, 500ms or 2m (0s for none); found 'fast'."), all);
        assertTrue(all.contains(":5:8: 'order' must be 'paired', 'randomized' or 'round-robin', not 'random'. Did you mean 'randomized'?"), all);
        assertTrue(all.contains(":6:14: 'repetitions' must be between 1 and 1000, not 0."), all);
        assertTrue(all.contains(":7:19: 'samplingInterval' must be at least 50ms"), all);
    }

    @Test
    void malformedYamlAndUnsafeTagsAreRefused() throws Exception {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(write("m.yaml", "name: [unclosed\n")));
        assertTrue(e.getMessage().contains("m.yaml:2:1: Malformed YAML: ") && e.getMessage().contains("expected a YAML suite "
                + "file (see docs/suites.md)."), e.getMessage());
        SuiteException tag = assertThrows(SuiteException.class, () -> SuiteParser.parse(write("t.yaml",
                "name: !!javax.script.ScriptEngineManager [x]\ntasks: a.yaml\ntracers: all\n")));
        assertTrue(tag.getMessage().contains("t.yaml:1:7") && tag.getMessage().contains("The tag `!!javax.script.ScriptEngineManager` is not allowed: task and suite files"), tag.getMessage());
        SuiteException missing = assertThrows(SuiteException.class, () -> SuiteParser.parse(write("n.yaml", "name: n\ntasks: a.yaml\n")));
        assertTrue(missing.getMessage().contains("has no 'tracers'"), missing.getMessage());
    }

    @Test
    void inlineTaskKeepsItsYaml() throws Exception {
        Suite s = SuiteParser.parse(write("i.yaml", """
                name: i
                tracers: [strace]
                tasks:
                  - name: inl
                    tasks:
                      - op: stat
                        path: /etc/hostname
                """));
        Suite.TaskRef t = s.tasks().get(0);
        assertTrue(t.inline());
        assertEquals("inl", t.name());
        assertTrue(t.inlineYaml().contains("op: stat") && t.inlineYaml().contains("/etc/hostname"), t.inlineYaml());
    }

    @Test
    void randomizedPlanIsSeededAndBalancedPerBlock() throws Exception {
        Suite s = SuiteParser.parse(write("p.yaml", "name: p\ntasks: [a.yaml, b.yaml]\ntracers: [t1, t2]\nworkers: [1, 2]\nrepetitions: 3\norder: randomized\n"));
        Map<String, Path> files = Map.of("a", dir.resolve("a.yaml"), "b", dir.resolve("b.yaml"));
        List<TrialSpec> p1 = TrialPlan.build(s, s.tracers(), files, 99);
        List<TrialSpec> p2 = TrialPlan.build(s, s.tracers(), files, 99);
        List<TrialSpec> p3 = TrialPlan.build(s, s.tracers(), files, 100);
        assertEquals(3 * 2 * 2 * 3, p1.size());
        assertEquals(p1, p2, "same seed, same plan");
        assertNotEquals(p1.stream().map(TrialSpec::configuration).toList(), p3.stream().map(TrialSpec::configuration).toList());
        for (int rep = 1; rep <= 3; rep++) {
            int r = rep;
            Set<String> block = new HashSet<>();
            p1.stream().filter(t -> t.repetition() == r).forEach(t -> block.add(t.configuration()));
            assertEquals(12, block.size(), "each repetition block holds every configuration once");
        }
        for (int i = 0; i < p1.size(); i++) assertEquals(i + 1, p1.get(i).number());
        assertEquals("001-" + p1.get(0).tracer().name(), p1.get(0).dirName().substring(0, 4 + p1.get(0).tracer().name().length()));
        assertEquals(p1.get(5), TrialSpec.fromMap(p1.get(5).toMap()), "manifest round trip");
    }

    @Test
    void roundRobinKeepsSuiteOrder() throws Exception {
        Suite s = SuiteParser.parse(write("r.yaml", "name: r\ntasks: a.yaml\ntracers: [t1, t2]\norder: round-robin\nrepetitions: 2\n"));
        List<TrialSpec> p = TrialPlan.build(s, s.tracers(), Map.of("a", dir.resolve("a.yaml")), 1);
        assertEquals(List.of("none", "t1", "t2", "none", "t1", "t2"), p.stream().map(t -> t.tracer().name()).toList());
        assertFalse(p.get(0).dirName().contains("/"));
        assertEquals("004-none-a-w1-r2", p.get(3).dirName());
    }

    @Test
    void bundledSuitesAreValid() {
        Path tasks = Path.of("..", "tasks").toAbsolutePath().normalize();
        List<String> known = List.of("none", "strace", "strace-seccomp", "fatrace", "ftrace", "bpftrace", "bpftrace-lsm");
        for (String name : List.of("quick.yaml", "paper.yaml", "per-op.yaml")) {
            Path f = tasks.resolve(name);
            assertTrue(SuiteFiles.isSuite(f), name);
            assertEquals(List.of(), SuiteFiles.validate(f, known), name);
        }
        assertFalse(SuiteFiles.isSuite(tasks.resolve("mixed.yaml")));
    }

    @Test
    void anUnknownTracerIsNamedWithItsPositionAlongsideEveryOtherProblem() throws Exception {
        Path f = write("u.yaml", "name: u\ntasks: nothere.yaml\ntracers:\n  - strace\n  - bpftrac\n"
                + "  - ftrace: {bufferSizeKb: 4096}\nrepetitions: 0\n");
        List<String> problems = SuiteFiles.validate(f, List.of("none", "strace", "ftrace", "bpftrace"));
        String all = String.join("\n", problems);
        assertTrue(all.contains("u.yaml:5:5: Unknown tracer 'bpftrac'. Did you mean 'bpftrace'?"), all);
        assertTrue(all.contains("u.yaml:6:5: A tracer with options is written {name: ftrace, options: {...}}, not 'ftrace: {...}'."), all);
        assertTrue(all.contains("'repetitions' must be between 1 and 1000"), all);
        assertEquals(3, problems.size(), "one problem per mistake: " + all);
        Path g = write("g.yaml", "name: g\ntasks: nothere.yaml\ntracers: [strase]\n");
        String both = String.join("\n", SuiteFiles.validate(g, List.of("none", "strace")));
        assertTrue(both.contains("g.yaml:3:11: Unknown tracer 'strase'"), both);
        assertTrue(both.contains("nothere.yaml (workload 'nothere') does not exist"), "the task files are checked in the same run: " + both);
    }

    @Test
    void validationNamesMissingTaskFilesAndUnknownTracers() throws Exception {
        Path f = write("v.yaml", "name: v\ntasks: nothere.yaml\ntracers: [strase]\n");
        List<String> problems = SuiteFiles.validate(f, List.of("none", "strace"));
        String all = String.join("\n", problems);
        assertTrue(all.contains("nothere.yaml (workload 'nothere') does not exist"), all);
        assertTrue(all.contains("Unknown tracer 'strase'. Did you mean 'strace'?"), all);
    }

    @Test
    void validationRefusesTracerOptionsTheBackendDoesNotHave() throws Exception {
        Path f = write("o.yaml", "name: o\ntasks: [{name: s, tasks: [{op: stat, path: /etc/hostname}]}]\ntracers:\n"
                + "  - {name: bpftrace, options: {probs: raw}}\n"
                + "  - {name: ftrace, matrix: {bufferSizeKB: [64, 128]}}\n"
                + "  - {name: fatrace, options: {pollMillis: 50}}\n"
                + "  - {name: none, options: {x: y}}\n");
        Map<String, Map<String, String>> known = new java.util.LinkedHashMap<>();
        known.put("none", Map.of());
        known.put("bpftrace", Map.of("probes", "", "mode", ""));
        known.put("ftrace", Map.of("bufferSizeKb", ""));
        known.put("fatrace", Map.of("pollMillis", ""));
        List<String> problems = SuiteFiles.validate(SuiteParser.parse(f), known);
        String all = String.join("\n", problems);
        assertTrue(all.contains("The tracer bpftrace has no option 'probs'. Did you mean 'probes'? Its options: mode, probes."), all);
        assertTrue(all.contains("o.yaml:5:29: The tracer ftrace has no option 'bufferSizeKB'. Did you mean 'bufferSizeKb'?"),
                "a matrix option is named at its line and column too: " + all);
        assertTrue(all.contains("The tracer none has no option 'x'. It takes no options."), all);
        assertEquals(3, problems.size(), "each bad option once, the matrix's two configurations notwithstanding: " + all);
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(120), Durations.parse("2m"));
        assertEquals(Duration.ofNanos(1500), Durations.parse("1.5us"));
        assertEquals("1500ns", Durations.format(Duration.ofNanos(1500)));
        assertEquals("must be a duration with a unit, such as 30s, 500ms or 2m (0s for none); found '3'. Add a unit: "
                + "`3s` means seconds.", assertThrows(IllegalArgumentException.class, () -> Durations.parse("3")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("169h"));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("5s", Durations.format(Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 parsecs"));
        assertEquals("45s", Durations.approx(45));
        assertEquals("1m31s", Durations.approx(91));
        assertEquals("2h02m", Durations.approx(7326));
    }
}
