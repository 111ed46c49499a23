package org.tracebench.loadgen.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.cli.LoadJvmOptions;
import org.tracebench.loadgen.task.OpOptions;

/**
 * A failing op issues its call once: before 2026-12-07 a failure was repeated through the public API "for the error
 * message", a real second attempt that succeeded whenever another worker had restored the path meanwhile (strace:
 * 64 failed renames, 6 rename errors in the JSON). Checked under strace in a child JVM with the load generator's
 * options, on the JDK-internals path and on the public-API fallback.
 */
class NoSecondAttemptTest {
    @TempDir Path dir;

    static final int TIMES = 3;
    /** What each op is tried on, and the call that must appear once per attempt on that path. */
    static final Map<String, String> CALL = Map.of("read", "openat", "open", "openat", "rename", "rename",
            "readdir", "openat", "remove", "rmdir");

    /** A child JVM: runs each op of CALL TIMES times on a path where it fails, prints "ok". */
    public static void main(String[] args) throws Exception {
        Path d = Path.of(args[0]);
        boolean internals = Boolean.parseBoolean(args[1]);
        for (String name : CALL.keySet()) {
            OpKind k = OpKind.byName(name).orElseThrow();
            Op op = Ops.create(k, OpOptions.DEFAULTS, pid -> { }, internals);
            Path p = d.resolve("fail-" + name);
            if (k == OpKind.REMOVE) Files.write(Files.createDirectories(p).resolve("keep"), new byte[0]); // not empty
            for (int i = 0; i < TIMES; i++) {
                try {
                    op.prepare(p);
                    op.perform(p);
                    System.out.println(name + " succeeded");
                } catch (Exception expected) {
                    // the failure under test
                }
            }
        }
        System.out.println("ok");
    }

    @Test void aFailedOpIssuesItsCallOnceWithTheJdkInternals() throws Exception {
        check(true);
    }

    @Test void aFailedOpIssuesItsCallOnceOnThePublicApis() throws Exception {
        check(false);
    }

    private void check(boolean internals) throws Exception {
        boolean strace = Files.isExecutable(Path.of("/usr/bin/strace")) || Files.isExecutable(Path.of("/bin/strace"));
        if (!strace) {
            if ("1".equals(System.getenv("TRACEBENCH_REQUIRE_TRACERS"))) fail("strace is needed (TRACEBENCH_REQUIRE_TRACERS=1)");
            abort("strace is needed to count the calls: apt-get install -y strace");
        }
        Path trace = dir.resolve("trace.txt");
        List<String> cmd = new ArrayList<>(List.of("strace", "-f", "-qq", "-e",
                "trace=openat,rename,renameat,renameat2,unlink,unlinkat,rmdir", "-o", trace.toString()));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LoadJvmOptions.forTask(1, Set.of(OpKind.READ)));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NoSecondAttemptTest.class.getName(),
                dir.toString(), Boolean.toString(internals)));
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        String s = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(s.contains("ok") && !s.contains("succeeded"), s);
        // "PID call(..." with the path as an argument; a line another thread split still names call and path
        Pattern line = Pattern.compile("^\\d+ +(\\w+)\\(.*\"" + Pattern.quote(dir.toString()) + "/fail-([a-z]+)\".*");
        Map<String, Integer> got = new TreeMap<>();
        for (String l : Files.readAllLines(trace)) {
            Matcher m = line.matcher(l);
            if (m.matches() && m.group(1).equals(CALL.get(m.group(2)))) got.merge(m.group(2), 1, Integer::sum);
        }
        Map<String, Integer> want = new TreeMap<>();
        for (String name : CALL.keySet()) want.put(name, TIMES);
        assertEquals(want, got, "calls per op kind on its failing path (jdkInternals " + internals + ")");
    }
}
