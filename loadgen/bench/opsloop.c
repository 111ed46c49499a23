/*
 * opsloop: the system calls of one tracebench op kind in a plain C loop, for comparing the load generator's
 * throughput with C. Each iteration makes the Java op's file system calls: prepare (untimed in Java), perform and
 * the restore step that keeps the loop repeatable (see docs/load-ops.md). It does not mirror the JDK's own extra
 * work, so Java makes these calls that C does not (or other ones):
 *   direct-read, direct-write: fcntl(F_GETFL), fcntl(F_SETFL, O_DIRECT) and fstatfs per open (the JDK learns the
 *     alignment);
 *   remove: its prepare step is statx in Java, lstat (newfstatat) here;
 *   execute-subproc, execute-subthread: C posix_spawn is clone3(CLONE_VM|CLONE_VFORK) with 122 rt_sigaction,
 *     two opens of /dev/null and one dup2 in the child (and 4 prlimit64 in the parent); Java's VFORK is vfork()
 *     after two pipe2, then close x4 and a read of the pipe in the parent, and about 14 close, dup2 x4, a
 *     /proc/self/fd scan and fcntl(F_SETFD) in the child (docs/exec-launch.md). Alternated C loops with vfork and
 *     with posix_spawn ran within noise of each other;
 *   execute-subthread: pthread_create+join here, the JVM's platform thread start and join (more futex wake-ups);
 *   fork: the child opens /dev/null twice and dup2s three times here; Java's FORK child does as its VFORK child,
 *     plus set_robust_list.
 *
 *   opsloop KIND PATH SECONDS [SIZE_BYTES]     prints "KIND <ops/s> <ops> <seconds>"
 *   (SIZE_BYTES: 4096 for read, loder's, and 4 for write and fsync by default, as the load generator)
 *
 * PATH must exist beforehand where the kind needs it (a file; a directory for readdir; a binary for exec kinds).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *kind, *path;
static char companion[4096];
static size_t size = 0; /* 0: the kind's default, 4096 for read (loder's bufio buffer), else 4 */
static char *buf;
static size_t block = 4096;
static const char *link_target; /* soft-link: the path's last name, relative to the link's own directory */

static void die(const char *what) {
    fprintf(stderr, "opsloop %s %s: %s: %s\n", kind, path, what, strerror(errno));
    exit(1);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* posix_spawn with stdin/stdout/stderr on /dev/null, as the JDK's Redirect.from(/dev/null) + DISCARD */
static void spawn_wait(void) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    char *argv[] = {(char *) path, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) { errno = rc; die("posix_spawn"); }
    int st;
    if (waitpid(pid, &st, 0) < 0) die("waitpid");
}

static void fork_wait(void) {
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY), out = open("/dev/null", O_WRONLY);
        dup2(in, 0); dup2(out, 1); dup2(out, 2);
        char *argv[] = {(char *) path, NULL};
        execve(path, argv, environ);
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0) die("waitpid");
}

static void *thread_main(void *arg) { (void) arg; spawn_wait(); return NULL; }

static void one(void) {
    int fd;
    if (!strcmp(kind, "read")) {
        if ((fd = open(path, O_RDONLY)) < 0) die("open");
        if (read(fd, buf, size) < 0) die("read");
        close(fd);
    } else if (!strcmp(kind, "direct-read")) {
        if ((fd = open(path, O_RDONLY | O_DIRECT)) < 0) die("open");
        if (pread(fd, buf, block, 0) < 0) die("pread");
        close(fd);
    } else if (!strcmp(kind, "write")) {
        if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) die("open");
        if (write(fd, buf, size) < 0) die("write");
        close(fd);
    } else if (!strcmp(kind, "direct-write")) {
        if ((fd = open(path, O_WRONLY | O_CREAT | O_DIRECT, 0666)) < 0) die("open");
        if (pwrite(fd, buf, block, 0) < 0) die("pwrite");
        close(fd);
    } else if (!strcmp(kind, "execute-subproc")) {
        spawn_wait();
    } else if (!strcmp(kind, "execute-subthread")) {
        pthread_t t;
        if (pthread_create(&t, NULL, thread_main, NULL)) die("pthread_create");
        pthread_join(t, NULL);
    } else if (!strcmp(kind, "fork")) {
        fork_wait();
    } else if (!strcmp(kind, "create-delete")) {
        if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0666)) < 0) die("open"); /* Go's os.Create */
        close(fd);
        if (unlink(path)) die("unlink");
    } else if (!strcmp(kind, "chmod")) {
        if (chmod(path, 0644)) die("chmod");
    } else if (!strcmp(kind, "chown")) {
        if (chown(path, (uid_t) -1, (gid_t) -1)) die("chown"); /* loder's os.Chown(path, -1, -1) */
    } else if (!strcmp(kind, "mkdir")) {
        if (mkdir(path, 0777)) die("mkdir");
        if (rmdir(path)) die("rmdir");
    } else if (!strcmp(kind, "remove")) {
        struct stat st;
        lstat(path, &st);
        if (unlink(path)) die("unlink");
        if ((fd = open(path, O_WRONLY | O_CREAT, 0644)) < 0) die("recreate");
        close(fd);
    } else if (!strcmp(kind, "rename")) {
        if (rename(path, companion)) die("rename");
        if (rename(companion, path)) die("rename back");
    } else if (!strcmp(kind, "hard-link")) {
        if (link(path, companion)) die("link");
        if (unlink(companion)) die("unlink");
    } else if (!strcmp(kind, "soft-link")) {
        if (symlink(link_target, companion)) die("symlink");
        if (unlink(companion)) die("unlink");
    } else if (!strcmp(kind, "open")) {
        if ((fd = open(path, O_RDONLY)) < 0) die("open");
        close(fd);
    } else if (!strcmp(kind, "stat")) {
        struct stat st;
        if (stat(path, &st)) die("stat");
    } else if (!strcmp(kind, "readdir")) {
        DIR *d = opendir(path);
        if (!d) die("opendir");
        while (readdir(d)) { }
        closedir(d);
    } else if (!strcmp(kind, "fsync")) {
        if ((fd = open(path, O_WRONLY | O_CREAT, 0666)) < 0) die("open");
        if (pwrite(fd, buf, size, 0) < 0) die("pwrite");
        if (fsync(fd)) die("fsync");
        close(fd);
    } else if (!strcmp(kind, "truncate")) {
        if ((fd = open(path, O_RDWR | O_CREAT, 0666)) < 0) die("open");
        if (ftruncate(fd, 0)) die("ftruncate");
        close(fd);
    } else {
        fprintf(stderr, "opsloop: unknown kind %s\n", kind);
        exit(2);
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: opsloop KIND PATH SECONDS [SIZE_BYTES]\n");
        return 2;
    }
    kind = argv[1];
    path = argv[2];
    double seconds = atof(argv[3]);
    if (argc > 4) size = (size_t) atol(argv[4]);
    if (size == 0) size = !strcmp(kind, "read") ? 4096 : 4;
    if (size > block) block = (size + 4095) / 4096 * 4096;
    if (posix_memalign((void **) &buf, 4096, block > size ? block : size)) die("posix_memalign");
    memset(buf, 'a', block > size ? block : size);
    const char *suffix = !strcmp(kind, "rename") ? "-renamed" : !strcmp(kind, "hard-link") ? "-hard-link" : "-soft-link";
    snprintf(companion, sizeof companion, "%s%s", path, suffix);
    link_target = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    for (double warm = now() + 1.0; now() < warm;) one(); /* the same one-second warm-up the Java side gets */
    long ops = 0;
    double start = now(), end = start + seconds, t = start;
    while (t < end) {
        one();
        ops++;
        if ((ops & 15) == 0 || seconds < 0.5 || strstr(kind, "exec") || !strcmp(kind, "fork")) t = now();
    }
    t = now();
    printf("%s %.1f %ld %.3f\n", kind, ops / (t - start), ops, t - start);
    return 0;
}
