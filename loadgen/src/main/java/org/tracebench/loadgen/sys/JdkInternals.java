package org.tracebench.loadgen.sys;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.util.List;
import java.util.Locale;

/**
 * The JDK-internal native methods behind {@link RawFiles} and {@link RawExec}, looked up once per JVM.
 *
 * <p>Why: the public APIs cost as much user-space work as the system call itself for the cheapest ops. A
 * {@code FileChannel} open+read+close ran at 0.81× a C loop here, while the JDK's own wrappers
 * ({@code UnixNativeDispatcher.open0/read/close0}) issue the same {@code openat}, {@code read}, {@code close} at
 * 1.0×; {@code ProcessBuilder} hands every child to a reaper thread (two cross-thread wake-ups per exec) where
 * {@code ProcessImpl.forkAndExec} and {@code waitpid} on the worker thread do not (docs/load-ops.md).
 *
 * <p>Contract: {@link #available()} is decided once, at class initialization, and never changes. It needs the
 * packages in {@link #JVM_OPTIONS} opened to the unnamed module (the harness, the launcher, compare.sh and the JMH
 * forks start the load generator with them) and a JDK whose method signatures match (JDK 17); otherwise it is
 * false, {@link #unavailableReason()} says why, and every op uses the public API instead. {@code
 * -Dtracebench.jdkInternals=false} forces the public APIs (for A/B runs).
 */
public final class JdkInternals {
    /** Set to {@code false} to use only public JDK APIs. */
    public static final String PROPERTY = "tracebench.jdkInternals";
    /** What a load-generator JVM needs on its command line for {@link #available()}. */
    public static final List<String> JVM_OPTIONS = List.of(
            "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED");

    static final MethodHandle OPEN0;      // int open0(long path, int flags, int mode) throws UnixException
    static final MethodHandle READ;       // int read(int fd, long buf, int len) throws UnixException
    static final MethodHandle CLOSE0;     // void close0(int fd)
    static final MethodHandle OPENDIR0;   // long opendir0(long path) throws UnixException
    static final MethodHandle READDIR;    // byte[] readdir(long dir) throws UnixException: null at the end
    static final MethodHandle CLOSEDIR;   // void closedir(long dir) throws UnixException
    static final MethodHandle TRUNCATE0;  // int truncate0(FileDescriptor fd, long size) throws IOException
    static final MethodHandle FORK_AND_EXEC; // bound to one ProcessImpl: int (mode, helper, prog, args, argc, env, envc, dir, fds, redirectErr)
    static final MethodHandle WAIT_FOR_EXIT; // int waitForProcessExit0(long pid, boolean reap)
    static final VarHandle FD;            // FileDescriptor.fd
    static final VarHandle ADDRESS;       // Buffer.address (direct buffers)
    static final byte[] SPAWN_HELPER;     // ProcessImpl.helperpath
    static final int O_RDONLY, O_RDWR, O_CREAT;
    private static final Class<?> LAUNCH_MECHANISM;
    private static final String UNAVAILABLE;

    static {
        MethodHandle open0 = null, read = null, close0 = null, truncate0 = null, forkAndExec = null, wait = null;
        MethodHandle opendir0 = null, readdir = null, closedir = null;
        VarHandle fd = null, address = null;
        byte[] helper = null;
        int rdonly = 0, rdwr = 0, creat = 0;
        Class<?> mechanism = null;
        String reason = null;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "").trim())) {
            reason = "disabled with -D" + PROPERTY + "=false";
        } else {
            try {
                MethodHandles.Lookup self = MethodHandles.lookup();
                Class<?> und = Class.forName("sun.nio.fs.UnixNativeDispatcher");
                MethodHandles.Lookup l = MethodHandles.privateLookupIn(und, self);
                open0 = l.findStatic(und, "open0", MethodType.methodType(int.class, long.class, int.class, int.class));
                read = l.findStatic(und, "read", MethodType.methodType(int.class, int.class, long.class, int.class));
                close0 = l.findStatic(und, "close0", MethodType.methodType(void.class, int.class));
                opendir0 = l.findStatic(und, "opendir0", MethodType.methodType(long.class, long.class));
                readdir = l.findStatic(und, "readdir", MethodType.methodType(byte[].class, long.class));
                closedir = l.findStatic(und, "closedir", MethodType.methodType(void.class, long.class));
                Class<?> constants = Class.forName("sun.nio.fs.UnixConstants");
                MethodHandles.Lookup lc = MethodHandles.privateLookupIn(constants, self);
                rdonly = (int) lc.findStaticVarHandle(constants, "O_RDONLY", int.class).get();
                rdwr = (int) lc.findStaticVarHandle(constants, "O_RDWR", int.class).get();
                creat = (int) lc.findStaticVarHandle(constants, "O_CREAT", int.class).get();
                Class<?> fdi = Class.forName("sun.nio.ch.FileDispatcherImpl");
                truncate0 = MethodHandles.privateLookupIn(fdi, self).findStatic(fdi, "truncate0",
                        MethodType.methodType(int.class, FileDescriptor.class, long.class));
                fd = MethodHandles.privateLookupIn(FileDescriptor.class, self)
                        .findVarHandle(FileDescriptor.class, "fd", int.class);
                address = MethodHandles.privateLookupIn(Buffer.class, self).findVarHandle(Buffer.class, "address", long.class);
                Class<?> pi = Class.forName("java.lang.ProcessImpl"); // initializes it: the child's PATH search needs that
                MethodHandles.Lookup lp = MethodHandles.privateLookupIn(pi, self);
                MethodType fae = MethodType.methodType(int.class, int.class, byte[].class, byte[].class, byte[].class,
                        int.class, byte[].class, int.class, byte[].class, int[].class, boolean.class);
                // forkAndExec is an instance method that uses no instance state: bind it to one unconstructed object.
                forkAndExec = lp.findVirtual(pi, "forkAndExec", fae).bindTo(allocateInstance(pi));
                helper = (byte[]) lp.findStaticVarHandle(pi, "helperpath", byte[].class).get();
                mechanism = Class.forName("java.lang.ProcessImpl$LaunchMechanism");
                Class<?> phi = Class.forName("java.lang.ProcessHandleImpl");
                wait = MethodHandles.privateLookupIn(phi, self).findStatic(phi, "waitForProcessExit0",
                        MethodType.methodType(int.class, long.class, boolean.class));
            } catch (IllegalAccessException e) {
                reason = "the JVM was started without " + String.join(" ", JVM_OPTIONS) + " (" + e.getMessage() + ")";
            } catch (ReflectiveOperationException | RuntimeException e) {
                reason = "this JDK (" + Runtime.version() + ") lacks an internal method tracebench expects: " + e;
            }
        }
        boolean ok = reason == null;
        OPEN0 = ok ? open0 : null;
        READ = ok ? read : null;
        CLOSE0 = ok ? close0 : null;
        TRUNCATE0 = ok ? truncate0 : null;
        OPENDIR0 = ok ? opendir0 : null;
        READDIR = ok ? readdir : null;
        CLOSEDIR = ok ? closedir : null;
        FORK_AND_EXEC = ok ? forkAndExec : null;
        WAIT_FOR_EXIT = ok ? wait : null;
        FD = ok ? fd : null;
        ADDRESS = ok ? address : null;
        SPAWN_HELPER = ok ? helper : null;
        O_RDONLY = rdonly;
        O_RDWR = rdwr;
        O_CREAT = creat;
        LAUNCH_MECHANISM = ok ? mechanism : null;
        UNAVAILABLE = reason;
    }

    private JdkInternals() {}

    /** True when {@link RawFiles} and {@link RawExec} may be used in this JVM. */
    public static boolean available() { return UNAVAILABLE == null; }

    /** Why {@link #available()} is false, as a sentence fragment; null when available. */
    public static String unavailableReason() { return UNAVAILABLE; }

    /** The mode number {@code forkAndExec} takes for a launch mechanism name (FORK, POSIX_SPAWN, VFORK), or -1. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int launchMode(String mechanism) {
        if (LAUNCH_MECHANISM == null || mechanism == null) return -1;
        try {
            return Enum.valueOf((Class) LAUNCH_MECHANISM, mechanism.trim().toUpperCase(Locale.ROOT)).ordinal() + 1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** An instance without running a constructor (sun.misc.Unsafe, looked up reflectively: jdk.unsupported). */
    private static Object allocateInstance(Class<?> type) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field f = unsafeClass.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return unsafeClass.getMethod("allocateInstance", Class.class).invoke(f.get(null), type);
    }
}
