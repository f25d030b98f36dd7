//===- Path.cpp - path resolution that never leaves a preopened directory -===//
//
// Every WASI path is relative to a directory descriptor, and resolving it
// must never reach outside that directory: not through "..", not through
// an absolute path, not through a symlink (absolute, or relative and
// climbing too far, directly or in a chain, in the last component or an
// intermediate one). Escapes fail with EPERM, which becomes WASI's
// `not-permitted` as the filesystem interface specifies.
//
// Where the kernel has openat2(2), RESOLVE_BENEATH does the confinement
// atomically (no window for a concurrent rename to exploit) and
// RESOLVE_NO_MAGICLINKS keeps /proc-style links out. Elsewhere (old
// kernels, seccomp filters that hide openat2) a component-by-component walk
// does the same: every component is opened with O_NOFOLLOW relative to the
// directory fd reached so far, symlinks are read with readlinkat and
// spliced into the remaining path (at most 40, like the kernel), and ".."
// returns to the previous fd of the walk, never above the starting one.
//
//===----------------------------------------------------------------------===//

#include "Core.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace weld::wasi;

namespace {
constexpr int MaxSymlinks = 40;
constexpr size_t WalkBufSize = 2 * PATH_MAX;
} // namespace

int weld::wasi::copyPath(const char *Path, size_t Len, char *Out, size_t Cap) {
  if (memchr(Path, 0, Len))
    return -EINVAL;
  if (Len >= Cap)
    return -ENAMETOOLONG;
  memcpy(Out, Path, Len);
  Out[Len] = 0;
  return 0;
}

/// openat2 with RESOLVE_BENEATH; -ENOSYS when the kernel (or a sandbox
/// around us) does not offer it.
static int openat2Beneath(PathResolver &Res, int DirFd, const char *Path,
                          int Flags, unsigned Mode) {
#ifdef SYS_openat2
  if (Res.Openat2 < 0)
    return -ENOSYS;
  open_how How;
  memset(&How, 0, sizeof(How));
  How.flags = uint64_t(unsigned(Flags));
  // O_TMPFILE includes O_DIRECTORY's bit, so test it as a whole.
  bool Creates = (Flags & O_CREAT) || (Flags & O_TMPFILE) == O_TMPFILE;
  How.mode = Creates ? Mode : 0;
  How.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  for (int Attempt = 0; Attempt < 16; ++Attempt) {
    long R = syscall(SYS_openat2, DirFd, Path, &How, sizeof(How));
    if (R >= 0) {
      Res.Openat2 = 1;
      return int(R);
    }
    int E = errno;
    // EAGAIN: a concurrent rename made the kernel give up; try again.
    if (E == EAGAIN || E == EINTR)
      continue;
    if (E == ENOSYS || (E == EPERM && Res.Openat2 == 0) || E == E2BIG) {
      // EPERM before openat2 ever worked: a seccomp filter denying the
      // syscall. Fall back to the walk for good.
      Res.Openat2 = -1;
      return -ENOSYS;
    }
    // Escapes come back as EXDEV: WASI calls them not-permitted.
    return E == EXDEV ? -EPERM : -E;
  }
  return -EAGAIN;
#else
  return -ENOSYS;
#endif
}

namespace {
/// The state of a component walk: the stack of directory fds entered (the
/// first one borrowed from the caller) and the path still to resolve.
struct Walk {
  Array<int> Stack;
  char Rest[WalkBufSize];
  size_t Pos = 0;
  int Links = 0;

  ~Walk() {
    for (size_t I = 1; I < Stack.size(); ++I)
      close(Stack[I]);
  }
  int cur() const { return Stack[Stack.size() - 1]; }

  /// Replaces the component just read with the symlink target read from
  /// (Dir, Name): Rest becomes TARGET/REMAINDER.
  int splice(int Dir, const char *Name) {
    if (++Links > MaxSymlinks)
      return -ELOOP;
    char Target[PATH_MAX];
    ssize_t N = readlinkat(Dir, Name, Target, sizeof(Target) - 1);
    if (N < 0)
      return -errno;
    if (N == 0)
      return -ENOENT;
    if (Target[0] == '/')
      return -EPERM; // absolute symlinks always lead out
    size_t RestLen = strlen(Rest + Pos);
    if (size_t(N) + 1 + RestLen + 1 > sizeof(Rest))
      return -ENAMETOOLONG;
    memmove(Rest + N + 1, Rest + Pos, RestLen + 1);
    memcpy(Rest, Target, N);
    Rest[N] = RestLen ? '/' : 0;
    Pos = 0;
    return 0;
  }
};
} // namespace

/// Reads the next component of W into Comp; sets *Last when nothing but
/// slashes follows and *Slash when at least one slash does. False at end.
static bool nextComponent(Walk &W, char *Comp, bool *Last, bool *Slash) {
  while (W.Rest[W.Pos] == '/')
    ++W.Pos;
  if (!W.Rest[W.Pos])
    return false;
  size_t Begin = W.Pos;
  while (W.Rest[W.Pos] && W.Rest[W.Pos] != '/')
    ++W.Pos;
  size_t Len = W.Pos - Begin;
  memcpy(Comp, W.Rest + Begin, Len);
  Comp[Len] = 0;
  size_t P = W.Pos;
  *Slash = W.Rest[P] == '/';
  while (W.Rest[P] == '/')
    ++P;
  *Last = !W.Rest[P];
  return true;
}

/// The portable fallback of openBeneath (see the file comment).
static int walkBeneath(int DirFd, const char *Path, int Flags, unsigned Mode,
                       bool Follow) {
  Walk W;
  if (!W.Stack.push(DirFd))
    return -ENOMEM;
  size_t Len = strlen(Path);
  if (Len >= sizeof(W.Rest))
    return -ENAMETOOLONG;
  memcpy(W.Rest, Path, Len + 1);
  char Comp[NAME_MAX + 1 + PATH_MAX];
  bool Last = false, Slash = false;
  for (;;) {
    if (!nextComponent(W, Comp, &Last, &Slash)) {
      // The path ended with "." / ".." / a symlink to a directory that
      // was entered: open the directory we are in.
      int Fd = openat(W.cur(), ".", Flags | O_CLOEXEC, Mode);
      return Fd < 0 ? -errno : Fd;
    }
    if (strlen(Comp) > NAME_MAX)
      return -ENAMETOOLONG;
    if (!strcmp(Comp, "."))
      continue;
    if (!strcmp(Comp, "..")) {
      if (W.Stack.size() == 1)
        return -EPERM;
      close(W.cur());
      W.Stack.dropLast();
      continue;
    }
    struct stat St;
    bool Exists = fstatat(W.cur(), Comp, &St, AT_SYMLINK_NOFOLLOW) == 0;
    if (!Exists && errno != ENOENT)
      return -errno;
    bool FollowThis = !Last || Follow || Slash;
    if (Exists && S_ISLNK(St.st_mode) && FollowThis) {
      if (int E = W.splice(W.cur(), Comp))
        return E;
      continue;
    }
    if (!Last) {
      if (!Exists)
        return -ENOENT;
      if (!S_ISDIR(St.st_mode))
        return -ENOTDIR;
      int Fd = openat(W.cur(), Comp,
                      O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (Fd < 0)
        return -errno;
      if (!W.Stack.push(Fd)) {
        close(Fd);
        return -ENOMEM;
      }
      continue;
    }
    // The final component. O_NOFOLLOW even when following: a symlink that
    // appeared since the fstatat fails (or, with O_PATH, names the link
    // itself) instead of being followed out of the sandbox.
    int Final = Flags | O_NOFOLLOW | O_CLOEXEC | (Slash ? O_DIRECTORY : 0);
    int Fd = openat(W.cur(), Comp, Final, Mode);
    return Fd < 0 ? -errno : Fd;
  }
}

int weld::wasi::openBeneath(PathResolver &Res, int DirFd, const char *Path,
                            int Flags, unsigned Mode, bool Follow) {
  if (Path[0] == '/')
    return -EPERM;
  if (!Path[0])
    return -ENOENT;
  if (!Follow)
    Flags |= O_NOFOLLOW;
  if (!Res.ForceWalk) {
    int R = openat2Beneath(Res, DirFd, Path, Flags | O_CLOEXEC, Mode);
    if (R != -ENOSYS)
      return R;
  }
  return walkBeneath(DirFd, Path, Flags & ~O_NOFOLLOW, Mode, Follow);
}

/// Splits Buf (a relative path without trailing slashes) at its last
/// slash: Buf keeps the parent ("." when none), Name gets the last part.
static int splitLast(char *Buf, char *Name, size_t NameCap) {
  char *Slash = strrchr(Buf, '/');
  const char *Last = Slash ? Slash + 1 : Buf;
  size_t Len = strlen(Last);
  if (Len >= NameCap)
    return -ENAMETOOLONG;
  memcpy(Name, Last, Len + 1);
  if (!Slash) {
    strcpy(Buf, ".");
  } else {
    // Buf is relative (absolute paths were refused), so the parent part
    // before the slashes is never empty.
    while (Slash > Buf && Slash[-1] == '/')
      --Slash;
    *Slash = 0;
  }
  return 0;
}

int weld::wasi::openParentBeneath(PathResolver &Res, int DirFd,
                                  const char *Path, bool Follow, char *Name,
                                  size_t NameCap,
                                  bool *TrailingSlash) {
  if (Path[0] == '/')
    return -EPERM;
  if (!Path[0])
    return -ENOENT;
  char Buf[WalkBufSize];
  size_t Len = strlen(Path);
  if (Len >= sizeof(Buf))
    return -ENAMETOOLONG;
  memcpy(Buf, Path, Len + 1);
  *TrailingSlash = false;
  while (Len > 1 && Buf[Len - 1] == '/') {
    Buf[--Len] = 0;
    *TrailingSlash = true;
  }
  for (int Links = 0;; ++Links) {
    if (int E = splitLast(Buf, Name, NameCap))
      return E;
    if (!strcmp(Name, ".") || !strcmp(Name, "..")) {
      // Say `not-permitted` for an escape, else let the caller decide.
      char Full[WalkBufSize];
      snprintf(Full, sizeof(Full), "%s/%s", Buf, Name);
      int Fd = openBeneath(Res, DirFd, Full, O_PATH | O_DIRECTORY, 0, true);
      if (Fd < 0)
        return Fd;
      close(Fd);
      return -EINVAL;
    }
    int Parent = openBeneath(Res, DirFd, Buf, O_PATH | O_DIRECTORY, 0, true);
    if (Parent < 0 || !(Follow || *TrailingSlash))
      return Parent;
    struct stat St;
    if (fstatat(Parent, Name, &St, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISLNK(St.st_mode))
      return Parent;
    // A final symlink to follow: resolve PARENT/TARGET beneath DirFd again.
    if (Links >= MaxSymlinks) {
      close(Parent);
      return -ELOOP;
    }
    char Target[PATH_MAX];
    ssize_t N = readlinkat(Parent, Name, Target, sizeof(Target) - 1);
    close(Parent);
    if (N <= 0)
      return N < 0 ? -errno : -ENOENT;
    Target[N] = 0;
    if (Target[0] == '/')
      return -EPERM;
    char Next[WalkBufSize];
    if (size_t(snprintf(Next, sizeof(Next), "%s/%s", Buf, Target)) >=
        sizeof(Next))
      return -ENAMETOOLONG;
    memcpy(Buf, Next, strlen(Next) + 1);
    Len = strlen(Buf);
    while (Len > 1 && Buf[Len - 1] == '/')
      Buf[--Len] = 0;
  }
}
