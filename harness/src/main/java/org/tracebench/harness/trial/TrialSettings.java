package org.tracebench.harness.trial;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tracebench.harness.sampling.Machine;
import org.tracebench.loadgen.cli.LoadJvmOptions;

/**
 * What every trial of a run shares.
 *
 * @param javaCommand    the java binary and JVM options for the load generator, before {@code -cp}
 * @param classpath      where {@code org.tracebench.loadgen.cli.LoadMain} is (this jar or java.class.path)
 * @param readyTimeout   for READY and for the tracer's awaitReady each
 * @param stopGrace      SIGINT-to-SIGKILL grace when stopping a tracer
 * @param pinning        where the load generator and the tracer run (the suite's {@code pinning})
 */
public record TrialSettings(Duration duration, Duration warmup, Duration samplingInterval, Machine machine,
                            List<String> javaCommand, String classpath, Duration readyTimeout, Duration stopGrace,
                            org.tracebench.harness.suite.Pinning pinning, List<Path> allowPaths) {
    public TrialSettings {
        javaCommand = List.copyOf(javaCommand);
        allowPaths = allowPaths == null ? List.of() : List.copyOf(allowPaths);
        if (pinning == null) pinning = org.tracebench.harness.suite.Pinning.NONE;
    }

    /** Settings without pinning. */
    public TrialSettings(Duration duration, Duration warmup, Duration samplingInterval, Machine machine,
                         List<String> javaCommand, String classpath, Duration readyTimeout, Duration stopGrace) {
        this(duration, warmup, samplingInterval, machine, javaCommand, classpath, readyTimeout, stopGrace, null, null);
    }

    /** A copy with {@code p} as the pinning. */
    public TrialSettings withPinning(org.tracebench.harness.suite.Pinning p) {
        return new TrialSettings(duration, warmup, samplingInterval, machine, javaCommand, classpath, readyTimeout,
                stopGrace, p, allowPaths);
    }

    /** A copy whose load generators get {@code --allow-path} for each of {@code dirs} (the suite's allowPaths). */
    public TrialSettings withAllowPaths(List<Path> dirs) {
        return new TrialSettings(duration, warmup, samplingInterval, machine, javaCommand, classpath, readyTimeout,
                stopGrace, pinning, dirs);
    }

    /**
     * {@link #javaCommand} for a load generator with {@code workers} workers: with
     * {@link LoadJvmOptions#youngGeneration} unless the command already sets one ({@code -Xmn}).
     */
    public List<String> javaCommandFor(int workers) {
        if (javaCommand.stream().anyMatch(a -> a.startsWith("-Xmn"))) return javaCommand;
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.add(LoadJvmOptions.youngGeneration(workers));
        return cmd;
    }

    /**
     * The current JVM's java binary with {@link LoadJvmOptions#BASE} and the options of this JVM that loads get too
     * ({@link LoadJvmOptions#fromHarness}), and this process's class path.
     */
    public static TrialSettings forThisJvm(Duration duration, Duration warmup, Duration samplingInterval, Machine machine) {
        return forJvm(duration, warmup, samplingInterval, machine,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** {@link #forThisJvm} for a harness JVM started with {@code harnessArguments}. */
    static TrialSettings forJvm(Duration duration, Duration warmup, Duration samplingInterval, Machine machine,
                                List<String> harnessArguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> javaCommand = new ArrayList<>();
        javaCommand.add(java);
        javaCommand.addAll(LoadJvmOptions.BASE); // and the young generation per trial: TrialRunner.loadCommand
        javaCommand.addAll(LoadJvmOptions.fromHarness(harnessArguments));
        return new TrialSettings(duration, warmup, samplingInterval, machine, javaCommand,
                System.getProperty("java.class.path"), Duration.ofSeconds(60), Duration.ofSeconds(5));
    }
}
