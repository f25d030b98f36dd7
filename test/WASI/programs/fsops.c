// Exercises more of wasi:filesystem in the preopened directory argv[1]:
// positioned reads and writes, truncation, renames, symlinks, hard links,
// timestamps, directory removal, advice and syncs, printing each outcome.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

// Two rotating buffers, so one call can take two paths.
static char P[2][512];
static int Next;
static const char *at(const char *Dir, const char *Name) {
  char *Out = P[Next++ & 1];
  snprintf(Out, sizeof P[0], "%s/%s", Dir, Name);
  return Out;
}

static void report(const char *What, int Rc) {
  printf("%s: %s\n", What, Rc < 0 ? strerror(errno) : "ok");
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  const char *D = argv[1];
  char buf[64];
  int fd = open(at(D, "data.bin"), O_CREAT | O_RDWR | O_TRUNC, 0644);
  report("open", fd);
  report("pwrite", pwrite(fd, "hello world", 11, 0) == 11 ? 0 : -1);
  report("pwrite-at", pwrite(fd, "WORLD", 5, 6) == 5 ? 0 : -1);
  memset(buf, 0, sizeof buf);
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  printf("pread: %zd %s\n", n, buf);
  n = pread(fd, buf, 4, 100);
  printf("pread-eof: %zd\n", n);
  report("ftruncate", ftruncate(fd, 5));
  struct stat st;
  report("fstat", fstat(fd, &st));
  printf("size: %lld\n", (long long)st.st_size);
  report("fsync", fsync(fd));
  report("fdatasync", fdatasync(fd));
  report("fadvise", posix_fadvise(fd, 0, 5, POSIX_FADV_SEQUENTIAL) ? -1 : 0);
  struct timespec ts[2] = {{1000000000, 5}, {1500000000, 7}};
  report("futimens", futimens(fd, ts));
  report("fstat2", fstat(fd, &st));
  printf("mtime: %lld\n", (long long)st.st_mtim.tv_sec);
  close(fd);
  report("rename", rename(at(D, "data.bin"), at(D, "renamed.bin")));
  report("link", link(at(D, "renamed.bin"), at(D, "hard.bin")));
  report("symlink", symlink("renamed.bin", at(D, "sym")));
  memset(buf, 0, sizeof buf);
  n = readlink(at(D, "sym"), buf, sizeof buf - 1);
  printf("readlink: %zd %s\n", n, buf);
  report("lstat", lstat(at(D, "sym"), &st));
  printf("is-link: %d\n", S_ISLNK(st.st_mode));
  report("stat-hard", stat(at(D, "hard.bin"), &st));
  printf("nlink: %lld\n", (long long)st.st_nlink);
  report("utimensat", utimensat(AT_FDCWD, at(D, "hard.bin"), ts, 0));
  report("mkdir", mkdir(at(D, "d"), 0755));
  report("mkdir-again", mkdir(at(D, "d"), 0755));
  report("rmdir", rmdir(at(D, "d")));
  report("rmdir-missing", rmdir(at(D, "d")));
  report("unlink-missing", unlink(at(D, "nothing")));
  report("open-missing", open(at(D, "nothing"), O_RDONLY));
  report("symlink-abs", symlink("/etc/passwd", at(D, "abs")));
  fd = open(at(D, "hard.bin"), O_WRONLY | O_APPEND);
  report("append-open", fd);
  report("append", write(fd, "++", 2) == 2 ? 0 : -1);
  close(fd);
  report("stat-appended", stat(at(D, "renamed.bin"), &st));
  printf("size: %lld\n", (long long)st.st_size);
  report("access", access(at(D, "renamed.bin"), R_OK));
  return 0;
}
