package org.tracebench.harness.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems found after parsing a suite name the suite file's line and column, and start as sentences do. */
class SuiteMessagesTest {
    @TempDir
    Path dir;

    private List<String> validate(String text, List<Path> moreAllowPaths) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), "name: t\ntasks:\n  - {op: stat, path: /etc/hostname}\n");
        Path f = Files.writeString(dir.resolve("s.yaml"), text);
        Map<String, Map<String, String>> known = new java.util.LinkedHashMap<>();
        known.put("none", Map.of());
        known.put("strace", Map.of());
        known.put("bpftrace", Map.of("probes", "", "mode", ""));
        return SuiteFiles.validate(f, known, moreAllowPaths);
    }

    private String s() { return dir.resolve("s.yaml").toString(); }

    @Test
    void mergeKeysTagsAndAliasBombsInASuiteAreNamedWhereTheyStandAsInTaskFiles() throws Exception {
        List<String> merge = validate("name: s\nbase: &b {workers: 1}\ntasks: [t.yaml]\ntracers: [strace]\nm: {<<: *b}\n",
                List.of());
        assertTrue(merge.contains(s() + ":5:5: Merge keys (`<<: *anchor`) are not supported; write the keys out in each map "
                + "(an alias such as `path: *p` for a whole value does work)."), merge.toString());
        StringBuilder bomb = new StringBuilder("name: s\ntasks: [t.yaml]\ntracers: [strace]\na: &a [x, y]\nb: [");
        for (int i = 0; i < 21; i++) bomb.append(i == 0 ? "" : ", ").append("*a");
        List<String> aliases = validate(bomb + "]\n", List.of());
        assertEquals(1, aliases.size(), aliases.toString());
        assertTrue(aliases.get(0).startsWith(s() + ":5:") && aliases.get(0).contains("is alias number 21 of a list or map"),
                aliases.toString());
    }

    @Test
    void taskFilesThatAreMissingOrDirectoriesAndRepeatedWorkloadsAreNamedWhereTheyStand() throws Exception {
        List<String> p = validate("name: s\ntasks: [t.yaml, nope.yaml]\ntracers: [strace]\n", List.of());
        assertEquals(List.of(s() + ":2:17: The task file " + dir.resolve("nope.yaml") + " (workload 'nope') does not exist;"
                + " task paths are relative to the suite's directory."), p);
        List<String> twice = validate("name: s\ntasks: [t.yaml, nope.yaml, t.yaml]\ntracers: [strace]\n", List.of());
        assertTrue(twice.contains(s() + ":2:28: Two tasks are named 't' (the first at " + s() + ":2:9); workload names must be"
                + " unique in a suite."), twice.toString());
        List<String> d = validate("name: s\ntasks: [t.yaml, sub/..]\ntracers: [strace]\n", List.of());
        assertTrue(d.stream().anyMatch(x -> x.startsWith(s() + ":2:17: The task file " + dir + " is a directory;")), d.toString());
        assertFalse(d.stream().anyMatch(x -> x.contains("does not exist")), d.toString());
    }

    @Test
    void anUnknownOptionAndASystemAllowPathAreNamedAtTheirEntry() throws Exception {
        List<String> p = validate("name: s\ntasks: [t.yaml]\ntracers:\n  - {name: bpftrace, options: {probs: raw}}\n"
                + "allowPaths: [/etc]\n", List.of());
        assertTrue(p.contains(s() + ":4:32: The tracer bpftrace has no option 'probs'. Did you mean 'probes'? Its options:"
                + " mode, probes."), p.toString());
        assertTrue(p.contains(s() + ":5:14: The 'allowPaths' entry /etc is a system directory; allow a directory of its own."),
                p.toString());
        assertEquals(2, p.size(), p.toString());
        List<String> flag = validate("name: s\ntasks: [t.yaml]\ntracers: [strace]\n", List.of(Path.of("/etc")));
        assertEquals(List.of("--allow-path /etc is a system directory; allow a directory of its own."), flag);
    }

    @Test
    void anInlineTasksErrorPointsAtTheSuiteFileNotATemporaryOne() throws Exception {
        List<String> p = validate("name: s\ntasks:\n  - t.yaml\n  - name: st\n    tasks:\n      - {op: stat, path: /etc/hostname}\n"
                + "    worker: 2\ntracers: [strace]\n", List.of());
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(s() + ":7:5: Unknown key `worker`"), p.toString());
        assertTrue(p.get(0).endsWith("(in inline task 'st')"), p.toString());
        assertFalse(p.get(0).contains("tracebench-inline"), p.toString());
    }

    @Test
    void parserMessagesStartAsSentencesAndAlllSuggestsAll() throws Exception {
        List<String> p = validate("name: s\ntasks: [t.yaml]\ntracers: [strace, strace]\nworker: 2\n", List.of());
        assertTrue(p.contains(s() + ":3:19: The tracer 'strace' is listed twice; list each tracer once."), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith(s() + ":4:1: Unknown key 'worker' in a suite.")), p.toString());
        List<String> a = validate("name: s\ntasks: [t.yaml]\ntracers: alll\n", List.of());
        assertTrue(a.stream().anyMatch(x -> x.startsWith(s() + ":3:10: Unknown tracer 'alll'. Did you mean 'all'?")), a.toString());
    }
}
