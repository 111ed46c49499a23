package org.tracebench.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.suite.Suite;
import org.tracebench.harness.suite.SuiteException;
import org.tracebench.harness.suite.SuiteFiles;
import org.tracebench.harness.suite.SuiteParser;
import org.tracebench.tracers.Tracer;

/** The harness's suite check for {@code tracebench validate}: syntax, task files, tracer names; unavailable tracers are warnings. */
final class SuiteValidation {
    private SuiteValidation() {}

    static ValidateCommand.SuiteValidator.Result validate(Path file, List<Path> allowPaths) {
        return validate(file, allowPaths, RunPlanning.registeredTracers());
    }

    static ValidateCommand.SuiteValidator.Result validate(Path file, List<Path> allowPaths, List<Tracer> registry) {
        List<String> problems = SuiteFiles.validate(file, RunCommand.options(registry), allowPaths);
        if (!problems.isEmpty()) return new ValidateCommand.SuiteValidator.Result(problems, List.of(), "");
        Suite suite;
        try {
            suite = SuiteParser.parse(file).withMoreAllowPaths(allowPaths);
        } catch (SuiteException e) { // the file changed under us
            return new ValidateCommand.SuiteValidator.Result(e.problems(), List.of(), "");
        }
        problems = optionValueProblems(suite, registry);
        if (!problems.isEmpty()) return new ValidateCommand.SuiteValidator.Result(problems, List.of(), "");
        List<String> warnings = new ArrayList<>(org.tracebench.harness.suite.TaskOverrides.notices(suite));
        Oversubscribed.notice(suite).ifPresent(warnings::add);
        List<String> names = new ArrayList<>();
        if (suite.allTracers()) registry.forEach(t -> names.add(t.name()));
        else suite.tracers().forEach(t -> names.add(t.name()));
        java.util.Set<String> unavailable = new java.util.HashSet<>();
        for (String n : names) {
            Tracer t = RunCommand.byName(registry).get(n);
            if (t != null && !t.availability().available()) {
                unavailable.add(n);
                warnings.add(file + ": tracer " + n + " is unavailable here and would be skipped: " + t.availability().reason());
            }
        }
        // issue 7: count the real plan (paired ABBA blocks, matrix configurations, every planned sweep level), as run
        // would make it here: without the tracers it skips
        java.util.Map<String, Path> files = new java.util.LinkedHashMap<>();
        suite.tasks().forEach(t -> files.put(t.name(), t.file()));
        List<Suite.TracerSpec> specs = (suite.allTracers() ? names.stream().map(Suite.TracerSpec::of).toList()
                : suite.tracers()).stream().filter(t -> !unavailable.contains(t.name())).toList();
        if (specs.stream().allMatch(t -> t.name().equals("none")) && !unavailable.isEmpty()) { // not [none] on purpose
            warnings.add(file + ": No tracer besides none is available here, so tracebench run would refuse this suite"
                    + " here (no tracer left to compare against none).");
        }
        List<org.tracebench.harness.suite.TrialSpec> plan = org.tracebench.harness.suite.TrialPlan.build(suite, specs, files, 0);
        int trials = plan.size();
        String tracers = unavailable.isEmpty() ? count(names.size(), "tracer")
                : (names.size() - unavailable.size()) + " of " + count(names.size(), "tracer") + " available here";
        String summary = tracers + (suite.allTracers() ? " (all)" : "") + ", " + count(suite.tasks().size(), "workload")
                + ", " + count(trials, "trial") + " of " + suite.duration().toMillis() / 1000.0 + " s"
                + (trials == 0 ? "" : ": " + PlanPrinting.perTracer(plan));
        return new ValidateCommand.SuiteValidator.Result(problems, warnings, summary);
    }

    /**
     * The suite's tracer option values each backend would refuse at start ({@code Tracer.optionProblems}), each at
     * the option's line; run and validate refuse the suite with them rather than record every trial invalid.
     */
    static List<String> optionValueProblems(Suite suite, List<Tracer> registry) {
        java.util.Set<String> problems = new java.util.LinkedHashSet<>(); // a matrix repeats each value per configuration
        Map<String, Tracer> byName = RunCommand.byName(registry);
        for (Suite.TracerSpec t : suite.tracers()) {
            Tracer tracer = byName.get(t.name());
            if (tracer == null) continue;
            tracer.optionProblems(t.options()).forEach((key, why) -> problems.add(suite.at(Suite.optionKey(t.label(), key)) + ": " + why));
        }
        return List.copyOf(problems);
    }

    /** "1 workload", "2 workloads". */
    private static String count(int n, String noun) { return n + " " + noun + (n == 1 ? "" : "s"); }
}
