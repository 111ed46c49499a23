package org.tracebench.harness.micro;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every tracer's JMH process of a micro run shares.
 *
 * @param javaCommand  the java binary and JVM options, before {@code -cp}
 * @param classpath    where {@code org.tracebench.loadgen.bench.MicroMain} and the JMH benchmark list are
 * @param ops          op kinds (YAML names) passed as JMH's {@code op} param
 * @param jmhArgs      JMH command-line options passed through, e.g. {@code -f 1 -wi 1 -i 2 -w 200ms -r 200ms}
 * @param readyTimeout for READY and for the tracer's awaitReady each
 * @param runTimeout   for JMH's whole run after GO; the tracer is stopped and the process killed after it
 * @param stopGrace    SIGINT-to-SIGKILL grace when stopping a tracer
 * @param pinning      where the JMH process (and its forks) and the tracer run, as a suite's {@code pinning}
 */
public record MicroSettings(List<String> javaCommand, String classpath, List<String> ops, List<String> jmhArgs,
                            Duration readyTimeout, Duration runTimeout, Duration stopGrace,
                            org.tracebench.harness.suite.Pinning pinning) {
    public MicroSettings {
        if (pinning == null) pinning = org.tracebench.harness.suite.Pinning.NONE;
        javaCommand = List.copyOf(javaCommand);
        ops = List.copyOf(ops);
        jmhArgs = List.copyOf(jmhArgs);
    }

    /**
     * This JVM's java binary and class path, with the options of this JVM that loads get too
     * ({@link org.tracebench.loadgen.cli.LoadJvmOptions#fromHarness}): JMH starts its forks with them.
     */
    public static MicroSettings forThisJvm(List<String> ops, List<String> jmhArgs, Duration runTimeout) {
        return forJvm(ops, jmhArgs, runTimeout, java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** {@link #forThisJvm} for a harness JVM started with {@code harnessArguments}. */
    static MicroSettings forJvm(List<String> ops, List<String> jmhArgs, Duration runTimeout, List<String> harnessArguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> javaCommand = new java.util.ArrayList<>(List.of(java));
        javaCommand.addAll(org.tracebench.loadgen.cli.LoadJvmOptions.fromHarness(harnessArguments));
        return new MicroSettings(javaCommand, System.getProperty("java.class.path"), ops, jmhArgs,
                Duration.ofSeconds(60), runTimeout, Duration.ofSeconds(5), null);
    }

    /** A copy with {@code p} as the pinning. */
    public MicroSettings withPinning(org.tracebench.harness.suite.Pinning p) {
        return new MicroSettings(javaCommand, classpath, ops, jmhArgs, readyTimeout, runTimeout, stopGrace, p);
    }
}
