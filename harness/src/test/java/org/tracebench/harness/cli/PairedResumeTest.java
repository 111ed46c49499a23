package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.suite.TrialSpec;

/** run --resume of a paired suite runs both trials of an ABBA pair whose one trial is missing, in one session. */
class PairedResumeTest {
    @TempDir Path tmp;

    @Test
    void aResumeRunsTheFinishedPartnerOfAMissingTrialAgainBesideIt() throws Exception {
        Files.copy(PairedResumeTest.class.getResourceAsStream("/suites/tiny-task.yaml"), tmp.resolve("tiny-task.yaml"));
        Path suite = Files.writeString(tmp.resolve("pr.yaml"), "name: pr\ntasks: [tiny-task.yaml]\ntracers: [strace]\n"
                + "workers: 1\nduration: 1s\nwarmup: 0s\nrepetitions: 1\norder: paired\ncooldown: 0s\nseed: 3\n");
        var err = new java.io.PrintWriter(new java.io.StringWriter());
        RunPlanning.Planned plan = new RunPlanning(TestTracers.registry(), false, err).fresh(suite, null, null, null, null, List.of());
        RunPlanning.Created created = RunPlanning.createResults(plan, tmp.resolve("out"));
        List<TrialSpec> trials = created.trials();
        TrialSpec tracer = trials.stream().filter(t -> t.tracer().name().equals("strace") && t.placement().position() == 2)
                .findFirst().orElseThrow();
        TrialSpec partner = trials.stream().filter(t -> t.placement().block() == tracer.placement().block()
                && t.placement().position() == 1).findFirst().orElseThrow();
        for (TrialSpec t : trials) { // every trial but the tracer's finished in the first session
            Path d = Files.createDirectories(created.dir().trialDir(t));
            Files.writeString(d.resolve("trial.json"), t == tracer ? "{\"status\": \"invalid\"}" : "{\"status\": \"ok\"}");
        }
        assertEquals(List.of(partner, tracer), created.dir().toRun(trials), "the pair, in plan order, and nothing else");
        assertEquals(List.of(partner), created.dir().partnersToRun(trials));

        Executed dry = Executed.run(new RunCommand(TestTracers::registry), "--resume", created.dir().dir().toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("Suite pr: 8 trial(s) (6 already finished, 2 to run)"), dry.out());
        assertTrue(dry.out().contains(partner.dirName() + "  " + partner.taskFile() + "  (runs again with the other trial"
                + " of its ABBA pair, so that both run in one session; moved to replaced/)"), dry.out());
        assertTrue(dry.out().contains(tracer.dirName() + "  " + tracer.taskFile() + "  (runs again: its attempt was invalid"), dry.out());
        assertEquals(6, dry.out().split("\\(finished\\)", -1).length - 1, dry.out());
    }
}
