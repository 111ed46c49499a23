package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.results.Sessions;

/** run --resume records each resumed session in manifest.json and warns when it runs on other software or another machine. */
class ResumeSessionTest {
    @TempDir Path tmp;
    private final StringWriter err = new StringWriter();

    @SuppressWarnings("unchecked")
    @Test
    void eachResumeIsAppendedToTheManifestAndAChangedMachineIsWarnedAbout() throws Exception {
        ResultsDir dir = ResultsDir.open(Fixtures.copyTo(tmp));
        Map<String, Object> before = dir.readManifest();
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        assertTrue(RunCommand.recordSession(dir, List.of(TestTracers.named("none")), new PrintWriter(err, true)));
        assertTrue(err.toString().startsWith("Warning: " + dir.dir() + " began on another machine or other software than"
                + " this resumed session runs on (kernel 6.18.0-tracebench → " + kernel + ", "), err.toString());
        assertTrue(err.toString().contains("run the suite again in one session."), err.toString());

        assertTrue(RunCommand.recordSession(dir, List.of(), new PrintWriter(err, true)));
        Map<String, Object> after = new LinkedHashMap<>(dir.readManifest());
        List<Object> resumes = (List<Object>) after.remove(Sessions.RESUMES);
        assertEquals(before, after, "every field of the first session is kept as it was");
        assertEquals(2, resumes.size(), "one entry per resume");
        Map<String, Object> first = (Map<String, Object>) resumes.get(0);
        assertEquals(List.of("startedAt", "environment", "tracerVersions", "tracebench"), List.copyOf(first.keySet()));
        assertEquals(kernel, ((Map<String, Object>) first.get("environment")).get("kernel"));
        assertEquals(Map.of("none", "no tracer"), first.get("tracerVersions"));
        assertTrue(((Map<String, Object>) first.get("tracebench")).containsKey("gitCommit"), first.toString());
        try (var s = Files.list(dir.dir())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "written atomically, nothing left");
        }
    }

    @Test
    void aResumeOnTheSameMachineAndSoftwareSaysNothing() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("run"));
        ResultsDir dir = ResultsDir.open(writeManifest(d, Sessions.current(List.of(TestTracers.named("none")), "dev")));
        assertTrue(RunCommand.recordSession(dir, List.of(TestTracers.named("none")), new PrintWriter(err, true)));
        assertEquals("", err.toString());
        assertEquals(2, Sessions.of(dir.readManifest()).size());
    }

    @Test
    void aManifestThatCannotBeRewrittenStopsTheResumeBeforeATrialRuns() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(d.resolve("manifest.json"), "[1, 2]\n");
        assertFalse(RunCommand.recordSession(ResultsDir.open(d), List.of(), new PrintWriter(err, true)));
        assertTrue(err.toString().startsWith("Could not record this resumed session in " + d.toAbsolutePath().resolve("manifest.json")
                + ", so nothing was run: "), err.toString());
        assertEquals("[1, 2]\n", Files.readString(d.resolve("manifest.json")), "left as it was");
    }

    private static Path writeManifest(Path d, Map<String, Object> m) throws Exception {
        Files.writeString(d.resolve("manifest.json"), org.tracebench.loadgen.json.Json.write(m));
        return d;
    }
}
