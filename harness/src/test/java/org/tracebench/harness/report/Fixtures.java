package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The committed fixture results directory and golden files (regenerate with -Dgolden.update=true). */
public final class Fixtures {
    private Fixtures() {}

    /** The fixture written by {@link FixtureWriter}: none/strace/fatrace × 2, 1 invalid, 1 unfinished trial. */
    public static Path resultsDir() {
        try {
            return Path.of(Fixtures.class.getResource("/fixture-results/quick-20261123-100000").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real paired (ABBA) run of bpftrace, 1 s windows: none several times in one repetition, A/A trials. */
    public static Path pairedResultsDir() {
        try {
            return Path.of(Fixtures.class.getResource("/fixture-results/pair-audit-20261207-144347").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writable copy of the fixture under {@code parent}. */
    public static Path copyTo(Path parent) throws IOException {
        return copyTo(parent, resultsDir());
    }

    /** A writable copy of results directory {@code src} under {@code parent}. */
    public static Path copyTo(Path parent, Path src) throws IOException {
        Path dst = parent.resolve(src.getFileName().toString());
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t); else Files.copy(p, t);
            }
        }
        return dst;
    }

    /**
     * A writable copy of the fixture under {@code parent} whose named trials' trial.json went through {@code edit};
     * an edit that changes nothing fails, so a stale pattern cannot pass unnoticed.
     */
    public static Path copyWith(Path parent, java.util.List<String> trials, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        Path dir = copyTo(parent);
        for (String t : trials) {
            Path j = dir.resolve("trials").resolve(t).resolve("trial.json");
            String before = Files.readString(j);
            String after = edit.apply(before);
            org.junit.jupiter.api.Assertions.assertNotEquals(before, after, "the edit changed nothing in " + t);
            Files.writeString(j, after);
        }
        return dir;
    }

    /** Asserts {@code actual} equals the golden file {@code name}; with -Dgolden.update=true rewrites it first. */
    public static void assertGolden(String name, byte[] actual) {
        Path golden = Path.of("src/test/resources/golden").resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.write(golden, actual);
            }
            String expected = Files.readString(golden, StandardCharsets.UTF_8);
            String got = new String(actual, StandardCharsets.UTF_8);
            if (!expected.equals(got)) {
                Path out = Path.of("target/golden-actual").resolve(name);
                Files.createDirectories(out.getParent());
                Files.write(out, actual);
            }
            assertEquals(expected, got, "differs from golden " + golden + " (actual in target/golden-actual)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    /**
     * A writable copy of {@link #pairedResultsDir} under {@code parent} as run --resume left it before it ran pairs
     * whole: a resumed session (2026-12-09T10:00:00Z, same machine and software) re-ran trial 006 (bpftrace, block 2,
     * position 2), whose pair's baseline 005 stayed from the first session.
     */
    @SuppressWarnings("unchecked")
    public static Path pairedResumedAcrossPair(Path parent) throws IOException {
        Path dir = copyTo(parent, pairedResultsDir());
        java.util.Map<String, Object> m = (java.util.Map<String, Object>) org.tracebench.harness.results.ResultsDir
                .readJson(dir.resolve("manifest.json"));
        java.util.Map<String, Object> session = new java.util.LinkedHashMap<>();
        session.put("startedAt", "2026-12-09T10:00:00Z");
        for (String k : java.util.List.of("environment", "tracerVersions", "tracebench")) session.put(k, m.get(k));
        m.put("resumes", java.util.List.of(session));
        Files.writeString(dir.resolve("manifest.json"), org.tracebench.loadgen.json.Json.write(m));
        Path t = dir.resolve("trials/006-bpftrace-mini-w1-r1/trial.json");
        String before = Files.readString(t);
        String after = before.replaceFirst("\"startedAt\"\\s*:\\s*\"[^\"]*\"", "\"startedAt\": \"2026-12-09T10:00:02Z\"");
        assertEquals(false, before.equals(after), "the edit changed nothing");
        Files.writeString(t, after);
        return dir;
    }
}
