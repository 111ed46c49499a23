package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.report.Fixtures;

/** compare refuses a directory against itself; compare and run refuse system directories for --out, run one with a line break. */
class OutAndSameDirTest {
    @TempDir
    Path tmp;

    @Test
    void compareRefusesADirectoryComparedWithItself() throws Exception {
        Path r = Fixtures.copyTo(tmp);
        for (String b : List.of(r.toString(), r + "/./", r + "/../" + r.getFileName())) {
            Executed e = Executed.run(new CompareCommand(), r.toString(), b, "--formats", "svg");
            assertEquals(2, e.code(), e.err());
            assertTrue(e.err().contains("are the same directory (" + r.toRealPath() + "), so B/A would compare a run with itself"), e.err());
            assertEquals("", e.out());
        }
        assertFalse(Files.exists(r.resolve("compare-" + r.getFileName())), "nothing written");
    }

    @Test
    void compareAndRunRefuseSystemDirectoriesForOut() throws Exception {
        Path a = Fixtures.copyTo(tmp.resolve("a")), b = Fixtures.copyTo(tmp.resolve("b"));
        for (String out : List.of("/etc", "/etc/tb-results-never", "/usr/share/tb-never", "/")) {
            Executed e = Executed.run(new CompareCommand(), a.toString(), b.toString(), "--out", out, "--formats", "svg");
            assertEquals(2, e.code(), out + ": " + e.err());
            String why = out.equals("/") ? " is a shared directory" : out.equals("/etc") ? " is a system directory"
                    : " lies in the system directory " + out.substring(0, out.indexOf('/', 1));
            assertTrue(e.err().startsWith("--out " + out + why + "; "), e.err());
            assertFalse(Files.exists(Path.of(out, "compare.md")) && !out.equals("/etc"), out);
        }
        Path suite = SuiteFixture.write(tmp, "sys", List.of("strace"), "2s", 1);
        Executed run = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--dry-run", "--out", "/etc");
        assertEquals(2, run.code(), run.err());
        assertEquals("--out /etc is a system directory; give a directory of its own for the results, such as results/.\n", run.err());
        Executed ok = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--dry-run", "--out", tmp.resolve("r").toString());
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void compareNamesADamagedTrialJsonInsteadOfComparingWithoutIt() throws Exception {
        Path a = Fixtures.copyTo(tmp.resolve("a")), b = Fixtures.copyTo(tmp.resolve("b"));
        Path broken = b.resolve("trials/002-strace-mixed-w1-r1/trial.json");
        Files.writeString(broken, "{not json");
        Executed e = Executed.run(new CompareCommand(), a.toString(), b.toString(), "--formats", "svg");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.err().contains("Warning: [unreadable-files] A result file cannot be read (empty, truncated or edited), so what it holds is left out ("
                + broken + ":1:10: not valid JSON: "), e.err());
    }

    @Test
    void runRefusesAnOutWithALineBreakBeforeWritingAnything() throws Exception {
        Path suite = SuiteFixture.write(tmp, "nl", List.of("strace"), "2s", 1);
        Path out = tmp.resolve("a\nb");
        Executed run = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--dry-run", "--out", out.toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("--out " + tmp + "/a\\nb holds a line break, and the load generator's control"), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
