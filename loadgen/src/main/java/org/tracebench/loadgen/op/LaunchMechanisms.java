package org.tracebench.loadgen.op;

import java.util.Collection;
import java.util.Optional;
import org.tracebench.loadgen.task.Launch;
import org.tracebench.loadgen.task.TaskFile;

/**
 * The JVM-wide child-process launch mechanism. The JDK reads {@value #PROPERTY} once, when the first process is
 * started, so it must be set before that: {@code LoadMain}/{@code LoadCommand} call {@link #apply} right after the
 * task file is loaded. Rule: the task file's {@code launch} if given, else {@code FORK} when any {@code fork} op
 * exists, else {@code VFORK} when another exec op exists, else {@code POSIX_SPAWN} (the JDK 17 default on Linux);
 * see {@link TaskFile#defaultLaunch}.
 */
public final class LaunchMechanisms {
    public static final String PROPERTY = "jdk.lang.Process.launchMechanism";

    private LaunchMechanisms() {}

    /** The mechanism the task file needs. */
    public static Launch effective(TaskFile file) {
        return file.effectiveLaunch();
    }

    /**
     * Sets the system property unless it is already set (e.g. by the harness with {@code -D}). Returns the value
     * in force and, when an explicit setting differs from what the task file needs, a warning sentence.
     */
    public static Applied apply(TaskFile file) {
        return apply(effective(file), "the task file needs");
    }

    /**
     * The mechanism a load doing only {@code kinds} needs, by the task file's rule ({@link TaskFile#defaultLaunchFor}):
     * OpBenchmark applies it for its one kind per JMH fork, so micro times exec ops as {@code load} runs them.
     */
    public static Launch forKinds(Collection<OpKind> kinds) {
        return TaskFile.defaultLaunchFor(kinds);
    }

    /** {@link #apply(TaskFile)} for a load doing only {@code kinds} ({@link #forKinds}). */
    public static Applied apply(Collection<OpKind> kinds) {
        return apply(forKinds(kinds), "the ops " + kinds.stream().map(OpKind::yamlName).toList() + " need");
    }

    private static Applied apply(Launch want, String needs) {
        String current = System.getProperty(PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(PROPERTY, want.jdkName());
            return new Applied(want.jdkName(), Optional.empty());
        }
        String have = current.trim().toUpperCase(java.util.Locale.ROOT);
        Optional<String> warning = have.equals(want.jdkName()) ? Optional.empty()
                : Optional.of("The launch mechanism is already set to " + have + " (-D" + PROPERTY
                        + "), but " + needs + " " + want.jdkName() + "; exec ops use " + have + ".");
        return new Applied(have, warning);
    }

    /** The mechanism in force and an optional warning. */
    public record Applied(String mechanism, Optional<String> warning) {}
}
