package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.strace.StraceParser;

/**
 * A launching tracer's output (strace -f --seccomp-bpf) holds the load generator's start and its pre-READY JIT
 * warm-up, which the ground truth leaves out: only the events from the sentinel's first one on may count.
 */
class FromSentinelTest {
    private static final String W = "/work/root/";

    private static GroundTruth truth(long chmods, long stats) {
        return GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 100, "childPids", List.of(),
                "ops", Map.of(
                        "chmod", Map.of("count", chmods, "paths", List.of(W + "m")),
                        "stat", Map.of("count", stats, "paths", List.of(W + "m"))))));
    }

    private static Capabilities straceCaps() {
        return new Capabilities(Set.of(FileOp.OPEN, FileOp.READ, FileOp.CHMOD, FileOp.STAT), Set.of(), true, false, false,
                List.of());
    }

    /** What strace-seccomp writes for a load with a chmod and a stat of {@code m}: boot, warm-up, sentinel, run. */
    private static String straceOutput(String sentinelArg, String sentinelReal, int warmups, int measured) {
        StringBuilder sb = new StringBuilder();
        long[] t = {1795431654_000000L};
        Runnable tick = () -> t[0] += 17;
        java.util.function.Function<String, String> line = s -> {
            tick.run();
            return String.format("%d.%06d %s%n", t[0] / 1_000_000, t[0] % 1_000_000, s);
        };
        sb.append("100 ").append(line.apply("execve(\"/usr/bin/java\", [...], 0x7ffe /* 9 vars */) = 0"));
        sb.append("100 ").append(line.apply("openat(AT_FDCWD</w>, \"/opt/tb/tracebench.jar\", O_RDONLY) = 4</opt/tb/tracebench.jar>"));
        for (int i = 0; i < warmups; i++) { // the JIT warm-up on the controlling thread, before READY
            sb.append("101 ").append(line.apply("chmod(\"" + W + "m\", 0640) = 0"));
            sb.append("101 ").append(line.apply("newfstatat(AT_FDCWD</w>, \"" + W + "m\", {st_mode=S_IFREG|0640, ...}, 0) = 0"));
        }
        sb.append("101 ").append(line.apply("write(1<pipe:[77]>, \"READY 100\\n\", 10) = 10"));
        sb.append("103 ").append(line.apply("openat(AT_FDCWD</w>, \"" + sentinelArg + "\", O_WRONLY|O_CREAT, 0666) = 5<"
                + sentinelReal + ">"));
        sb.append("103 ").append(line.apply("close(5<" + sentinelReal + ">) = 0"));
        for (int i = 0; i < measured; i++) { // a worker, after GO
            sb.append("104 ").append(line.apply("chmod(\"" + W + "m\", 0640) = 0"));
            sb.append("104 ").append(line.apply("newfstatat(AT_FDCWD</w>, \"" + W + "m\", {st_mode=S_IFREG|0640, ...}, 0) = 0"));
        }
        return sb.toString();
    }

    private static void parse(String text, Consumer<TraceEvent> sink) throws Exception {
        new StraceParser("/w").parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), sink);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kind(CompletenessChecker c, String k) {
        return (Map<String, Object>) c.completeness().get(k);
    }

    @Test
    void onlyWhatFollowsTheSentinelCountsSoSeenIsWhatWasPerformed(@TempDir Path tmp) throws Exception {
        Path trial = Files.createDirectories(tmp.resolve("trial"));
        Path sentinel = trial.resolve(".sentinel");
        String text = straceOutput(sentinel.toString(), sentinel.toString(), 40, 3);

        // what the harness did before: every event of the launched load counted
        CompletenessChecker all = new CompletenessChecker(truth(3, 3), straceCaps(), Set.of(sentinel.toString()), trial);
        parse(text, all);
        assertEquals(3L, kind(all, "chmod").get("seen"), "the warm-up's 40 chmods of m count as seen without the cut");
        assertEquals(43L, all.eventsPerOp().get("CHMOD"), "43 chmod events for 3 performed");
        assertEquals(1.0, kind(all, "chmod").get("ratio"));

        CompletenessChecker c = new CompletenessChecker(truth(3, 3), straceCaps(), Set.of(sentinel.toString()), trial);
        FromSentinel cut = new FromSentinel(sentinel, c);
        parse(text, cut);
        assertTrue(cut.sentinelSeen());
        assertEquals(2 + 2 * 40 + 1, cut.dropped(), "execve, the jar, the warm-up and READY's write");
        assertEquals(3L, kind(c, "chmod").get("seen"));
        assertEquals(3L, kind(c, "chmod").get("performed"));
        assertEquals(3L, kind(c, "stat").get("seen"));
        assertEquals(6, c.events(), "the sentinel's own events are the harness's; the run's six remain");
        assertEquals(Map.of("chmod", 3L, "newfstatat", 3L), c.syscalls());
        assertEquals(List.of(W + "m"), c.accessedFiles(), "the JVM's start (its jar) is not the window's; m was never removed");
    }

    @Test
    void aTracerThatMissesTheRunNoLongerLooksComplete(@TempDir Path tmp) throws Exception {
        Path trial = Files.createDirectories(tmp.resolve("trial"));
        Path sentinel = trial.resolve(".sentinel");
        // 40 chmods in the warm-up, none of the 30 the run performed: 0%, not 100%
        CompletenessChecker c = new CompletenessChecker(truth(30, 30), straceCaps(), Set.of(sentinel.toString()), trial);
        parse(straceOutput(sentinel.toString(), sentinel.toString(), 40, 0), new FromSentinel(sentinel, c));
        assertEquals(0L, kind(c, "chmod").get("seen"));
        assertEquals(0.0, kind(c, "chmod").get("ratio"));
    }

    @Test
    void theSentinelIsKnownUnderItsRealPathAndItsWrittenOne(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real-trial"));
        Path link = Files.createSymbolicLink(tmp.resolve("linked"), real);
        Path sentinel = link.resolve(".sentinel");
        String realSentinel = real.toRealPath().resolve(".sentinel").toString();
        // a backend naming the kernel's path: only the real one appears
        CompletenessChecker c = new CompletenessChecker(truth(2, 2), straceCaps(), Set.of(sentinel.toString()), real.toRealPath());
        FromSentinel cut = new FromSentinel(sentinel, c);
        for (TraceEvent e : List.of(
                new TraceEvent(-1, 101, FileOp.CHMOD, "chmod", W + "m", null, true),
                new TraceEvent(-1, 103, FileOp.OPEN, "openat", realSentinel, null, true),
                new TraceEvent(-1, 104, FileOp.CHMOD, "chmod", W + "m", null, true))) {
            cut.accept(e);
        }
        assertTrue(cut.sentinelSeen());
        assertEquals(1, cut.dropped());
        assertEquals(1L, kind(c, "chmod").get("seen"));

        // strace resolving a written path against the cwd: the link's spelling, normalized
        CompletenessChecker d = new CompletenessChecker(truth(2, 2), straceCaps(), Set.of(sentinel.toString()), real.toRealPath());
        FromSentinel viaLink = new FromSentinel(link.resolve("./.sentinel"), d);
        parse(straceOutput(sentinel.toString(), realSentinel, 5, 2), viaLink);
        assertTrue(viaLink.sentinelSeen());
        assertEquals(2L, kind(d, "chmod").get("seen"));
    }

    @Test
    void withoutTheSentinelNothingIsPassedOn(@TempDir Path tmp) throws Exception {
        Path trial = Files.createDirectories(tmp.resolve("trial"));
        CompletenessChecker c = new CompletenessChecker(truth(3, 3), straceCaps(), Set.of(), trial);
        FromSentinel cut = new FromSentinel(trial.resolve(".sentinel"), c);
        parse(straceOutput(tmp.resolve("elsewhere").toString(), tmp.resolve("elsewhere").toString(), 4, 3), cut);
        assertFalse(cut.sentinelSeen());
        assertEquals(0, c.events());
        assertEquals(2 + 2 * 4 + 1 + 2 + 2 * 3, cut.dropped());
    }
}
