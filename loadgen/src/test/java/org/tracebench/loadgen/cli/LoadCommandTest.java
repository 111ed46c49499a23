package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/** {@code tracebench load} as a black box: real YAML task files, picocli setOut/setErr, exit codes. */
class LoadCommandTest extends LoadCliTestBase {
    Path yaml(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    List<String> rootEntries() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(Path::toString).toList();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path p) throws Exception {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(p));
    }

    @Test void runsAV2FileAndPrintsTheTableAndWritesJson() throws Exception {
        Path f = yaml("v2.yaml", """
                name: small
                workers: 2
                setup:
                  - {path: "in-{worker}.dat", size: 8192, content: random}
                tasks:
                  - {op: direct-read, path: "in-{worker}.dat"}
                  - {op: write, path: "out-{worker}.dat", size: 100}
                  - {op: stat, path: "out-{worker}.dat", repeat: 3}
                """);
        Path result = dir.resolve("r/load.json");
        int code = load(f.toString(), "--duration", "300ms", "--warmup", "100ms", "--work-root", root.toString(),
                "--json", result.toString());
        assertEquals(0, code, err.toString());
        String table = out.toString();
        for (String s : List.of("direct-read", "write", "stat", "ops/s", "p99.9", "(iterations)")) {
            assertTrue(table.contains(s), s + " in\n" + table);
        }
        Map<String, Object> m = json(result);
        assertEquals(2, m.get("workers"));
        assertEquals(0.3, m.get("durationSeconds"));
        Map<String, Object> ops = (Map<String, Object>) m.get("ops");
        Map<String, Object> stat = (Map<String, Object>) ops.get("stat");
        Map<String, Object> write = (Map<String, Object>) ops.get("write");
        assertEquals(3 * ((Number) write.get("count")).longValue(), ((Number) stat.get("count")).longValue(), 3 * 2.0,
                "stat repeats 3 times per iteration");
        assertEquals(0, ((Number) ((Map<String, Object>) ops.get("direct-read")).get("errors")).intValue());
        assertTrue(Files.exists(dir.resolve("r/load.hlog")));
        assertEquals(List.of(), rootEntries(), "created files removed");
    }

    @Test void atARateTheTableSaysOpLatenciesAreServiceTimesAndIterationsRunFromTheIntendedStart() throws Exception {
        String tasks = """
                setup:
                  - {path: "in-{worker}.dat", size: 100}
                tasks:
                  - {op: stat, path: "in-{worker}.dat"}
                """;
        Path rated = yaml("rated.yaml", "name: rated\nrate: 200\n" + tasks);
        assertEquals(0, load(rated.toString(), "--duration", "200ms", "--warmup", "0s", "--work-root", root.toString()), err.toString());
        String table = out.toString();
        assertTrue(table.contains("op latencies are service times"), table);
        assertTrue(table.contains("(iterations) latency runs from each iteration's intended start"), table);
        out.getBuffer().setLength(0);
        Path closed = yaml("closed.yaml", "name: closed\n" + tasks);
        assertEquals(0, load(closed.toString(), "--duration", "200ms", "--warmup", "0s", "--work-root", root.toString()), err.toString());
        assertFalse(out.toString().contains("service times"), "a closed loop has one latency per row: " + out);
    }

    @Test void runsTheLegacyLoderFormatUnchanged() throws Exception {
        Path f = yaml("legacy.yaml", """
                - kind: write
                  scale: 2
                  files: [%1$s/w%%d]
                - kind: rename
                  scale: 1
                  files: [%1$s/w%%d]
                """.formatted(root));
        Path result = dir.resolve("legacy.json");
        assertEquals(0, load(f.toString(), "--duration", "200ms", "--warmup", "0s", "--workers", "2",
                "--work-root", root.toString(), "--json", result.toString(), "--keep"), err.toString());
        Map<String, Object> m = json(result);
        assertEquals("legacy", ((Map<String, Object>) m.get("task")).get("format"));
        Map<String, Object> gt = (Map<String, Object>) ((Map<String, Object>) m.get("groundTruth")).get("ops");
        assertEquals(List.of(root + "/w0", root + "/w0-renamed", root + "/w1", root + "/w1-renamed"),
                ((Map<String, Object>) gt.get("rename")).get("paths"));
        assertTrue(Files.exists(root.resolve("w0")), "--keep leaves files");
    }

    @Test void badOptionValuesExitTwoNamingTheFlag() throws Exception {
        Path f = yaml("ok.yaml", "tasks:\n  - {op: stat, path: x}\n");
        assertEquals(2, load(f.toString(), "--workers", "0"));
        assertTrue(err.toString().contains("--workers"), err.toString());
        assertEquals(2, load(f.toString(), "--duration", "ten"));
        assertTrue(err.toString().contains("--duration") && err.toString().contains("10s"), err.toString());
        assertEquals(2, load(f.toString(), "--rate", "-1"));
        assertTrue(err.toString().contains("--rate"), err.toString());
        assertEquals(2, load(f.toString(), "--control", "stdio"));
        assertTrue(err.toString().contains("--json"), err.toString());
        assertEquals(2, load(f.toString(), "--control", "tcp", "--json", "x.json"));
        assertEquals("", out.toString());
    }

    @Test void aBadTaskFileExitsTwoWithFileAndLineAndRunsNothing() throws Exception {
        Path f = yaml("bad.yaml", "worker: 2\ntasks:\n  - {op: write, path: x}\n");
        assertEquals(2, load(f.toString(), "--work-root", root.toString(), "--json", dir.resolve("no.json").toString()));
        assertTrue(err.toString().contains("bad.yaml:1:"), err.toString());
        assertTrue(err.toString().contains("workers"), err.toString());
        assertFalse(Files.exists(dir.resolve("no.json")));
        assertEquals(List.of(), rootEntries());
    }

    @Test void aWriteOutsideTheWorkRootIsRefusedBeforeAnything() throws Exception {
        Path outside = dir.resolve("outside");
        Path f = yaml("unsafe.yaml", "tasks:\n  - {op: stat, path: s}\n  - {op: write, path: " + outside + "}\n");
        assertEquals(2, load(f.toString(), "--work-root", root.toString(), "--duration", "100ms"));
        assertTrue(err.toString().contains(outside.toString()), err.toString());
        assertFalse(Files.exists(outside));
        assertEquals(List.of(), rootEntries());
        assertEquals(0, load(f.toString(), "--work-root", root.toString(), "--duration", "100ms", "--warmup", "0s",
                "--allow-path", dir.toString()), err.toString());
        assertFalse(Files.exists(outside), "created outside the root, removed at the end");
    }

    @Test void failFastExitsOneAndCountingGoesOnWithoutIt() throws Exception {
        Path f = yaml("fails.yaml", "tasks:\n  - {op: read, path: \"/nonexistent-tracebench-{iteration}\"}\n");
        assertEquals(1, load(f.toString(), "--work-root", root.toString(), "--duration", "1m", "--fail-fast"));
        assertTrue(out.toString().contains("run stopped: read failed"), out.toString());
        List<String> args = new ArrayList<>(List.of(f.toString(), "--work-root", root.toString(), "--duration", "100ms",
                "--warmup", "0s"));
        out.getBuffer().setLength(0);
        assertEquals(1, load(args.toArray(String[]::new)), "no operation completed: the run measured nothing");
        assertTrue(out.toString().contains("error read: NoSuchFileException"), out.toString());
        assertTrue(err.toString().contains("The load completed no operation in its measured window (all "), err.toString());
        assertTrue(err.toString().contains(" attempted operations failed; first: read: NoSuchFileException"), err.toString());
    }

    @Test void aRunWhoseOperationsMostlyFailWarnsAndQuotesTheFirstError() throws Exception {
        Path f = yaml("half.yaml", "setup:\n  - {path: s}\ntasks:\n  - {op: stat, path: s}\n"
                + "  - {op: read, path: \"/nonexistent-tracebench-{iteration}\"}\n");
        assertEquals(0, load(f.toString(), "--work-root", root.toString(), "--duration", "200ms", "--warmup", "0s"),
                err.toString());
        assertTrue(err.toString().matches("(?s).*Warning: \\d+ of \\d+ attempted operations \\(5\\d\\.\\d%\\) failed;"
                + " first: read: NoSuchFileException.*would count such a trial as invalid\\..*"), err.toString());
    }

    @Test void durationsAcceptUnits() {
        assertEquals(java.time.Duration.ofMillis(500), DurationConverter.parse("500ms", false));
        assertEquals(java.time.Duration.ofMinutes(2), DurationConverter.parse("2m", false));
        assertEquals(java.time.Duration.ofMillis(1500), DurationConverter.parse("1.5s", false));
        assertEquals(java.time.Duration.ofNanos(1), DurationConverter.parse("1ns", false));
        assertEquals(java.time.Duration.ZERO, DurationConverter.parse("0s", true));
        assertEquals("must be a duration with a unit, such as 30s, 500ms or 2m; found '10'. Add a unit: `10s` means "
                + "seconds.", assertThrows(picocli.CommandLine.TypeConversionException.class,
                        () -> DurationConverter.parse("10", false)).getMessage());
        assertEquals("must be longer than zero; found '-1s'.", assertThrows(
                picocli.CommandLine.TypeConversionException.class, () -> DurationConverter.parse("-1s", false)).getMessage());
        assertEquals("must be at most 7 days (168h); found '1000000h'.", assertThrows(
                picocli.CommandLine.TypeConversionException.class, () -> DurationConverter.parse("1000000h", true)).getMessage());
    }
}
