package org.tracebench.loadgen.task;

import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Parses a v2 task file's {@code setup} list into {@link SetupFile}s, for {@link TaskFileParser}. */
final class SetupParser {
    private final Problems problems;
    private final Values values;
    private final TaskChecks checks;

    SetupParser(Problems problems, Values values, TaskChecks checks) {
        this.problems = problems;
        this.values = values;
        this.checks = checks;
    }

    /** Adds each valid entry of the {@code setup} value {@code n} to {@code out}; records every problem. */
    void parse(Node n, List<SetupFile> out) {
        if (!(n instanceof SequenceNode)) {
            problems.error(n, "`setup` must be a list of files or directories to create, e.g. `- {path: data.bin, "
                    + "size: 8KiB}`; found " + Values.describe(n) + ".");
            return;
        }
        for (Node item : ((SequenceNode) n).getValue()) {
            if (!(item instanceof MappingNode)) {
                problems.error(item, "Each `setup` entry must be a map with at least `path`; found "
                        + Values.describe(item) + ".");
                continue;
            }
            int before = problems.errors().size();
            YamlMap m = new YamlMap((MappingNode) item, TaskFileParser.SETUP_KEYS, "a setup entry", problems);
            Optional<String> path = m.has("path") ? values.text(m.value("path"), "path", true)
                    .filter(p -> checks.noNul(m.value("path"), "path", p))
                    : TaskFileParser.missing(problems, m, "path",
                            "the file or directory to create, relative to the work root");
            path.ifPresent(p -> checks.placeholders(m.value("path"), p, false));
            SetupFile.Kind kind = SetupFile.Kind.FILE;
            if (m.has("type")) {
                Optional<String> t = enumName(m.value("type"), "type", TaskFileParser.SETUP_TYPES);
                if (t.isPresent() && t.get().equals("directory")) kind = SetupFile.Kind.DIRECTORY;
            }
            long size = 0;
            if (m.has("size")) size = values.size(m.value("size"), "size", Values.MAX_SIZE_BYTES).orElse(0L);
            String text = m.has("text") ? values.text(m.value("text"), "text", true).orElse(null) : null;
            SetupFile.Content content = text != null ? SetupFile.Content.TEXT
                    : size > 0 ? SetupFile.Content.RANDOM : SetupFile.Content.ZERO;
            if (m.has("content")) {
                Optional<String> c = enumName(m.value("content"), "content", TaskFileParser.CONTENTS);
                if (c.isPresent()) content = SetupFile.Content.valueOf(c.get().toUpperCase(java.util.Locale.ROOT));
            }
            Integer mode = m.has("mode") ? values.mode(m.value("mode"), "mode").orElse(null) : null;
            if (kind == SetupFile.Kind.DIRECTORY) {
                for (String k : List.of("size", "content", "text")) {
                    if (m.has(k)) problems.error(m.key(k), "`" + k + "` applies to files only; this setup entry "
                            + "is a directory (`type: directory`).");
                }
            } else if (content == SetupFile.Content.TEXT && text == null && m.has("content")) {
                problems.error(m.value("content"), "`content: text` needs a `text` value to write.");
            } else if (text != null && content != SetupFile.Content.TEXT) {
                problems.error(m.value("content"), "`text` is given, so `content` must be `text` (or be left out).");
            } else if (content != SetupFile.Content.TEXT && content != SetupFile.Content.ZERO && !m.has("size")) {
                problems.error(m.value("content"), "`content: " + content.name().toLowerCase(java.util.Locale.ROOT)
                        + "` needs a `size`, e.g. `size: 8KiB`.");
            }
            if (problems.errors().size() == before && path.isPresent()) {
                out.add(new SetupFile(path.get(), kind, kind == SetupFile.Kind.FILE ? size : 0, content, text, mode,
                        problems.at(m.value("path"))));
            }
        }
    }

    private Optional<String> enumName(Node n, String field, List<String> allowed) {
        Optional<String> v = values.text(n, field, false);
        if (v.isPresent() && !allowed.contains(v.get())) {
            problems.error(n, "`" + field + "` must be one of " + String.join(", ", allowed) + "; found `" + v.get()
                    + "`." + Suggest.didYouMean(v.get(), allowed));
            return Optional.empty();
        }
        return v;
    }
}
