package org.tracebench.tracers.strace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decoding of strace's quoted strings and fd annotations, and lexical path resolution. Pure and stateless. */
final class StraceText {
    private StraceText() {}

    /**
     * Decodes strace's C-style escapes in {@code s[from, to)}: {@code \"}, {@code \\}, {@code \n} and friends,
     * octal {@code \303} and hex {@code \xc3}; the resulting bytes are UTF-8. Fast path: no backslash, no copy of bytes.
     */
    static String unescape(String s, int from, int to) {
        int bs = s.indexOf('\\', from);
        if (bs < 0 || bs >= to) return s.substring(from, to);
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= to) {
                if (c < 0x80) {
                    out.write(c);
                } else {
                    byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                }
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'v' -> out.write(0x0b);
                case 'f' -> out.write('\f');
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (n < 2 && i < to && Character.digit(s.charAt(i), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(i), 16);
                        i++;
                        n++;
                    }
                    out.write(v);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i < to && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                            v = v * 8 + (s.charAt(i) - '0');
                            i++;
                            n++;
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write(e); // \" \\ and anything unknown stand for themselves
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Resolves {@code path} against {@code base} (an absolute directory) the way the kernel would lexically:
     * absolute paths stay, relative ones are joined; {@code .}, {@code ..} and {@code //} are folded.
     * Returns null when the path is relative and no base is known.
     */
    static String resolve(String base, String path) {
        String joined;
        if (!path.isEmpty() && path.charAt(0) == '/') {
            joined = path;
        } else if (base == null || base.isEmpty() || base.charAt(0) != '/') {
            return null;
        } else if (path.isEmpty()) {
            joined = base;
        } else {
            joined = base.endsWith("/") ? base + path : base + '/' + path;
        }
        return needsNormalizing(joined) ? normalize(joined) : joined;
    }

    /** One pass: a slash followed by a slash or a dot, or a trailing slash, means {@code //}, {@code .} or {@code ..}. */
    private static boolean needsNormalizing(String p) {
        int n = p.length();
        if (n > 1 && p.charAt(n - 1) == '/') return true;
        for (int i = p.indexOf('/'); i >= 0 && i + 1 < n; i = p.indexOf('/', i + 1)) {
            char c = p.charAt(i + 1);
            if (c == '/' || c == '.' && (i + 2 == n || p.charAt(i + 2) == '/'
                    || p.charAt(i + 2) == '.' && (i + 3 == n || p.charAt(i + 3) == '/'))) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String p) {
        String[] parts = p.split("/");
        String[] stack = new String[parts.length];
        int n = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (n > 0) n--;
                continue;
            }
            stack[n++] = part;
        }
        if (n == 0) return "/";
        StringBuilder b = new StringBuilder(p.length());
        for (int i = 0; i < n; i++) b.append('/').append(stack[i]);
        return b.toString();
    }

    /** The directory part of an absolute path ({@code /a/b} -> {@code /a}); null for null. */
    static String parent(String abs) {
        if (abs == null) return null;
        int slash = abs.lastIndexOf('/');
        return slash <= 0 ? "/" : abs.substring(0, slash);
    }
}
