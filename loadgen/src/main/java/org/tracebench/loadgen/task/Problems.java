package org.tracebench.loadgen.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every error and warning of one task file, each a sentence prefixed with {@code file:line:column}. */
final class Problems {
    private final Path file;
    private final Set<String> errors = new LinkedHashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    Problems(Path file) { this.file = file; }

    Path file() { return file; }

    SourceLocation at(Node node) {
        return node == null ? new SourceLocation(file, 1, 1) : at(node.getStartMark());
    }

    SourceLocation at(Mark mark) {
        return mark == null ? new SourceLocation(file, 1, 1)
                : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void error(Node node, String sentence) { error(at(node), sentence); }

    void error(SourceLocation where, String sentence) { errors.add(where + ": " + sentence); }

    void warn(Node node, String sentence) { warn(at(node), sentence); }

    void warn(SourceLocation where, String sentence) { warnings.add(where + ": warning: " + sentence); }

    boolean hasErrors() { return !errors.isEmpty(); }

    List<String> errors() { return new ArrayList<>(errors); }

    List<String> warnings() { return new ArrayList<>(warnings); }

    void throwIfErrors() throws TaskFileException {
        if (!errors.isEmpty()) throw new TaskFileException(errors());
    }
}
