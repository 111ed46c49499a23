package org.tracebench.loadgen.task;

import java.util.List;

/**
 * A task file is unusable. Each problem is a whole sentence starting with {@code file:line:column}; the CLI
 * prints them all and exits 2 without running or writing anything.
 */
public class TaskFileException extends Exception {
    private final List<String> problems;

    public TaskFileException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public TaskFileException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() { return problems; }
}
