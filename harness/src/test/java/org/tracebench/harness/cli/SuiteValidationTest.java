package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.Tracer;

/** validate's ok line for a suite: what run would plan here, with counted nouns. */
class SuiteValidationTest {
    @TempDir Path dir;

    /** A registered backend that cannot run here. */
    private static final Tracer GHOST = new Tracer() {
        @Override public String name() { return "ghost"; }
        @Override public String description() { return "never available"; }
        @Override public Availability availability() { return Availability.unavailable("it is a test double", "none"); }
        @Override public Capabilities capabilities() { return TestTracers.named("none").capabilities(); }
    };

    /** A backend with one option, {@code mode}, whose start would refuse any value but paths. */
    private static final Tracer PICKY = new Tracer() {
        @Override public String name() { return "picky"; }
        @Override public String description() { return "refuses odd option values"; }
        @Override public Availability availability() { return Availability.ok("1"); }
        @Override public Capabilities capabilities() { return TestTracers.named("none").capabilities(); }
        @Override public java.util.Map<String, String> options() { return java.util.Map.of("mode", "paths only"); }
        @Override public java.util.Map<String, String> optionProblems(java.util.Map<String, String> options) {
            String mode = options.getOrDefault("mode", "paths");
            return mode.equals("paths") ? java.util.Map.of() : java.util.Map.of("mode", "The picky option mode must be paths, not '" + mode + "'.");
        }
    };

    private Path suite(String tracers) throws Exception {
        Path task = Files.writeString(dir.resolve("t.yaml"), "name: t\ntasks:\n  - {op: stat, path: /etc/hostname}\n");
        return Files.writeString(dir.resolve("s.yaml"), "name: s\ntasks: [" + task + "]\ntracers: " + tracers
                + "\nworkers: 1\nduration: 2s\nrepetitions: 3\norder: round-robin\n");
    }

    @Test
    void theOkLineCountsTheTrialsRunWouldPlanHereWithoutUnavailableTracers() throws Exception {
        List<Tracer> registry = new ArrayList<>(TestTracers.registry());
        registry.add(GHOST);
        ValidateCommand.SuiteValidator.Result r = SuiteValidation.validate(suite("[none, ghost]"), List.of(), registry);
        assertEquals(List.of(), r.problems());
        assertEquals("1 of 2 tracers available here, 1 workload, 3 trials of 2.0 s: none 3", r.summary());
        assertTrue(r.warnings().get(0).contains("tracer ghost is unavailable here and would be skipped: it is a test double"),
                r.warnings().toString());
        assertTrue(r.warnings().get(1).endsWith("s.yaml: No tracer besides none is available here, so tracebench run would"
                + " refuse this suite here (no tracer left to compare against none)."), r.warnings().toString());
    }

    @Test
    void anEmptyTracersListIsRefusedButTheBaselineAloneIsASuite() throws Exception {
        ValidateCommand.SuiteValidator.Result empty = SuiteValidation.validate(suite("[]"), List.of(), TestTracers.registry());
        assertEquals(1, empty.problems().size(), empty.problems().toString());
        assertTrue(empty.problems().get(0).endsWith("s.yaml:3:10: 'tracers' is empty, so there is nothing to run; name the"
                + " tracers to compare against the baseline none (tracebench tracers lists them), 'tracers: all', or"
                + " 'tracers: [none]' to measure the baseline alone."), empty.problems().toString());
        ValidateCommand.SuiteValidator.Result none = SuiteValidation.validate(suite("[none]"), List.of(), TestTracers.registry());
        assertEquals(List.of(), none.problems(), "the machine's own noise, on purpose");
        assertEquals(List.of(), none.warnings(), "and run will not refuse it");
    }

    @Test
    void theOkLineSaysHowManyOfAPairedSuitesTrialsAreBaselines() throws Exception {
        Path s = suite("[none, strace, fatrace]");
        Files.writeString(s, Files.readString(s).replace("order: round-robin", "order: paired"));
        ValidateCommand.SuiteValidator.Result r = SuiteValidation.validate(s, List.of(), TestTracers.registry());
        // per repetition: an A/A block (4 none) and one none-tracer-tracer-none block per tracer
        assertEquals("3 tracers, 1 workload, 36 trials of 2.0 s: none 24, fatrace 6, strace 6", r.summary());
    }

    @Test
    void optionValuesTheBackendWouldRefuseAtStartAreRefusedByValidateAndRunBeforeAnyTrial() throws Exception {
        List<Tracer> registry = new ArrayList<>(TestTracers.registry());
        registry.add(PICKY);
        Path s = suite("[none, {name: picky, options: {mode: bogus}}]");
        ValidateCommand.SuiteValidator.Result r = SuiteValidation.validate(s, List.of(), registry);
        assertEquals(List.of(s + ":3:41: The picky option mode must be paths, not 'bogus'."), r.problems());
        java.io.PrintWriter err = new java.io.PrintWriter(new java.io.StringWriter());
        org.tracebench.harness.suite.SuiteException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.tracebench.harness.suite.SuiteException.class,
                () -> new RunPlanning(registry, false, err).fresh(s, null, null, null, null, List.of()));
        assertEquals(r.problems(), e.problems());
        Files.writeString(s, Files.readString(s).replace("bogus", "paths"));
        assertEquals(List.of(), SuiteValidation.validate(s, List.of(), registry).problems());
        // a plan recorded with values the backend now refuses: resuming would fail each trial the same way
        Path out = RunPlanning.createResults(new RunPlanning(registry, false, err).fresh(s, null, null, null, null, List.of()),
                dir.resolve("out")).dir().dir();
        Path manifest = out.resolve("manifest.json");
        String recorded = Files.readString(manifest);
        Files.writeString(manifest, recorded.replaceAll("(\"mode\"\\s*:\\s*)\"paths\"", "$1\"bogus\""));
        org.tracebench.harness.suite.SuiteException r2 = org.junit.jupiter.api.Assertions.assertThrows(
                org.tracebench.harness.suite.SuiteException.class, () -> new RunPlanning(registry, false, err).resume(out));
        assertTrue(r2.problems().contains(out + ": the plan gives picky option values it refuses, so its trials cannot be"
                + " resumed; fix the suite and run it again. The picky option mode must be paths, not 'bogus'."), r2.problems().toString());
    }

    @Test
    void anOptionOfASecondEntryForTheSameTracerIsNamedAtItsOwnLine() throws Exception {
        List<Tracer> registry = new ArrayList<>(TestTracers.registry());
        registry.add(PICKY);
        Path s = suite("\n  - {name: picky, matrix: {mode: [paths]}}\n  - {name: picky, options: {mode: bogus}}");
        assertEquals(List.of(s + ":5:29: The picky option mode must be paths, not 'bogus'."),
                SuiteValidation.validate(s, List.of(), registry).problems());
        Files.writeString(s, Files.readString(s).replace("{mode: [paths]}}", "{mode: [paths]}, options: {mood: x}}")
                .replace("{mode: bogus}", "{mood: x}"));
        String has = ": The tracer picky has no option 'mood'. Did you mean 'mode'? Its options: mode.";
        assertEquals(List.of(s + ":4:54" + has, s + ":5:29" + has), SuiteValidation.validate(s, List.of(), registry).problems());
    }

    @Test
    void resumeRefusesAPlanWhoseOptionNameTheBackendLacks() throws Exception {
        List<Tracer> registry = new ArrayList<>(TestTracers.registry());
        registry.add(PICKY);
        Path s = suite("[none, {name: picky, options: {mode: paths}}]");
        java.io.PrintWriter err = new java.io.PrintWriter(new java.io.StringWriter());
        Path out = RunPlanning.createResults(new RunPlanning(registry, false, err).fresh(s, null, null, null, null, List.of()),
                dir.resolve("out")).dir().dir();
        Path manifest = out.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"mode\"", "\"mood\""));
        org.tracebench.harness.suite.SuiteException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.tracebench.harness.suite.SuiteException.class, () -> new RunPlanning(registry, false, err).resume(out));
        assertTrue(e.problems().contains(out + ": the plan gives picky the option 'mood', which it does not have, so its"
                + " trials cannot be resumed; fix the suite and run it again. Its options: mode."), e.problems().toString());
    }
}
