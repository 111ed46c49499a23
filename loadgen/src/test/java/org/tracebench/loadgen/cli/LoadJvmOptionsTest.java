package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.TestTasks;
import org.tracebench.loadgen.op.OpKind;

class LoadJvmOptionsTest {
    @TempDir Path dir;

    /**
     * A load generator started with the options runs read, open, truncate, readdir and exec through the JDK internals; one
     * started without them says why not, falls back, and still completes every op without an error.
     */
    @Test void theOptionsEnableTheJdkInternalsAndALoadGeneratorWithoutThemFallsBack() throws Exception {
        Path task = Files.writeString(dir.resolve("t.yaml"), String.join("\n",
                "name: internals", "setup:", "  - {path: f, size: 64}", "tasks:",
                "  - {op: read, path: f}", "  - {op: open, path: f}", "  - {op: truncate, path: t, size: 8}",
                "  - {op: stat, path: f}", "  - {op: readdir, path: .}",
                "  - {op: execute-subproc, path: " + TestTasks.trueBinary() + "}", ""));
        String with = runLoad(task, "with", LoadJvmOptions.OPTIONS);
        assertTrue(with.contains("\"jdkInternals\": true"), with);
        String without = runLoad(task, "without", List.of());
        assertTrue(without.contains("\"jdkInternals\": false"), without);
        assertTrue(without.contains("--add-opens"), "the reason should name the missing options: " + without);
        for (String json : List.of(with, without)) {
            assertFalse(json.matches("(?s).*\"errors\": [1-9].*"), json);
            for (String op : List.of("read", "open", "truncate", "stat", "readdir", "execute-subproc"))
                assertTrue(json.contains("\"" + op + "\": {"), op + " missing: " + json);
        }
    }

    private String runLoad(Path task, String name, List<String> jvmOptions) throws Exception {
        Path json = dir.resolve(name + ".json");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadMain.class.getName(), task.toString(),
                "--duration", "300ms", "--warmup", "0s", "--work-root", dir.resolve("root-" + name).toString(),
                "--json", json.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), name + ": " + out);
        assertEquals(jvmOptions.isEmpty(), out.contains("Note: read, open, truncate, readdir and exec ops use the public JDK APIs"),
                name + ": " + out);
        return Files.readString(json) + "\n" + out;
    }

    @Test void thisJavaAcceptsTheOptions() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LoadJvmOptions.OPTIONS);
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "java " + LoadJvmOptions.OPTIONS + " -version said: " + out);
        assertFalse(out.contains("CompileCommand"), "the JVM echoed a CompileCommand (stdout is the control channel): " + out);
    }

    /**
     * With the options, the class-data-sharing archive is mapped where it was built for: its read-only part holds no
     * private (relocated) pages, which every fork op would copy. Without them (the JDK's default since 17.0.x) it is
     * relocated here, so this test fails if the option stops working.
     */
    @Test void theClassDataArchiveIsNotRelocated() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(LoadJvmOptions.archiveAtItsAddress(Runtime.version().feature()).isEmpty(),
                "this JDK (" + Runtime.version() + ") is outside the versions LoadJvmOptions maps the archive for");
        long[] with = archiveKb(LoadJvmOptions.OPTIONS);
        org.junit.jupiter.api.Assumptions.assumeTrue(with[0] > 0, "this JVM maps no class-data-sharing archive (-Xshare:off?)");
        assertTrue(with[1] > 0 && with[2] == 0, "the archive was relocated: its read-only part is " + with[1]
                + " KB (a relocated archive is mapped writable), of which " + with[2] + " KB private");
        long[] without = archiveKb(List.of());
        assertTrue(without[3] > with[3], "anonymous KB in the archive with the options " + with[3] + ", without " + without[3]);
    }

    /** {resident KB, read-only resident KB, read-only anonymous KB, anonymous KB} of the .jsa mappings of a JVM with {@code options}. */
    private static long[] archiveKb(List<String> options) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ArchiveProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String[] f = out.lines().reduce((a, b) -> b).orElse("").split(" "); // past the JVM's incubator notice
        return java.util.Arrays.stream(f).mapToLong(Long::parseLong).toArray();
    }

    /** Prints "residentKb readOnlyKb readOnlyAnonymousKb anonymousKb" over this JVM's .jsa mappings (/proc/self/smaps). */
    static final class ArchiveProbe {
        public static void main(String[] args) throws Exception {
            long rss = 0, ro = 0, roAnon = 0, anon = 0;
            boolean jsa = false, readOnly = false;
            for (String l : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                if (l.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                    jsa = l.strip().endsWith(".jsa");
                    readOnly = l.split("\\s+")[1].startsWith("r-");
                } else if (jsa && l.startsWith("Rss:")) {
                    long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    rss += kb;
                    if (readOnly) ro += kb;
                } else if (jsa && l.startsWith("Anonymous:")) {
                    long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    anon += kb;
                    if (readOnly) roAnon += kb;
                }
            }
            System.out.println(rss + " " + ro + " " + roAnon + " " + anon);
        }
    }

    @Test void mainPrintsTheOptionsOnOneLineForShellScripts() {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
            LoadJvmOptions.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        assertEquals(String.join(" ", LoadJvmOptions.OPTIONS) + System.lineSeparator(), b.toString(StandardCharsets.UTF_8));
    }

    @Test void mainReadsTheWorkersOfALoadCommandLine() {
        assertEquals(String.join(" ", LoadJvmOptions.forWorkers(3)), printed("load", "t.yaml", "--workers", "3"));
        assertEquals(String.join(" ", LoadJvmOptions.forWorkers(4)), printed("load", "--workers=4", "t.yaml"));
        assertEquals(String.join(" ", LoadJvmOptions.OPTIONS), printed("load", "--workers", "many"));
        assertTrue(printed("load", "--workers", "2").endsWith("-Xmn16m"));
    }

    @Test void foreignStatOptionsGoToALoadThatStatsAndNeverForks() {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.tracebench.loadgen.sys.ForeignStat.JVM_OPTIONS.isEmpty(),
                "this JDK has no jdk.incubator.foreign");
        List<String> stat = LoadJvmOptions.foreignStat(java.util.Set.of(OpKind.STAT, OpKind.READ, OpKind.CHMOD));
        assertEquals(org.tracebench.loadgen.sys.ForeignStat.JVM_OPTIONS, stat);
        for (OpKind exec : new OpKind[] {OpKind.FORK, OpKind.EXECUTE_SUBPROC, OpKind.EXECUTE_SUBTHREAD})
            assertEquals(List.of(), LoadJvmOptions.foreignStat(java.util.Set.of(OpKind.STAT, exec)), exec.yamlName());
        assertEquals(List.of(), LoadJvmOptions.foreignStat(java.util.Set.of(OpKind.READ)));
        List<String> task = LoadJvmOptions.forTask(2, java.util.Set.of(OpKind.STAT));
        assertTrue(task.containsAll(stat) && task.get(task.size() - 1).equals("-Xmn16m"), task.toString());
        assertFalse(LoadJvmOptions.BASE.stream().anyMatch(stat::contains), "BASE stays without them: " + LoadJvmOptions.BASE);
    }

    @Test void mainReadsTheTaskFileOfALoadCommandLine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.tracebench.loadgen.sys.ForeignStat.JVM_OPTIONS.isEmpty(),
                "this JDK has no jdk.incubator.foreign");
        Path stat = Files.writeString(dir.resolve("stat.yaml"), "name: s\ntasks:\n  - {op: stat, path: /etc/hostname}\n");
        Path mixed = Files.writeString(dir.resolve("mixed.yaml"),
                "name: m\ntasks:\n  - {op: stat, path: /etc/hostname}\n  - {op: fork, path: /bin/true}\n");
        String withStat = printed("load", "--workers", "2", "--json", "r.json", stat.toString(), "--duration", "1s");
        assertEquals(String.join(" ", LoadJvmOptions.forTask(2, java.util.Set.of(OpKind.STAT))), withStat);
        assertTrue(withStat.contains("--add-modules=jdk.incubator.foreign"), withStat);
        assertEquals(String.join(" ", LoadJvmOptions.forWorkers(1)), printed("load", mixed.toString()));
        assertEquals(String.join(" ", LoadJvmOptions.forWorkers(1)), printed("load", dir.resolve("missing.yaml").toString()));
        Path four = Files.writeString(dir.resolve("four.yaml"), "name: f\nworkers: 4\ntasks:\n  - {op: read, path: /etc/hostname}\n");
        assertEquals(String.join(" ", LoadJvmOptions.forWorkers(4)), printed("load", four.toString()), "the task's workers");
        assertEquals(String.join(" ", LoadJvmOptions.forWorkers(2)), printed("load", four.toString(), "--workers", "2"));
    }

    private static String printed(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
            LoadJvmOptions.main(args);
        } finally {
            System.setOut(old);
        }
        return b.toString(StandardCharsets.UTF_8).strip();
    }
}
