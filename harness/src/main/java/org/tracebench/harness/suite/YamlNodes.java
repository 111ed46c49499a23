package org.tracebench.harness.suite;

import java.nio.file.Path;
import java.util.Collection;
import org.tracebench.loadgen.task.SafeYaml;
import org.tracebench.loadgen.task.Suggest;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Safe YAML composition and error-message helpers for suite files: the load generator's {@link SafeYaml} limits
 * and its {@link Suggest} for typos, so suites and task files are read and corrected the same way.
 */
final class YamlNodes {
    static final int MAX_CODE_POINTS = SafeYaml.MAX_BYTES;

    private YamlNodes() {}

    /** A YAML instance to compose nodes (no tags are constructed, duplicate keys are errors) and serialize them. */
    static Yaml safeYaml() {
        return new Yaml(SafeYaml.options());
    }

    /** {@code file:line:column} of a node (1-based). */
    static String at(Path file, Node node) {
        return at(file, node.getStartMark());
    }

    static String at(Path file, Mark mark) {
        if (mark == null) return String.valueOf(file);
        return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    /** The scalar's text, or null when the node is not a scalar. */
    static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    /** " Did you mean 'x'?" (the suite messages' quoting) or empty. */
    static String suggestion(String word, Collection<String> candidates) {
        return Suggest.nearest(word, candidates).map(n -> " Did you mean '" + n + "'?").orElse("");
    }
}
