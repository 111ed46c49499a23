package org.tracebench.loadgen.json;

import java.util.Collection;
import java.util.Map;

/**
 * A tiny JSON writer: {@link #write(Object)} renders Map (keys via {@code toString}, iteration order kept, so use
 * LinkedHashMap for a deterministic order), Collection, arrays of long/int/double, String, Number, Boolean, Enum
 * (its {@code toString}) and null, pretty-printed with a two-space indent. Non-finite doubles become null.
 * Read JSON with SnakeYAML, which parses JSON.
 */
public final class Json {
    private Json() {}

    /** Renders {@code value} as pretty-printed JSON without a trailing newline. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) sb.append("null");
            else if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append((long) d).append(".0");
            else sb.append(d);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) { sb.append("{}"); return; }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "\n" : ",\n");
                first = false;
                indent(sb, depth + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            writeList(sb, c.toArray(), depth);
        } else if (v instanceof long[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) o[i] = a[i];
            writeList(sb, o, depth);
        } else if (v instanceof int[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) o[i] = a[i];
            writeList(sb, o, depth);
        } else if (v instanceof double[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) o[i] = a[i];
            writeList(sb, o, depth);
        } else if (v instanceof Object[] a) {
            writeList(sb, a, depth);
        } else {
            quote(sb, v.toString());
        }
    }

    private static void writeList(StringBuilder sb, Object[] items, int depth) {
        if (items.length == 0) { sb.append("[]"); return; }
        boolean scalars = true;
        for (Object o : items) if (o instanceof Map || o instanceof Collection || o instanceof Object[]) scalars = false;
        sb.append('[');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) sb.append(scalars ? ", " : ",");
            if (!scalars) { sb.append('\n'); indent(sb, depth + 1); }
            write(sb, items[i], depth + 1);
        }
        if (!scalars) { sb.append('\n'); indent(sb, depth); }
        sb.append(']');
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) sb.append("  ");
    }

    /** Appends {@code s} as a JSON string literal with the required escapes. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
