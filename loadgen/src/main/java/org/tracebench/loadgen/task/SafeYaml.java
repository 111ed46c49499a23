package org.tracebench.loadgen.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML file into a node tree without constructing any object: SnakeYAML only composes nodes (each with
 * its line and column), under limits on size, nesting and aliases, and any tag other than YAML's plain types is
 * refused. Nothing here can instantiate a class named in the file.
 */
public final class SafeYaml {
    /** Task files are small; anything larger is a mistake or an attack. */
    public static final int MAX_BYTES = 1 << 20;
    /** Anchored lists or maps may be reused this often (a "billion laughs" needs thousands). */
    public static final int MAX_COLLECTION_ALIASES = 20;
    public static final int MAX_NESTING_DEPTH = 20;

    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP, Tag.TIMESTAMP);

    private static final Map<Path, byte[]> PIPES = new ConcurrentHashMap<>();

    private SafeYaml() {}

    /**
     * Composes {@code file} into nodes, recording every problem; returns empty when the file cannot be used at
     * all (unreadable, too large, malformed, empty). Disallowed tags are recorded but the tree is still returned.
     */
    static Optional<Node> compose(Path file, Problems problems) {
        String text;
        if (Files.isDirectory(file)) {
            problems.error(new SourceLocation(file, 0, 0), "This is a directory; expected a task file.");
            return Optional.empty();
        }
        try {
            byte[] bytes = read(file);
            if (bytes.length > MAX_BYTES) {
                problems.error(new SourceLocation(file, 1, 1), "The file is larger than " + MAX_BYTES + " bytes, the "
                        + "limit for task and suite files, so it was not parsed.");
                return Optional.empty();
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte-order mark some editors write
        } catch (NoSuchFileException e) {
            problems.error(new SourceLocation(file, 0, 0), "The file does not exist.");
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.error(new SourceLocation(file, 1, 1), "The file is not valid UTF-8 text; expected a YAML file.");
            return Optional.empty();
        } catch (IOException e) {
            problems.error(new SourceLocation(file, 0, 0), "The file cannot be read: " + e.getMessage() + ".");
            return Optional.empty();
        }
        if (!YamlScan.check(text, problems, YamlScan.TASK_FILE)) return Optional.empty();
        Node root;
        try {
            LoaderOptions merging = options();
            merging.setMergeOnCompose(true); // task files may use `<<: *anchor`; YamlScan counted its aliases
            root = new Yaml(merging).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            YamlScan.malformed(text, e, problems, YamlScan.TASK_FILE);
            return Optional.empty();
        } catch (YAMLException e) {
            problems.error(new SourceLocation(file, 1, 1), "The YAML was refused: " + e.getMessage() + ".");
            return Optional.empty();
        }
        if (root == null) {
            problems.error(new SourceLocation(file, 1, 1),
                    "The file is empty; expected a v2 task map or a legacy loder task list.");
            return Optional.empty();
        }
        checkTags(root, problems);
        return Optional.of(root);
    }

    /**
     * What in {@code text} (the contents of {@code file}) stops it from being composed safely, each problem located
     * and a whole sentence: too many aliases, too deep, refused tags, merge keys (which only task files may use), a
     * second document, malformed YAML.
     * Empty when there is none. For suite files, which the harness composes itself; task files get it in compose.
     */
    public static List<String> scan(Path file, String text) {
        Problems problems = new Problems(file);
        YamlScan.check(text, problems, YamlScan.SUITE_FILE);
        return new java.util.ArrayList<>(problems.errors());
    }

    private static final java.util.regex.Pattern TOP_LEVEL_KEY = java.util.regex.Pattern.compile("([A-Za-z_][\\w-]*)\\s*:(\\s.*)?");

    /**
     * Up to {@code MAX_BYTES + 1} bytes of {@code file}, read rather than sized (/dev/stdin and {@code <(...)} are
     * pipes whose size is 0). A pipe can be read only once, so what it gave is kept for the next look at the same path
     * (a suite read from one is looked at to tell it from a task file, then parsed).
     */
    public static byte[] read(Path file) throws IOException {
        boolean pipe = !Files.isRegularFile(file) && Files.exists(file);
        file = file.toAbsolutePath().normalize();
        byte[] kept = pipe ? PIPES.get(file) : null;
        if (kept != null) return kept;
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (pipe) PIPES.put(file, bytes);
        return bytes;
    }

    /**
     * The top-level keys of a YAML map file (used to tell suites apart), or empty when it is not a readable map. A
     * file that is not well-formed YAML gives the keys of its lines of the form {@code key:} at column 1, so that a
     * syntax error in a suite is still reported as one in a suite.
     */
    public static List<String> topLevelKeys(Path file) {
        Problems problems = new Problems(file);
        Optional<Node> root = compose(file, problems);
        if (root.isEmpty() && problems.errors().stream().anyMatch(p -> p.contains("Malformed YAML"))) {
            try {
                return new String(read(file), StandardCharsets.UTF_8).lines().map(TOP_LEVEL_KEY::matcher)
                        .filter(java.util.regex.Matcher::matches).map(m -> m.group(1)).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode)) return List.of();
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) root.get()).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode) keys.add(((ScalarNode) t.getKeyNode()).getValue());
        }
        return keys;
    }

    /**
     * The loader options behind {@link #compose}: size, nesting and alias limits, no duplicate or recursive keys, no
     * merge on compose, no global tags. Public so that other YAML readers (the harness's suite files) share them.
     */
    public static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        o.setNestingDepthLimit(MAX_NESTING_DEPTH);
        o.setCodePointLimit(MAX_BYTES);
        o.setAllowDuplicateKeys(false); // enforced again, with both locations, by the parser's own walk
        o.setAllowRecursiveKeys(false);
        o.setMergeOnCompose(false);
        o.setTagInspector(tag -> false); // no global (class) tag even reaches the node tree
        return o;
    }

    private static void checkTags(Node root, Problems problems) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (!seen.add(n)) continue;
            if (!PLAIN_TAGS.contains(n.getTag())) {
                problems.error(n, "The tag `" + YamlScan.shortTag(n.getTag().getValue()) + "` " + YamlScan.TAG_REFUSED);
            }
            if (n instanceof SequenceNode) stack.addAll(((SequenceNode) n).getValue());
            if (n instanceof MappingNode) {
                for (NodeTuple t : ((MappingNode) n).getValue()) {
                    stack.add(t.getKeyNode());
                    stack.add(t.getValueNode());
                }
            }
        }
    }
}
