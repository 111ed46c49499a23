package org.tracebench.harness.suite;

import java.util.List;

/** A suite file is unusable. Each problem is a whole sentence starting with {@code file:line:column}. */
public class SuiteException extends Exception {
    private final List<String> problems;

    public SuiteException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public SuiteException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() { return problems; }
}
