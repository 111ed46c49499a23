package org.tracebench.harness.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tracebench.harness.cli.RunPlanning.Planned;
import org.tracebench.harness.suite.Durations;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;

/** Describes a {@link RunPlanning.Planned} plan to the user: its trials, their blocks and the estimated wall time. */
final class PlanPrinting {
    private PlanPrinting() {}

    /**
     * A first guess of one trial's wall time: warm-up and measured window, then the gap to the next window, which is
     * the longer of the cooldown (counted from the tracer's stop, about 0.3 s after the window) and the next load
     * generator's boot (about 1.2 s, started as the window closes), plus about 0.4 s of attach, quiet check and
     * result. On quick.yaml this gives 7.6 s a trial against 7.1-8.4 s measured (docs/suites.md, "Wall time").
     */
    static Duration estimatedTrial(Planned plan) {
        Duration gap = plan.cooldown().plusMillis(300);
        if (gap.compareTo(Duration.ofMillis(1200)) < 0) gap = Duration.ofMillis(1200);
        return plan.warmup().plus(plan.duration()).plus(gap).plusMillis(400);
    }

    /** "none 32, ftrace[bufferSizeKb=4096] 16, strace 16": trials per tracer label, none first, then by name. */
    static String perTracer(List<TrialSpec> trials) {
        Map<String, Integer> n = new java.util.TreeMap<>((x, y) -> x.equals(y) ? 0 : x.equals("none") ? -1
                : y.equals("none") ? 1 : x.compareTo(y));
        for (TrialSpec t : trials) n.merge(t.tracer().name().equals("none") ? "none" : t.tracer().label(), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        n.forEach((label, count) -> parts.add(label + " " + count));
        return String.join(", ", parts);
    }

    /**
     * The line that opens paired block {@code trials[from]}: "block 3 (ftrace against none): none, ftrace, ftrace,
     * none", or "(A/A check: none against itself)".
     */
    static String blockLine(List<TrialSpec> trials, int from) {
        int block = trials.get(from).placement().block();
        List<String> labels = new ArrayList<>();
        for (int i = from; i < trials.size() && trials.get(i).placement().block() == block; i++) {
            TracerSpec tr = trials.get(i).tracer();
            labels.add(tr.name().equals("none") ? "none" : tr.label());
        }
        String what = "aa".equals(trials.get(from).placement().role()) ? "A/A check: none against itself"
                : labels.stream().filter(l -> !l.equals("none")).findFirst().map(l -> l + " against none").orElse("pair");
        return "  block " + block + " (" + what + "): " + String.join(", ", labels);
    }

    /**
     * The plan, one trial a line, and the estimated time of the trials still to run; {@code finished} marks those a
     * resumed directory already holds and that do not run again, {@code recorded} those of the others it holds an
     * attempt of: invalid or unreadable, or finished, running again beside the other trial of its ABBA pair
     * ({@code again}).
     */
    static void printPlan(Planned plan, java.util.function.Predicate<TrialSpec> finished,
                          java.util.function.Predicate<TrialSpec> recorded, java.util.function.Predicate<TrialSpec> again,
                          PrintWriter o) {
        long done = plan.trials().stream().filter(finished).count();
        Object order = plan.suiteAsRun().get("order");
        o.printf("Suite %s: %d trial(s)%s, %s%s%n", plan.suiteName(), plan.trials().size(),
                done == 0 ? "" : " (" + done + " already finished, " + (plan.trials().size() - done) + " to run)",
                "round-robin".equals(order) ? "order round-robin (unshuffled: no seed)" : "seed " + plan.seed() + ", order " + order,
                plan.pinning() == org.tracebench.harness.suite.Pinning.NONE ? ""
                        : ", pinning " + plan.pinning().yamlName());
        o.println("  per tracer: " + perTracer(plan.trials()));
        plan.needsRoot().forEach((name, why) -> o.println("  needs root: " + name + " (planned as a run as root would run it,"
                + " and counted in the estimate; " + why + ")"));
        List<TrialSpec> trials = plan.trials();
        for (int i = 0; i < trials.size(); i++) {
            TrialSpec t = trials.get(i);
            int block = t.placement().block();
            if (block > 0 && (i == 0 || trials.get(i - 1).placement().block() != block)) o.println(blockLine(trials, i));
            o.println((block > 0 ? "    " : "  ") + t.dirName() + "  " + t.taskFile() + (finished.test(t) ? "  (finished)"
                    : again.test(t) ? "  (runs again with the other trial of its ABBA pair, so that both run in one"
                            + " session; moved to replaced/)"
                    : recorded.test(t) ? "  (runs again: its attempt was invalid or unreadable; moved to replaced/)"
                    : plan.needsRoot().containsKey(t.tracer().name()) ? "  (needs root)" : ""));
        }
        long s = Math.round(estimatedTrial(plan).toMillis() / 1e3 * (plan.trials().size() - done));
        o.printf(Locale.ROOT, "Estimated time: about %s (%s warm-up + %s measured per trial, then the longer of the "
                        + "%s cooldown (from the tracer's stop, ~0.3 s after the window) and the next load generator's ~1.2 s boot, and ~0.4 s"
                        + " to attach and record).%n",
                Durations.approx(s), Durations.format(plan.warmup()), Durations.format(plan.duration()), Durations.format(plan.cooldown()));
        o.flush();
    }
}
