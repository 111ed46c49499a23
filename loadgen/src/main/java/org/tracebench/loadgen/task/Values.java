package org.tracebench.loadgen.task;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Typed values from YAML scalar nodes; every failure is recorded as a sentence naming the field and the found value. */
final class Values {
    static final long MAX_SIZE_BYTES = 1L << 30;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|K|M|G|k)?");
    /** The YAML 1.2 core schema's integers, as editors and JSON-schema checkers read them: no {@code _}, no sign on 0o/0x. */
    private static final Pattern YAML_INT = Pattern.compile("0x([0-9a-fA-F]+)|0o([0-7]+)|([-+]?[0-9]+)");
    /** The YAML 1.2 core schema's floats. */
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");
    private static final Pattern DECIMAL_SIZE = Pattern.compile("(\\d+)\\s*(KB|MB|GB|kB|kb|mb|gb)");
    private static final Pattern OCTAL = Pattern.compile("(?:0o|0)?([0-7]{1,4})");
    /** An integer written with a leading zero: 010, 007 (SnakeYAML's octal INT), 09 (no octal: SnakeYAML's text). */
    private static final Pattern LEADING_ZERO = Pattern.compile("([-+]?)0[0-9]+");
    /** Go's strconv.ParseInt with base 0, as yaml.v3 (loder's reader) tries it first: 0x, 0o, 0b, and 0 for octal. */
    private static final Pattern GO_INT =
            Pattern.compile("([-+])?(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))");
    /** yaml.v3's yamlStyleFloat, which it tries next; a float decoded into Go's int drops its fraction. */
    private static final Pattern GO_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private final Problems problems;

    Values(Problems problems) { this.problems = problems; }

    /** How a node looks to a person: "the text `abc`", "a list", "the number 4", "nothing". */
    static String describe(Node n) {
        if (n instanceof SequenceNode) return "a list";
        if (n instanceof MappingNode) return "a map";
        if (!(n instanceof ScalarNode)) return "an unknown node";
        ScalarNode s = (ScalarNode) n;
        Tag t = s.getTag();
        if (t.equals(Tag.NULL)) return "nothing (an empty value)";
        if (t.equals(Tag.INT) || t.equals(Tag.FLOAT) || octal12(s)) return "the number " + s.getValue();
        if (t.equals(Tag.BOOL)) return "the boolean " + s.getValue();
        return "the text `" + abbreviate(s.getValue()) + "`";
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static boolean isText(Node n) {
        return n instanceof ScalarNode && n.getTag().equals(Tag.STR);
    }

    /** A number to SnakeYAML (YAML 1.1), or YAML 1.2's {@code 0o} octal, which SnakeYAML reads as text. */
    private static boolean isNumber(Node n) {
        return n instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT) || octal12(s));
    }

    /** An unquoted {@code 0o17}: YAML 1.2's octal integer (15), text to YAML 1.1. */
    private static boolean octal12(ScalarNode s) {
        return s.getTag().equals(Tag.STR) && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && s.getValue().trim().matches("0o[0-7]+");
    }

    /**
     * Plain text. With {@code anyScalarAsText}, numbers and booleans count as the text written (file names like
     * {@code 2024}, or the binary {@code true}, which YAML would otherwise read as a boolean).
     */
    Optional<String> text(Node n, String field, boolean anyScalarAsText) {
        if (isText(n) || (anyScalarAsText && n instanceof ScalarNode && !n.getTag().equals(Tag.NULL))) {
            String v = ((ScalarNode) n).getValue();
            if (v.isEmpty()) {
                problems.error(n, "`" + field + "` must not be empty.");
                return Optional.empty();
            }
            return Optional.of(v);
        }
        problems.error(n, "`" + field + "` must be text; found " + describe(n) + ".");
        return Optional.empty();
    }

    Optional<Integer> integer(Node n, String field, long min, long max) {
        if (underscore(n, field) || leadingZero(n, field)) return Optional.empty();
        String range = " from " + min + " to " + max;
        if (n instanceof ScalarNode && isNumber(n)) {
            Long v = whole((ScalarNode) n);
            if (v != null && v >= min && v <= max) return Optional.of((int) v.longValue());
        }
        problems.error(n, "`" + field + "` must be a whole number" + range + "; found " + describe(n) + ".");
        return Optional.empty();
    }

    /**
     * A YAML integer as YAML 1.2's core schema, editors and JSON-schema checkers read it: decimal digits with an
     * optional sign, {@code 0o} octal or {@code 0x} hex; null for anything else (YAML 1.1's {@code _} between digits,
     * {@code 0b}, sexagesimal, a signed {@code 0x}: text to YAML 1.2).
     */
    static Long yamlInt(String text) {
        Matcher m = YAML_INT.matcher(text.trim());
        if (!m.matches()) return null;
        try {
            return m.group(1) != null ? Long.parseLong(m.group(1), 16) : m.group(2) != null ? Long.parseLong(m.group(2), 8)
                    : Long.parseLong(m.group(3));
        } catch (NumberFormatException e) {
            return m.group(3) == null || !m.group(3).startsWith("-") ? Long.MAX_VALUE : Long.MIN_VALUE; // beyond any range
        }
    }

    /** An integer or a float with nothing after the point (4096.0, which a JSON schema's integer also is); else null. */
    static Long whole(ScalarNode n) {
        if (n.getTag().equals(Tag.INT) || octal12(n)) return yamlInt(n.getValue());
        try {
            BigDecimal d = new BigDecimal(n.getValue().replace("_", "")).stripTrailingZeros();
            return d.scale() <= 0 ? d.min(BigDecimal.valueOf(Long.MAX_VALUE)).max(BigDecimal.valueOf(Long.MIN_VALUE))
                    .longValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    Optional<Double> number(Node n, String field, double minExclusive, double max) {
        if (underscore(n, field) || leadingZero(n, field)) return Optional.empty();
        if (isNumber(n)) {
            try {
                String text = ((ScalarNode) n).getValue();
                Long i = n.getTag().equals(Tag.INT) || octal12((ScalarNode) n) ? yamlInt(text) : null;
                double v = i != null ? i : new BigDecimal(text.replace("_", "")).doubleValue();
                if (v > minExclusive && v <= max) return Optional.of(v);
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        problems.error(n, "`" + field + "` must be a number greater than " + fmt(minExclusive) + " and at most "
                + fmt(max) + "; found " + describe(n) + ".");
        return Optional.empty();
    }

    /**
     * Records, and says true, when {@code n} is a number written with a leading zero such as {@code 010}: YAML 1.1
     * readers (SnakeYAML, PyYAML, the yaml.v3 loder used) read it as octal 8, YAML 1.2 readers (editors checking
     * the schema) as 10, so its meaning depends on the reader; {@code 09} is no octal number, so YAML 1.1 readers
     * read it as text (or, as yaml.v3, a float), YAML 1.2 readers as 9. ({@link #mode}, where octal is meant, does
     * not ask.) Call {@link #underscore} first.
     */
    private boolean leadingZero(Node n, String field) {
        if (!(n instanceof ScalarNode) || !(n.getTag().equals(Tag.INT) || n.getTag().equals(Tag.STR))
                || ((ScalarNode) n).getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) return false;
        String t = ((ScalarNode) n).getValue().trim();
        Matcher m = LEADING_ZERO.matcher(t);
        if (!m.matches()) return false;
        String digits = t.substring(m.group(1).length());
        String decimal = m.group(1) + digits.replaceFirst("^0+(?=[0-9])", "");
        boolean octalDigits = digits.matches("[0-7]+");
        problems.error(n, "`" + field + "` is written `" + t + "` with a leading zero, which YAML readers disagree "
                + "about: " + (octalDigits ? "YAML 1.1 (SnakeYAML, PyYAML, loder's yaml.v3) reads octal "
                + m.group(1) + new BigInteger(digits, 8) : "YAML 1.1 takes a leading zero for octal, which `" + t
                + "` is not, so its readers read text (SnakeYAML, PyYAML) or a fraction (loder's yaml.v3)")
                + ", YAML 1.2 (editors checking the schema) reads " + decimal + ". Write the number without the leading"
                + " zero, e.g. `" + field + ": " + decimal + "`.");
        return true;
    }

    /**
     * Records, and says true, when {@code n} is a number with {@code _} between its digits ({@code 4_096},
     * {@code 0x1_000}): YAML 1.1 readers (SnakeYAML) read a number, YAML 1.2 readers (editors checking the schema)
     * text, so the schema refuses what the parser would take.
     */
    private boolean underscore(Node n, String field) {
        if (!(n instanceof ScalarNode s) || s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) return false;
        String t = s.getValue().trim();
        if (!t.contains("_")) return false;
        String plain = t.replace("_", "");
        boolean number = n.getTag().equals(Tag.INT) || n.getTag().equals(Tag.FLOAT) || YAML_INT.matcher(plain).matches()
                || YAML_FLOAT.matcher(plain).matches();
        if (!number) return false;
        problems.error(n, "`" + field + "` is written `" + t + "` with `_` between its digits, which YAML 1.2 readers "
                + "(editors checking the schema) read as text, not a number. Write the digits without '_', e.g. `"
                + field + ": " + plain + "`.");
        return true;
    }

    /**
     * A legacy {@code scale} as loder read it into a Go int with yaml.v3: a plain scalar that Go's ParseInt reads with
     * base 0 ({@code 010} and {@code 0o10} octal, {@code 0b11}, {@code 0x1F}, {@code _} ignored), else a float with its
     * fraction dropped ({@code 2.5} is 2). Octal and fractions run as loder ran them, with a warning; a negative
     * scale gives 0 (loder's loop ran zero times), which the caller skips. Anything else, or more than {@code max},
     * is an error.
     */
    Optional<Integer> loderScale(Node n, int max) {
        String text = n instanceof ScalarNode && ((ScalarNode) n).getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                ? ((ScalarNode) n).getValue().trim() : "";
        String plain = text.replace("_", "");
        Matcher i = GO_INT.matcher(plain);
        boolean integer = i.matches();
        BigInteger v;
        boolean fraction = false;
        if (integer) {
            int radix = i.group(2) != null ? 16 : i.group(3) != null ? 8 : i.group(4) != null ? 2 : i.group(5) != null ? 8 : 10;
            String digits = i.group(2) != null ? i.group(2) : i.group(3) != null ? i.group(3)
                    : i.group(4) != null ? i.group(4) : i.group(5) != null ? i.group(5) : i.group(6);
            v = new BigInteger(digits, radix);
            if ("-".equals(i.group(1))) v = v.negate();
        } else if (GO_FLOAT.matcher(plain).matches()) {
            BigDecimal d = new BigDecimal(plain);
            v = d.toBigInteger();
            fraction = d.stripTrailingZeros().scale() > 0;
        } else {
            problems.error(n, "`scale` must be a whole number from 0 to " + max + "; found " + describe(n) + ".");
            return Optional.empty();
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.error(n, "`scale` must be a whole number from 0 to " + max + "; found " + describe(n) + ".");
            return Optional.empty();
        }
        int scale = v.signum() < 0 ? 0 : v.intValueExact();
        String decimal = plain.replaceFirst("^([-+]?)0+(?=[0-9])", "$1");
        if (integer && i.group(5) != null && scale > 0 && !new BigInteger(decimal).equals(v)) {
            problems.warn(n, "`scale: " + text + "` has a leading zero, so loder's YAML reader (yaml.v3) read it as "
                    + "octal: loder ran this task " + v + " times per iteration, and so does tracebench. Write `scale: "
                    + v + "` to keep that, or `scale: " + decimal + "` if that was meant.");
        } else if (fraction && scale > 0) {
            problems.warn(n, "`scale: " + text + "` is not a whole number; loder's YAML reader (yaml.v3) dropped the "
                    + "fraction, so loder ran this task " + v + " times per iteration, and so does tracebench. Write "
                    + "`scale: " + v + "`.");
        }
        return Optional.of(scale);
    }

    /** "30s", "500ms", "2m", "1.5h"; zero only when {@code allowZero}; see {@link DurationText}. */
    Optional<Duration> duration(Node n, String field, boolean allowZero) {
        if (isNumber(n)) {
            problems.error(n, "`" + field + "` must be a duration with a unit, such as 30s, 500ms or 2m"
                    + (allowZero ? " (0s for none)" : "") + "; found " + describe(n) + ". Add a unit: `"
                    + ((ScalarNode) n).getValue() + "s` means seconds.");
            return Optional.empty();
        }
        if (!isText(n)) {
            problems.error(n, "`" + field + "` must be a duration with a unit, such as 30s, 500ms or 2m; found "
                    + describe(n) + ".");
            return Optional.empty();
        }
        try {
            return Optional.of(DurationText.parse(((ScalarNode) n).getValue(), allowZero));
        } catch (IllegalArgumentException e) {
            problems.error(n, "`" + field + "` " + e.getMessage());
            return Optional.empty();
        }
    }

    /** "8KiB", "4096", 4096, "1MiB"; binary units; greater than zero and at most {@code max} bytes. */
    Optional<Long> size(Node n, String field, long max) {
        return size(n, field, max, false);
    }

    /** As {@link #size(Node, String, long)}, and 0 too when {@code zeroAllowed} (truncate's length). */
    Optional<Long> size(Node n, String field, long max, boolean zeroAllowed) {
        if (underscore(n, field) || leadingZero(n, field)) return Optional.empty();
        String expected = "`" + field + "` must be a size in bytes" + (zeroAllowed ? ", 0 or more, such as 0, 4096 or 8KiB"
                : " greater than 0, such as 4096, 8KiB or 1MiB");
        String raw = n instanceof ScalarNode ? ((ScalarNode) n).getValue().trim() : null;
        if (raw == null || !(isText(n) || isNumber(n))) {
            problems.error(n, expected + "; found " + describe(n) + ".");
            return Optional.empty();
        }
        if (isNumber(n)) {
            Long bytes = whole((ScalarNode) n);
            raw = bytes == null ? raw : bytes < 0 ? "-" : String.valueOf(bytes);
        }
        Matcher dec = DECIMAL_SIZE.matcher(raw);
        if (dec.matches()) {
            problems.error(n, "`" + field + "` uses `" + dec.group(2) + "`, which is ambiguous (1000 or 1024?); "
                    + "write " + dec.group(1) + binaryUnit(dec.group(2)) + " for binary units or the byte count.");
            return Optional.empty();
        }
        Matcher m = SIZE.matcher(raw);
        if (!m.matches()) {
            problems.error(n, expected + "; found " + describe(n) + ". Units: B, KiB, MiB, GiB.");
            return Optional.empty();
        }
        long shift = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "K", "k", "KiB" -> 10;
            case "M", "MiB" -> 20;
            case "G", "GiB" -> 30;
            default -> 0;
        };
        long v;
        try {
            v = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            v = Long.MAX_VALUE;
        }
        if (v > (max >> shift)) {
            problems.error(n, "`" + field + "` is larger than " + max + " bytes (" + (max >> 20) + " MiB); found "
                    + describe(n) + ".");
            return Optional.empty();
        }
        v <<= shift;
        if (v < 0 || v == 0 && !zeroAllowed) {
            problems.error(n, expected + "; found " + describe(n) + ".");
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** The highest mode: the nine permission bits. */
    static final int MAX_MODE = 0777;

    /**
     * Permission bits, always read as octal digits: {@code "0644"}, {@code 644}, {@code "0o755"} all mean what
     * chmod(1) means by them. (YAML would read an unquoted 0644 as octal and 644 as decimal; we read both as octal.)
     * At most {@code 0777}: the setuid, setgid and sticky bits are refused, because the JDK's
     * {@code setPosixFilePermissions} and permission attributes, which chmod, mkdir, create-delete and setup use,
     * carry only the nine permission bits and would drop them silently.
     */
    Optional<Integer> mode(Node n, String field) {
        if (n instanceof ScalarNode && (isText(n) || n.getTag().equals(Tag.INT))) {
            Matcher m = OCTAL.matcher(((ScalarNode) n).getValue().trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                int v = Integer.parseInt(m.group(1), 8);
                if (v <= MAX_MODE) return Optional.of(v);
                problems.error(n, "`" + field + "` " + ((ScalarNode) n).getValue().trim() + " sets the setuid, setgid "
                        + "or sticky bit (04000, 02000, 01000), which tracebench cannot apply: the JDK sets only the "
                        + "nine permission bits and would drop them silently. Expected at most 0777, e.g. \"0755\".");
                return Optional.empty();
            }
        }
        problems.error(n, "`" + field + "` must be permission bits in octal, such as \"0644\" or \"0755\" "
                + "(at most 0777); found " + describe(n) + ".");
        return Optional.empty();
    }

    private static String binaryUnit(String decimal) {
        return switch (decimal.toUpperCase(Locale.ROOT)) {
            case "KB" -> "KiB";
            case "MB" -> "MiB";
            default -> "GiB";
        };
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
