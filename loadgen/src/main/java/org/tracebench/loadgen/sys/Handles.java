package org.tracebench.loadgen.sys;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.Buffer;

/**
 * The looked-up internals behind {@link JdkInternals}, initialized on the first {@link JdkInternals#available()}
 * (which also initializes {@code java.lang.ProcessImpl}: call it after the launch mechanism is set).
 */
final class Handles {
    static final MethodHandle OPEN0;      // int open0(long path, int flags, int mode) throws UnixException
    static final MethodHandle READ;       // int read(int fd, long buf, int len) throws UnixException
    static final MethodHandle CLOSE0;     // void close0(int fd)
    static final MethodHandle OPENDIR0;   // long opendir0(long path) throws UnixException
    static final MethodHandle READDIR;    // byte[] readdir(long dir) throws UnixException: null at the end
    static final MethodHandle CLOSEDIR;   // void closedir(long dir) throws UnixException
    static final MethodHandle TRUNCATE0;  // int truncate0(FileDescriptor fd, long size) throws IOException
    // bound to one ProcessImpl: int (mode, helper, prog, args, argc, env, envc, dir, fds, redirectErrorStream)
    static final MethodHandle FORK_AND_EXEC;
    static final MethodHandle WAIT_FOR_EXIT; // int waitForProcessExit0(long pid, boolean reap)
    static final VarHandle FD;            // FileDescriptor.fd
    static final VarHandle ADDRESS;       // Buffer.address (direct buffers)
    static final byte[] SPAWN_HELPER;     // ProcessImpl.helperpath
    static final int O_RDONLY, O_RDWR, O_CREAT;
    static final Class<?> LAUNCH_MECHANISM;
    static final String UNAVAILABLE;

    static {
        MethodHandle open0 = null, read = null, close0 = null, truncate0 = null, forkAndExec = null, wait = null;
        MethodHandle opendir0 = null, readdir = null, closedir = null;
        VarHandle fd = null, address = null;
        byte[] helper = null;
        int rdonly = 0, rdwr = 0, creat = 0;
        Class<?> mechanism = null;
        String reason = null;
        if ("false".equalsIgnoreCase(System.getProperty(JdkInternals.PROPERTY, "").trim())) {
            reason = "disabled with -D" + JdkInternals.PROPERTY + "=false";
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
                address = MethodHandles.privateLookupIn(Buffer.class, self)
                        .findVarHandle(Buffer.class, "address", long.class);
                // Initializes ProcessImpl (the child's PATH search needs its state) and so fixes the JVM's launch
                // mechanism: hence the holder class, first used after LaunchMechanisms.apply.
                Class<?> pi = Class.forName("java.lang.ProcessImpl");
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
                reason = "the JVM was started without " + String.join(" ", JdkInternals.JVM_OPTIONS) + " ("
                        + e.getMessage() + ")";
            } catch (ReflectiveOperationException | RuntimeException e) {
                reason = "this JDK (" + Runtime.version() + ") lacks an internal method tracebench expects: " + e;
            }
        }
        // When a lookup failed the ones before it are set and the rest are null; callers check available() first.
        OPEN0 = open0;
        READ = read;
        CLOSE0 = close0;
        TRUNCATE0 = truncate0;
        OPENDIR0 = opendir0;
        READDIR = readdir;
        CLOSEDIR = closedir;
        FORK_AND_EXEC = forkAndExec;
        WAIT_FOR_EXIT = wait;
        FD = fd;
        ADDRESS = address;
        SPAWN_HELPER = helper;
        O_RDONLY = rdonly;
        O_RDWR = rdwr;
        O_CREAT = creat;
        LAUNCH_MECHANISM = mechanism;
        UNAVAILABLE = reason;
    }

    private Handles() {}

    /** An instance without running a constructor (sun.misc.Unsafe, looked up reflectively: jdk.unsupported). */
    private static Object allocateInstance(Class<?> type) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field f = unsafeClass.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return unsafeClass.getMethod("allocateInstance", Class.class).invoke(f.get(null), type);
    }
}
