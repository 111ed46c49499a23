package org.tracebench.loadgen.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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

    /** Looks a mechanism up by its YAML name ({@code posix_spawn}, {@code vfork}, {@code fork}), case-insensitive. */
    public static Optional<Launch> byName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(l -> l.yamlName.equals(n)).findFirst();
    }
}
