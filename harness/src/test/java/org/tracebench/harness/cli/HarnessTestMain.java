package org.tracebench.harness.cli;

import picocli.CommandLine;

/** Runs {@code tracebench run ...} as its own JVM for the signal tests, with the tracer registry tests use. */
public final class HarnessTestMain {
    private HarnessTestMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunCommand(TestTracers::registry)).execute(args));
    }
}
