package org.tracebench.loadgen.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.cli.LoadJvmOptions;

/**
 * glibc's stat through the foreign-function API, in this JVM (the pom's argLine carries {@link ForeignStat#JVM_OPTIONS}
 * on JDK 16-18) and, under strace, in a JVM started with the load generator's options.
 */
class ForeignStatTest {
    @TempDir Path dir;

    private static void requireModule() {
        if (ForeignStat.JVM_OPTIONS.isEmpty()) abort("JDK " + Runtime.version().feature() + " has no " + ForeignStat.MODULE);
    }

    @Test void theTestJvmHasItAndSaysNoReason() {
        requireModule();
        assertTrue(ForeignStat.available(), () -> "unavailable: " + ForeignStat.unavailableReason());
        assertNull(ForeignStat.unavailableReason());
    }

    @Test void statSaysWhetherAPathExistsAndFollowsAChangedPath() throws Exception {
        requireModule();
        RawFiles r = RawFilesTest.raw();
        Path f = Files.write(dir.resolve("f"), new byte[] {1});
        Path longer = Files.createDirectories(dir.resolve("d".repeat(200))).resolve("e".repeat(100));
        assertTrue(r.stat(f));
        assertTrue(r.stat(dir));
        assertFalse(r.stat(longer)); // outgrows the first native path buffer
        Files.write(longer, new byte[0]);
        assertTrue(r.stat(Path.of(longer.toString()))); // another Path object, same string: looked up again
        assertFalse(r.stat(dir.resolve("missing")));
        assertTrue(r.stat(f));
    }

    /** A child JVM: stats argv[0] argv[1] times through RawFiles, prints "ok" or the unavailable reason. */
    public static void main(String[] args) {
        if (!ForeignStat.available()) {
            System.out.println("unavailable: " + ForeignStat.unavailableReason());
            return;
        }
        RawFiles r = RawFiles.createOrNull();
        Path p = Path.of(args[0]);
        boolean all = true;
        for (int i = 0; i < Integer.parseInt(args[1]); i++) all &= r.stat(p);
        System.out.println(all ? "ok" : "stat failed");
    }

    private static List<String> childJvm(List<String> prefix, String... extra) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LoadJvmOptions.forTask(1, java.util.Set.of(org.tracebench.loadgen.op.OpKind.STAT)));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ForeignStatTest.class.getName()));
        return cmd;
    }

    private static String run(List<String> cmd, Path out) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        String s = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), s);
        return s;
    }

    @Test void aLoadGeneratorJvmMakesCsSystemCallNewfstatatNotStatx() throws Exception {
        requireModule();
        boolean strace = Files.isExecutable(Path.of("/usr/bin/strace")) || Files.isExecutable(Path.of("/bin/strace"));
        if (!strace) {
            if ("1".equals(System.getenv("TRACEBENCH_REQUIRE_TRACERS")))
                fail("strace is needed to check the stat op's system call (TRACEBENCH_REQUIRE_TRACERS=1)");
            abort("strace is needed to check the stat op's system call: apt-get install -y strace");
        }
        Path target = Files.write(dir.resolve("stat-target-" + ProcessHandle.current().pid()), new byte[] {1});
        Path trace = dir.resolve("trace.txt");
        List<String> cmd = childJvm(List.of("strace", "-f", "-qq", "-e", "trace=stat,newfstatat,statx", "-o",
                trace.toString()));
        cmd.addAll(List.of(target.toString(), "5"));
        String out = run(cmd, dir.resolve("out.txt"));
        assertTrue(out.contains("ok"), out);
        List<String> onTarget = Files.readAllLines(trace).stream().filter(l -> l.contains("\"" + target + "\"")).toList();
        assertEquals(5, onTarget.size(), () -> String.join("\n", onTarget) + "\nwhole trace:\n" + tail(trace));
        // another thread's call in between splits a line: "newfstatat(AT_FDCWD, \"...\",  <unfinished ...>"
        assertTrue(onTarget.stream().allMatch(l -> l.matches("\\d+ +newfstatat\\(AT_FDCWD, \"[^\"]*\", .*")),
                String.join("\n", onTarget));
    }

    private static String tail(Path trace) {
        try {
            List<String> all = Files.readAllLines(trace);
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test void theSwitchTurnsItOffWithAReason() throws Exception {
        requireModule();
        List<String> cmd = childJvm(List.of(), "-D" + ForeignStat.PROPERTY + "=false");
        cmd.addAll(List.of(dir.toString(), "1"));
        String out = run(cmd, dir.resolve("off.txt"));
        assertTrue(out.contains("unavailable: disabled with -Dtracebench.foreignStat=false"), out);
    }
}
