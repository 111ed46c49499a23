package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Black-box tests of {@code tracebench validate}: real files, the real command line, output and exit codes. */
class ValidateCommandTest {
    @TempDir Path dir;

    private Executed run(CommandLine cl, String... args) {
        return Executed.run(cl, args);
    }

    private Executed run(String... args) {
        return run(Main.commandLine(), args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String v2(String tasks) {
        return "workRoot: " + dir.resolve("work") + "\ntasks:\n" + tasks;
    }

    @Test
    void validFilesPrintOkAndExitZero() throws Exception {
        Path v2 = write("a.yaml", v2("  - {op: write, path: x}\n  - {op: read, path: x}\n"));
        Path legacy = write("b.yaml", "- kind: read\n  scale: 1\n  files: [/etc/hostname]\n");
        Executed r = run("validate", v2.toString(), legacy.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(v2 + ": ok (2 tasks, format v2)\n" + legacy + ": ok (1 task, format legacy)\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void aTaskFileFromAPipeIsReadOnceAndValidated() throws Exception {
        Path src = write("src.yaml", v2("  - {op: stat, path: /}\n"));
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Process writer = new ProcessBuilder("sh", "-c", "cat \"$1\" > \"$2\"", "sh", src.toString(), fifo.toString())
                .start();
        Executed r = run("validate", fifo.toString());
        assertEquals(0, writer.waitFor());
        assertEquals(0, r.code(), r.err());
        assertEquals(fifo + ": ok (1 task, format v2)\n", r.out());
    }

    @Test
    void aSuiteFromAPipeIsReadOnceAndValidated() throws Exception {
        Path task = write("t.yaml", v2("  - {op: stat, path: /}\n"));
        Path src = write("suite-src.yaml", "name: piped\ntasks: [" + task + "]\ntracers: [none]\nduration: 1s\n");
        Path fifo = dir.resolve("suite-fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Process writer = new ProcessBuilder("sh", "-c", "cat \"$1\" > \"$2\"", "sh", src.toString(), fifo.toString())
                .start();
        Executed r = run("validate", fifo.toString());
        assertEquals(0, writer.waitFor());
        assertEquals(0, r.code(), "telling a suite from a task file read the pipe; parsing it must not read it again: " + r.err());
        assertTrue(r.out().startsWith(fifo + ": ok (suite"), r.out());
    }

    @Test
    void invalidFilePrintsEveryProblemWithLineAndColumnAndExitsTwo() throws Exception {
        Path bad = write("bad.yaml", "worker: 2\ntasks:\n  - {op: raed, path: x}\n");
        Executed r = run("validate", bad.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains(bad + ":1:1: Unknown key `worker` in the task file. Did you mean `workers`?"), r.err());
        assertTrue(r.err().contains(bad + ":3:10: Unknown op `raed`. Did you mean `read`?"), r.err());
        assertTrue(r.err().contains(bad + ": invalid (2 problems)"), r.err());
    }

    @Test
    void problemsComeInFileOrderWhicheverCheckFoundThem() throws Exception {
        // parsing finds lines 3, 5 and 10; the work-root check, which runs after it, finds line 8
        Path bad = write("order.yaml", "name: mine\nworkRoot: " + dir.resolve("work") + "\nduraton: 5s\ntasks:\n"
                + "  - op: reed\n    path: data/x.bin\n  - op: write\n    path: /etc/passwd\n  - op: execute-subproc\n"
                + "    path: /nonexistent/bin\n");
        Executed r = run("validate", bad.toString());
        assertEquals(2, r.code());
        List<Integer> lines = new ArrayList<>();
        for (String l : r.err().split("\n")) {
            if (l.startsWith(bad + ":") && !l.startsWith(bad + ": ")) lines.add(Integer.parseInt(l.substring(bad.toString().length() + 1).split(":")[0]));
        }
        assertEquals(List.of(3, 5, 8, 10), lines, r.err());
    }

    @Test
    void oneInvalidAmongValidFilesStillExitsTwoAndReportsTheValidOnes() throws Exception {
        Path good = write("good.yaml", v2("  - {op: stat, path: /}\n"));
        Path missing = dir.resolve("missing.yaml");
        Executed r = run("validate", good.toString(), missing.toString());
        assertEquals(2, r.code());
        assertTrue(r.out().contains(good + ": ok (1 task, format v2)"), r.out());
        assertTrue(r.err().contains(missing + ": The file does not exist."), r.err());
    }

    @Test
    void pathOutsideTheWorkRootIsRefusedUnlessAllowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path f = write("esc.yaml", v2("  - op: remove\n    path: ../outside/f\n"));
        Executed r = run("validate", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ":4:11: The `remove` path `../outside/f` resolves to "
                + outside.toRealPath().resolve("f") + ", outside the work root"), r.err());
        Executed allowed = run("validate", "--allow-path", outside.toString(), f.toString());
        assertEquals(0, allowed.code(), allowed.err());
        Path abs = write("abs.yaml", v2("  - {op: remove, path: " + outside.resolve("f") + "}\n"));
        assertEquals(2, run("validate", abs.toString()).code());
        Executed rooted = run("validate", "--work-root", outside.toString(), abs.toString());
        assertEquals(0, rooted.code(), "the command line's --work-root replaces the file's: " + rooted.err());
    }

    @Test
    void parseAndSafetyProblemsAreReportedTogether() throws Exception {
        Path f = write("both.yaml", v2("  - {op: raed, path: x}\n  - {op: write, path: /etc/tracebench-x}\n"));
        Executed r = run("validate", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ":3:10: Unknown op `raed`."), r.err());
        assertTrue(r.err().contains(f + ":4:23: The `write` path `/etc/tracebench-x` resolves to /etc/tracebench-x"),
                r.err());
        assertTrue(r.err().contains(f + ": invalid (2 problems)"), r.err());
    }

    @Test
    void warningsGoToStderrAndDoNotFailValidation() throws Exception {
        Path f = write("w.yaml", v2("  - {op: direct-read, path: \"nowhere-{iteration}.bin\"}\n"));
        Executed r = run("validate", f.toString());
        assertEquals(0, r.code());
        assertTrue(r.err().contains(f + ":3:29: warning: `direct-read` acts on `nowhere-{iteration}.bin`"), r.err());
    }

    @Test
    void suiteFilesAreDelegatedToThePluggedInValidator() throws Exception {
        Path suite = write("suite.yaml", "name: s\ntracers: [none, strace]\nworkloads: [tasks/mixed.yaml]\n");
        Executed none = run("validate", suite.toString());
        assertEquals(2, none.code());
        // Main plugs in the harness's suite parser: it names the bad key and suggests the right one
        assertTrue(none.err().contains(suite + ":3:1: Unknown key 'workloads' in a suite."), none.err());

        List<Path> seen = new ArrayList<>();
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new ValidateCommand((file, allow) -> {
            seen.add(file);
            return new ValidateCommand.SuiteValidator.Result(List.of(), List.of(), "2 tracers");
        }));
        Executed ok = run(cl, "validate", suite.toString());
        assertEquals(0, ok.code(), ok.err());
        assertEquals(suite + ": ok (suite, 2 tracers)\n", ok.out());
        assertEquals(List.of(suite), seen);

        CommandLine failing = new CommandLine(new Main());
        failing.addSubcommand(new ValidateCommand((file, allow) -> new ValidateCommand.SuiteValidator.Result(
                List.of(file + ":2:10: Unknown tracer `stace`."), List.of(), "")));
        Executed bad = run(failing, "validate", suite.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains(suite + ":2:10: Unknown tracer `stace`."), bad.err());
    }

    @Test
    void workRootAndWorkersAreRefusedForASuiteInsteadOfIgnored() throws Exception {
        List<Path> seen = new ArrayList<>();
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new ValidateCommand((file, allow) -> {
            seen.add(file);
            return new ValidateCommand.SuiteValidator.Result(List.of(), List.of(), "");
        }));
        Path suite = write("suite.yaml", "name: s\ntracers: [strace]\ntasks: [t.yaml]\n");
        Executed r = run(cl, "validate", "--work-root", "/etc", suite.toString());
        assertEquals(2, r.code(), r.out());
        assertEquals(suite + ": --work-root applies to task files only, and this is a suite: its tasks are checked against"
                + " their own workRoot and the suite's workers. Validate the suite without --work-root, or give its task"
                + " files.\n", r.err());
        Executed both = run(cl, "validate", "--workers", "2", "--work-root", "/var/tmp/x", suite.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--work-root and --workers apply to task files only"), both.err());
        assertEquals(List.of(), seen, "nothing was validated as if the flags applied");
    }

    @Test
    void everyBundledTaskFileValidates() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("tasks/schema"))) root = root.getParent();
        List<String> args = new ArrayList<>(List.of("validate"));
        try (Stream<Path> s = Files.walk(root.resolve("tasks"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> args.add(p.toString()));
        }
        assertTrue(args.size() > 8, args.toString());
        Executed r = run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        assertEquals(args.size() - 1, r.out().lines().filter(l -> l.contains(": ok (")).count(), r.out());
    }

    @Test
    void noFileIsAUsageErrorAndHelpWorks() {
        Executed r = run("validate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing required parameter"), r.err());
        Executed help = run("validate", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--allow-path"), help.out());
        Executed top = run("--help");
        assertTrue(top.out().contains("validate"), top.out());
    }

    @Test
    void aSyntaxErrorInASuiteNamesTheSuiteDocsAndOneInATaskFileTheTaskDocs() throws Exception {
        String bad = "  - name: w\n    tasks: [{op: write, path: o-{worker}}]\n";
        Path suite = write("s.yaml", "name: s\ntasks:\n" + bad + "tracers: [none]\n");
        Executed r = run("validate", suite.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith(suite + ":4:33: Malformed YAML: ") && r.err().contains("expected a YAML suite file"
                + " (see docs/suites.md)") && !r.err().contains("task-files.md"), r.err());
        Path task = write("t.yaml", "tasks:\n  - {op: write, path: o-{worker}}\n");
        Executed t = run("validate", task.toString());
        assertEquals(2, t.code());
        assertTrue(t.err().contains("expected a YAML task file (see docs/task-files.md)"), t.err());
    }
}
