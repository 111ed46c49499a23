package org.tracebench.loadgen.cli;

import picocli.CommandLine;

/**
 * Entry point of the load generator as its own JVM, started by the harness:
 * {@code java -cp tracebench.jar org.tracebench.loadgen.cli.LoadMain TASKFILE [load options] --control stdio --json F}.
 * Takes exactly the options of {@code tracebench load}; the launch mechanism property is set by
 * {@link LoadCommand} right after the task file is read, before any child process starts.
 */
public final class LoadMain {
    private LoadMain() {}

    public static void main(String[] args) {
        int code = OptionErrors.install(new CommandLine(new LoadCommand())).execute(args);
        System.exit(code);
    }
}
