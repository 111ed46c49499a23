package org.tracebench.loadgen.task;

/**
 * How the JDK starts a child process ({@code jdk.lang.Process.launchMechanism}). The JDK reads this once per
 * process, so one task file has one launch mechanism for all of its exec operations.
 */
public enum Launch {
    POSIX_SPAWN("posix_spawn"), VFORK("vfork"), FORK("fork");

    private final String yamlName;

    Launch(String yamlName) { this.yamlName = yamlName; }

    public String yamlName() { return yamlName; }

    /** The value for {@code -Djdk.lang.Process.launchMechanism}. */
    public String jdkName() { return name(); }
}
