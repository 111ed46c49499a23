package org.tracebench.loadgen.task;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Walks a YAML text's events before anything is composed, so that what SnakeYAML's composer would stop at (too deep,
 * too many aliases, a second document, a class tag) is reported at the offending place, every occurrence of it, in
 * tracebench's words. Merge keys, which task files may use (their composer merges them), are refused in suite files,
 * whose composer would pass them on as a strange key.
 */
final class YamlScan {
    private static final Set<String> PLAIN_TAGS = Set.of(Tag.STR.getValue(), Tag.INT.getValue(),
            Tag.FLOAT.getValue(), Tag.BOOL.getValue(), Tag.NULL.getValue(), Tag.SEQ.getValue(), Tag.MAP.getValue(),
            Tag.TIMESTAMP.getValue(), "!");
    static final String TAG_REFUSED = "is not allowed: task and suite files hold plain strings, numbers, booleans, lists and "
            + "maps only, and never construct objects.";

    private final Problems problems;
    private final String text;
    private final boolean suite;
    /** Whether the first document is a list, i.e. a legacy loder file. */
    private boolean firstIsList;
    private final Set<String> collectionAnchors = new HashSet<>();
    private final Set<String> mapAnchors = new HashSet<>();
    /** The node just seen was a merge key `<<`, so this one is what it merges. */
    private boolean mergeValueNext;
    /** One entry per open list or map: {is a map, its next node is a key}. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private int collectionAliases;
    private int documents;
    private boolean tooDeepReported;

    private YamlScan(String text, Problems problems, boolean suite) {
        this.text = text;
        this.problems = problems;
        this.suite = suite;
    }

    /** What a malformed file was expected to be, for the sentence that says so. */
    static final String TASK_FILE = "a YAML task file (see docs/task-files.md)", SUITE_FILE = "a YAML suite file (see docs/suites.md)";

    /** Records every problem found in {@code text}, which should be {@code expected}; returns true when there was none. */
    static boolean check(String text, Problems problems, String expected) {
        int before = problems.errors().size();
        YamlScan s = new YamlScan(text, problems, expected.equals(SUITE_FILE));
        try {
            for (Event e : new Yaml(SafeYaml.options()).parse(new StringReader(text))) s.event(e);
        } catch (MarkedYAMLException e) {
            malformed(text, e, problems, expected);
        } catch (YAMLException e) {
            problems.error(problems.at((Mark) null), "The YAML was refused: " + e.getMessage() + ".");
        }
        return problems.errors().size() == before;
    }

    private void event(Event e) {
        if (e instanceof DocumentStartEvent && ++documents == 2) {
            problems.error(problems.at(e.getStartMark()), "A second YAML document starts here; a task or suite file "
                    + "holds exactly one, so remove this `---` line or split the file." + (firstIsList ? " (loder ran "
                    + "only the first document of a legacy file and ignored the rest without a word: delete from "
                    + "here on to run what loder ran, or remove the `---` line to run both lists as one.)" : ""));
        }
        if (documents == 1 && open.isEmpty() && e.is(Event.ID.SequenceStart)) firstIsList = true;
        if (e instanceof NodeEvent) node((NodeEvent) e);
        if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
            open.pop();
            completed();
        }
    }

    private void node(NodeEvent e) {
        boolean isKey = !open.isEmpty() && open.peek()[0] && open.peek()[1];
        if (mergeValueNext) {
            mergeValueNext = false;
            boolean map = e instanceof CollectionStartEvent // a list's items the composer checks
                    || e instanceof AliasEvent && mapAnchors.contains(e.getAnchor());
            if (!map) {
                problems.error(problems.at(e.getStartMark()), "A merge key (`<<`) takes a map, an alias of one "
                        + "(`<<: *base`, where `&base` marks a map) or a list of them; found "
                        + (e instanceof AliasEvent ? "`*" + e.getAnchor() + "`, which is no map" : "a single value")
                        + ".");
            }
        }
        String tag = e instanceof ScalarEvent ? ((ScalarEvent) e).getTag()
                : e instanceof CollectionStartEvent ? ((CollectionStartEvent) e).getTag() : null;
        if (tag != null && !PLAIN_TAGS.contains(tag)) {
            problems.error(problems.at(e.getStartMark()), "The tag `" + shortTag(tag) + "` " + TAG_REFUSED);
        }
        if (e instanceof AliasEvent) {
            if (collectionAnchors.contains(e.getAnchor()) && ++collectionAliases == SafeYaml.MAX_COLLECTION_ALIASES + 1) {
                problems.error(problems.at(e.getStartMark()), "`*" + e.getAnchor() + "` is alias number "
                        + collectionAliases + " of a list or map; a file may repeat lists and maps through aliases at "
                        + "most " + SafeYaml.MAX_COLLECTION_ALIASES + " times, so that a small file cannot expand "
                        + "into a huge one.");
            }
            completed();
        } else if (e instanceof ScalarEvent) {
            ScalarEvent s = (ScalarEvent) e;
            if (e.getAnchor() != null) collectionAnchors.remove(e.getAnchor());
            boolean merge = isKey && s.getValue().equals("<<") && s.getImplicit().canOmitTagInPlainScalar();
            mergeValueNext = merge && !suite;
            if (e.getAnchor() != null) mapAnchors.remove(e.getAnchor());
            if (suite && merge) {
                problems.error(problems.at(e.getStartMark()), "Merge keys (`<<: *anchor`) are not supported; write "
                        + "the keys out in each map (an alias such as `path: *p` for a whole value does work).");
            }
            completed();
        } else if (e instanceof CollectionStartEvent) {
            if (e.getAnchor() != null) collectionAnchors.add(e.getAnchor());
            boolean map = e instanceof MappingStartEvent;
            if (e.getAnchor() != null && map) mapAnchors.add(e.getAnchor());
            if (e.getAnchor() != null && !map) mapAnchors.remove(e.getAnchor());
            open.push(new boolean[] {map, map});
            if (open.size() > SafeYaml.MAX_NESTING_DEPTH && !tooDeepReported) {
                tooDeepReported = true;
                problems.error(problems.at(e.getStartMark()), "This list or map is nested " + open.size()
                        + " levels deep; task and suite files allow at most " + SafeYaml.MAX_NESTING_DEPTH
                        + " levels of lists and maps.");
            }
        }
    }

    /** A whole node ended: in a map, keys and values alternate. */
    private void completed() {
        if (!open.isEmpty() && open.peek()[0]) open.peek()[1] = !open.peek()[1];
    }

    static String shortTag(String t) {
        return t.startsWith(Tag.PREFIX) ? "!!" + t.substring(Tag.PREFIX.length()) : t;
    }

    /** SnakeYAML's own wording ("expected <block end>, but found '<block mapping start>'") as a sentence. */
    static void malformed(String text, MarkedYAMLException e, Problems problems, String expected) {
        String problem = e.getProblem() == null ? "the text cannot be read as YAML" : words(e.getProblem());
        String context = e.getContext() == null || e.getContext().contains("next token") ? "" : ", " + words(e.getContext())
                + (e.getContextMark() == null ? "" : " that starts at line " + (e.getContextMark().getLine() + 1)
                + ", column " + (e.getContextMark().getColumn() + 1));
        String hint = problem.contains("tab") ? " Indent with spaces; YAML does not allow tabs there."
                : problem.contains("end of the indented block") ? " Check the indentation: entries of one list or "
                + "map must start in the same column." : "";
        problems.error(problems.at(e.getProblemMark()), "Malformed YAML: " + problem + context
                + "; expected " + expected + "." + hint + flowHint(text, e));
    }

    private static String words(String snake) {
        return snake.replace("\\t(TAB)", "tab").replace("found unexpected end of stream", "the file ends")
                .replace("while scanning a quoted scalar", "inside the quoted text")
                .replace("while parsing a block mapping", "in the map").replace("while parsing a block collection",
                        "in the list").replace("while parsing a flow mapping", "in the { } map")
                .replace("while parsing a flow sequence", "in the [ ] list")
                .replace("while scanning a simple key", "in the key").replace("'<block mapping start>'", "a more indented map")
                .replace("'<block sequence start>'", "a more indented list").replace("'<block end>'", "the end "
                + "of the indented block").replace("<block end>", "the end of the indented block")
                .replace("'<block entry>'", "a list entry (`-`)").replace("'<scalar>'", "a value")
                .replace("'<key>'", "a key").replace("'<value>'", "a `:`").replace("'<alias>'", "an alias")
                .replace("'<anchor>'", "an anchor").replace("'<tag>'", "a tag")
                .replace("'<document start>'", "a `---` line").replace("'<stream end>'", "the end of the file")
                .replace("<stream end>", "the end of the file").replace("<document start>", "a `---` line")
                .replace("'<flow mapping end>'", "`}`").replace("'<flow sequence end>'", "`]`")
                .replace("(Do not use tab for indentation)", "").replace(". ", " ").replace("  ", " ").trim()
                .replaceAll("[.]$", "");
    }

    /** Inside {@code [ ]} or {@code { }} braces are syntax, so an unquoted {@code {worker}} breaks the file. */
    private static String flowHint(String text, MarkedYAMLException e) {
        if (e.getProblemMark() == null || e.getContext() == null || !e.getContext().contains("flow")) return "";
        String[] lines = text.split("\n", -1);
        int line = e.getProblemMark().getLine();
        String l = line < lines.length ? lines[line] : "";
        if (!l.contains(Placeholders.WORKER) && !l.contains(Placeholders.ITERATION)) return "";
        return " Inside [ ] or { }, quote paths that hold placeholders, e.g. \"data/{worker}.bin\".";
    }
}
