package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.report.Fixtures;

/** {@code run --resume} on results directories it cannot resume: a sentence and exit 2, never a stack trace. */
class ResumeInputTest {
    @TempDir
    Path tmp;

    private Executed resume(Path dir) {
        return Executed.run(new RunCommand(TestTracers::registry), "--resume", dir.toString(), "--dry-run");
    }

    @Test
    void aManifestWithoutAPlanIsNamedWithTheMissingField() throws Exception {
        Path dir = Fixtures.copyTo(tmp); // hand-made: no plan, no suiteAsRun
        Executed r = resume(dir);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("manifest.json has no 'plan' (the list of trials a resumed run works through), so "
                + dir + " cannot be resumed"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void aCorruptManifestIsNamedWithLineAndColumn() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        Files.writeString(dir.resolve("manifest.json"), "{\"suite\": \"quick\",\n  \"seed\": [1,\n");
        Executed r = resume(dir);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("--resume: " + dir.toAbsolutePath().normalize().resolve("manifest.json") + ":3:1: not valid JSON: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Files.writeString(dir.resolve("manifest.json"), "");
        r = resume(dir);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("manifest.json is empty."), r.err());
    }

    @Test
    void aPlanEntryWithoutItsWorkersIsNamed() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        Files.writeString(dir.resolve("manifest.json"), "{\"suite\": \"quick\", \"seed\": 1, \"plan\": [{\"number\": 1,"
                + " \"tracer\": \"none\", \"workload\": \"mixed\", \"taskFile\": \"/x.yaml\", \"repetition\": 1}]}");
        Executed r = resume(dir);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("has a 'plan' entry 1 without the number 'workers'"), r.err());
    }
}
