package org.tracebench.harness.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.tracebench.harness.suite.Suite;
import org.tracebench.harness.trial.CpuAffinity;

/** Before a run: a suite's workers above the CPUs its load may use here, as run and report would warn (oversubscribed). */
final class Oversubscribed {
    private Oversubscribed() {}

    /** The note for {@code suite} on this machine, or empty (also when the CPUs cannot be read). */
    static Optional<String> notice(Suite suite) {
        try {
            return notice(suite, CpuAffinity.allowedCpus());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The note for {@code suite} when this process may use {@code allowed}; its pinning takes the tracer's CPU. */
    static Optional<String> notice(Suite suite, List<Integer> allowed) {
        int cpus;
        try {
            cpus = suite.pinning() == org.tracebench.harness.suite.Pinning.NONE ? allowed.size()
                    : suite.pinning().cpus(allowed).load().size();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the pinning's own refusal says it
        }
        int most = suite.workers().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (cpus <= 0 || most <= cpus) return Optional.empty();
        return Optional.of("Warning: " + suite.at("workers") + ": workers " + most + " exceeds the " + cpus
                + (cpus == 1 ? " CPU" : " CPUs") + " the load may use here, so the workers would take turns on them and"
                + " a tracer's CPU would come out of the load (its reader can fall behind and lose events); run and"
                + " report will warn (oversubscribed). Run at most " + cpus + " workers, or pin the tracer apart"
                + " (pinning: separate-cpus) with at most as many workers as the CPUs left to the load.");
    }
}
