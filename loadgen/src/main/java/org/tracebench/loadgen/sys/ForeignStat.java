package org.tracebench.loadgen.sys;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.module.ModuleFinder;
import java.util.List;
import java.util.Optional;

/**
 * glibc's {@code stat(3)} called through JDK 17's incubating foreign-function API ({@code jdk.incubator.foreign}),
 * for the {@code stat} op: the system call C's {@code stat} makes ({@code newfstatat}), on a path already in native
 * memory. {@code File.exists()} makes the same call through JNI, which converts the path string on every call and
 * cost 240 ns per {@code stat} beyond C here (docs/load-ops.md); the JDK's internals that take a native path
 * ({@code stat0}, {@code stat1}) issue {@code statx} instead.
 *
 * <p>Contract: {@link #available()} is decided once, at class initialization. It needs the module resolved and
 * native access granted at JVM start ({@link #JVM_OPTIONS}: the harness, the launcher, compare.sh and the JMH forks
 * pass them where the JDK has the module, which JDK 19 and later do not), a glibc that exports {@code stat}
 * (2.33 and later) and {@link JdkInternals} (for the buffers' addresses). Otherwise {@link #unavailableReason()}
 * says why and the op uses {@code File.exists()}. {@code -Dtracebench.foreignStat=false} forces that (A/B runs).
 * The API is reached reflectively, so the module compiles against {@code --release 17} without it.
 */
public final class ForeignStat {
    /** Set to {@code false} to stat through {@code File.exists()}. */
    public static final String PROPERTY = "tracebench.foreignStat";
    /** The incubating module of JDK 16–18. */
    static final String MODULE = "jdk.incubator.foreign";
    /** The first line a JVM with {@link #JVM_OPTIONS} prints on stderr, before anything of the load generator's. */
    public static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: " + MODULE;
    /** What a load-generator JVM needs on its command line: empty where this JDK has no such module. */
    public static final List<String> JVM_OPTIONS = ModuleFinder.ofSystem().find(MODULE).isPresent()
            ? List.of("--add-modules=" + MODULE, "--enable-native-access=ALL-UNNAMED") : List.of();

    /** {@code int stat(long path, long buf)}: the path NUL-terminated, a buffer of {@link #BUFFER_BYTES}. */
    static final MethodHandle STAT;
    /** Bytes for a {@code struct stat}: 144 on x86_64, 128 on aarch64. */
    static final int BUFFER_BYTES = 256;
    private static final String UNAVAILABLE;

    static {
        MethodHandle stat = null;
        String reason;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "").trim())) {
            reason = "disabled with -D" + PROPERTY + "=false";
        } else if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            reason = JVM_OPTIONS.isEmpty() ? "this JDK (" + Runtime.version().feature() + ") has no " + MODULE + " module"
                    : "the JVM was started without --add-modules=" + MODULE + " (tracebench leaves it out where a task"
                    + " forks or execs: LoadJvmOptions.foreignStat)";
        } else if (!JdkInternals.available()) {
            reason = "the JDK internals are unavailable (" + JdkInternals.unavailableReason() + ")";
        } else {
            try {
                stat = lookUp();
                reason = stat == null ? "the C library exports no 'stat' symbol (glibc before 2.33)" : null;
            } catch (Throwable t) { // IllegalCallerException without --enable-native-access, a changed API, ...
                reason = "the foreign-function API refused: " + t;
            }
        }
        STAT = reason == null ? stat : null;
        UNAVAILABLE = reason;
    }

    private ForeignStat() {}

    /** True when {@link RawFiles#stat} may be used in this JVM. */
    public static boolean available() { return UNAVAILABLE == null; }

    /** Why {@link #available()} is false, as a sentence fragment; null when available. */
    public static String unavailableReason() { return UNAVAILABLE; }

    /** The downcall adapted to {@code (long, long) int}, or null without a {@code stat} symbol. */
    private static MethodHandle lookUp() throws Throwable {
        ClassLoader cl = ClassLoader.getSystemClassLoader();
        Class<?> linker = Class.forName(MODULE + ".CLinker", true, cl);
        Class<?> lookup = Class.forName(MODULE + ".SymbolLookup", true, cl);
        Class<?> addressable = Class.forName(MODULE + ".Addressable", true, cl);
        Class<?> address = Class.forName(MODULE + ".MemoryAddress", true, cl);
        Class<?> layout = Class.forName(MODULE + ".MemoryLayout", true, cl);
        Class<?> descriptor = Class.forName(MODULE + ".FunctionDescriptor", true, cl);
        Optional<?> symbol = (Optional<?>) lookup.getMethod("lookup", String.class)
                .invoke(linker.getMethod("systemLookup").invoke(null), "stat");
        if (symbol.isEmpty()) return null;
        Object cInt = linker.getField("C_INT").get(null), cPointer = linker.getField("C_POINTER").get(null);
        Object layouts = java.lang.reflect.Array.newInstance(layout, 2);
        java.lang.reflect.Array.set(layouts, 0, cPointer);
        java.lang.reflect.Array.set(layouts, 1, cPointer);
        Object fd = descriptor.getMethod("of", layout, layouts.getClass()).invoke(null, cInt, layouts);
        MethodHandle h = (MethodHandle) linker.getMethod("downcallHandle", addressable, MethodType.class, descriptor)
                .invoke(linker.getMethod("getInstance").invoke(null), symbol.get(),
                        MethodType.methodType(int.class, address, address), fd);
        MethodHandle ofLong = MethodHandles.publicLookup().findStatic(address, "ofLong",
                MethodType.methodType(address, long.class));
        return MethodHandles.filterArguments(h, 0, ofLong, ofLong);
    }
}
