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
    static final MethodHandle UNLINK0;    // void unlink0(long path) throws UnixException
    static final MethodHandle RMDIR0;     // void rmdir0(long path) throws UnixException
    static final MethodHandle RENAME0;    // void rename0(long from, long to) throws UnixException
    static final MethodHandle CHOWN0;     // void chown0(long path, int uid, int gid) throws UnixException
    // IOException (Exception unixException, String file, String other): the JDK's exception for that errno
    static final MethodHandle TRANSLATE;
    static final MethodHandle ERRNO;      // int (Exception unixException)
    // bound to one ProcessImpl: int (mode, helper, prog, args, argc, env, envc, dir, fds, redirectErrorStream)
    static final MethodHandle FORK_AND_EXEC;
    static final MethodHandle WAIT_FOR_EXIT; // int waitForProcessExit0(long pid, boolean reap)
    static final VarHandle FD;            // FileDescriptor.fd
    static final VarHandle ADDRESS;       // Buffer.address (direct buffers)
    static final byte[] SPAWN_HELPER;     // ProcessImpl.helperpath
    static final int O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, ENOTDIR;
    static final Class<?> LAUNCH_MECHANISM;
    static final String UNAVAILABLE;

    static {
        MethodHandle open0 = null, read = null, close0 = null, truncate0 = null, forkAndExec = null, wait = null;
        MethodHandle opendir0 = null, readdir = null, closedir = null;
        MethodHandle unlink0 = null, rmdir0 = null, rename0 = null, chown0 = null, translate = null, errno = null;
        VarHandle fd = null, address = null;
        byte[] helper = null;
        int rdonly = 0, wronly = 0, rdwr = 0, creat = 0, trunc = 0, enotdir = 0;
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
                unlink0 = l.findStatic(und, "unlink0", MethodType.methodType(void.class, long.class));
                rmdir0 = l.findStatic(und, "rmdir0", MethodType.methodType(void.class, long.class));
                rename0 = l.findStatic(und, "rename0", MethodType.methodType(void.class, long.class, long.class));
                chown0 = l.findStatic(und, "chown0", MethodType.methodType(void.class, long.class, int.class, int.class));
                Class<?> ue = Class.forName("sun.nio.fs.UnixException");
                translate = MethodHandles.privateLookupIn(ue, self).findVirtual(ue, "translateToIOException",
                        MethodType.methodType(java.io.IOException.class, String.class, String.class))
                        .asType(MethodType.methodType(java.io.IOException.class, Exception.class, String.class, String.class));
                errno = MethodHandles.privateLookupIn(ue, self).findVirtual(ue, "errno", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, Exception.class));
                Class<?> constants = Class.forName("sun.nio.fs.UnixConstants");
                MethodHandles.Lookup lc = MethodHandles.privateLookupIn(constants, self);
                rdonly = (int) lc.findStaticVarHandle(constants, "O_RDONLY", int.class).get();
                rdwr = (int) lc.findStaticVarHandle(constants, "O_RDWR", int.class).get();
                wronly = (int) lc.findStaticVarHandle(constants, "O_WRONLY", int.class).get();
                enotdir = (int) lc.findStaticVarHandle(constants, "ENOTDIR", int.class).get();
                creat = (int) lc.findStaticVarHandle(constants, "O_CREAT", int.class).get();
                trunc = (int) lc.findStaticVarHandle(constants, "O_TRUNC", int.class).get();
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
        UNLINK0 = unlink0;
        RMDIR0 = rmdir0;
        RENAME0 = rename0;
        CHOWN0 = chown0;
        TRANSLATE = translate;
        ERRNO = errno;
        FORK_AND_EXEC = forkAndExec;
        WAIT_FOR_EXIT = wait;
        FD = fd;
        ADDRESS = address;
        SPAWN_HELPER = helper;
        O_RDONLY = rdonly;
        O_RDWR = rdwr;
        O_WRONLY = wronly;
        ENOTDIR = enotdir;
        O_CREAT = creat;
        O_TRUNC = trunc;
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
