//===- Filesystem.cpp - wasi:filesystem descriptors and preopens ----------===//
//
// Descriptor methods map onto the *at(2) family of system calls relative to
// a directory fd; every path goes through Path.cpp, so nothing here ever
// hands a guest path to the kernel unconfined. What a descriptor may do is
// recorded in its descriptor-flags: read and write for files, and
// mutate-directory for directories (withheld for read-only preopens and
// inherited only when asked for), checked before any system call.
//
// Errors are the kernel's errno mapped to WASI error codes one to one
// (Context.cpp), except that escapes surface as `not-permitted`.
//
//===----------------------------------------------------------------------===//

#include "Core.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace weld::wasi;

namespace {
constexpr uint64_t MaxRead = 1 << 20;

/// A resolved parent directory fd and final name, closed on scope exit.
struct Parent {
  int Fd = -1;
  bool Slash = false;
  char Name[NAME_MAX + 1];
  ~Parent() {
    if (Fd >= 0)
      close(Fd);
  }
};
} // namespace

static Status badHandle(Ctx &C) { return unknownHandle(C); }

static Status fromErrno(int E) { return fsErrorFromErrno(E); }

static uint8_t typeOfMode(mode_t M) {
  switch (M & S_IFMT) {
  case S_IFBLK: return WELD_WASI_TYPE_BLOCK_DEVICE;
  case S_IFCHR: return WELD_WASI_TYPE_CHARACTER_DEVICE;
  case S_IFDIR: return WELD_WASI_TYPE_DIRECTORY;
  case S_IFIFO: return WELD_WASI_TYPE_FIFO;
  case S_IFLNK: return WELD_WASI_TYPE_SYMBOLIC_LINK;
  case S_IFREG: return WELD_WASI_TYPE_REGULAR_FILE;
  case S_IFSOCK: return WELD_WASI_TYPE_SOCKET;
  default: return WELD_WASI_TYPE_UNKNOWN;
  }
}

static weld_wasi_option_datetime timeOf(const timespec &T) {
  weld_wasi_option_datetime R;
  memset(&R, 0, sizeof(R));
  if (T.tv_sec >= 0) {
    R.is_some = 1;
    R.value.seconds = uint64_t(T.tv_sec);
    R.value.nanoseconds = uint32_t(T.tv_nsec);
  }
  return R;
}

static void statOf(const struct stat &St, weld_wasi_stat *Out) {
  memset(Out, 0, sizeof(*Out));
  Out->type = typeOfMode(St.st_mode);
  Out->link_count = St.st_nlink;
  Out->size = uint64_t(St.st_size);
  Out->data_access_timestamp = timeOf(St.st_atim);
  Out->data_modification_timestamp = timeOf(St.st_mtim);
  Out->status_change_timestamp = timeOf(St.st_ctim);
}

static timespec toTimespec(const weld_wasi_new_timestamp *T) {
  timespec R = {0, UTIME_OMIT};
  if (T && T->tag == 1)
    R.tv_nsec = UTIME_NOW;
  else if (T && T->tag == 2)
    R = {time_t(T->value.seconds), long(T->value.nanoseconds)};
  return R;
}

static bool validUtf8(const char *S, size_t N) {
  const auto *P = reinterpret_cast<const uint8_t *>(S);
  for (size_t I = 0; I < N;) {
    uint8_t B = P[I];
    size_t Len = B < 0x80 ? 1 : (B >> 5) == 6 ? 2 : (B >> 4) == 14 ? 3
                 : (B >> 3) == 30 ? 4 : 0;
    if (!Len || I + Len > N)
      return false;
    uint32_t Cp = Len == 1 ? B : B & (0x7F >> Len);
    for (size_t K = 1; K < Len; ++K) {
      if ((P[I + K] & 0xC0) != 0x80)
        return false;
      Cp = (Cp << 6) | (P[I + K] & 0x3F);
    }
    static const uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (Cp < Min[Len] || Cp > 0x10FFFF || (Cp >= 0xD800 && Cp <= 0xDFFF))
      return false;
    I += Len;
  }
  return true;
}

/// The descriptor D, which must be a directory (else *St is not-directory).
static Descriptor *directory(Ctx &C, uint32_t D, Status *St) {
  auto *Dir = lookup<Descriptor>(C, D);
  if (!Dir) {
    *St = badHandle(C);
    return nullptr;
  }
  if (Dir->Type != WELD_WASI_TYPE_DIRECTORY) {
    *St = WELD_WASI_FS_NOT_DIRECTORY;
    return nullptr;
  }
  *St = Ok;
  return Dir;
}

/// Like directory(), and the directory must allow mutation.
static Descriptor *mutableDirectory(Ctx &C, uint32_t D, Status *St) {
  Descriptor *Dir = directory(C, D, St);
  if (Dir && !(Dir->Flags & WELD_WASI_DESCRIPTOR_MUTATE_DIRECTORY)) {
    *St = WELD_WASI_FS_NOT_PERMITTED;
    return nullptr;
  }
  return Dir;
}

/// Resolves (Dir, Path) to a parent fd and final name. A final "." or
/// ".." that stays inside gives -EINVAL in *Errno for the caller to map.
static Status resolveParent(Ctx &C, Descriptor &Dir, const char *Path,
                            size_t Len, bool Follow, Parent &P,
                            int *Errno = nullptr) {
  char Buf[PATH_MAX];
  int R = copyPath(Path, Len, Buf, sizeof(Buf));
  if (R == 0)
    R = openParentBeneath(C.Resolver, Dir.Fd, Buf, Follow, P.Name,
                          sizeof(P.Name), &P.Slash);
  if (Errno)
    *Errno = R < 0 ? -R : 0;
  if (R < 0)
    return fromErrno(-R);
  P.Fd = R;
  return Ok;
}

/// Opens (Dir, Path) beneath Dir with Flags; the fd or a status (< 0 fd).
static int openPath(Ctx &C, Descriptor &Dir, const char *Path, size_t Len,
                    int Flags, bool Follow, Status *St) {
  char Buf[PATH_MAX];
  int R = copyPath(Path, Len, Buf, sizeof(Buf));
  if (R == 0)
    R = openBeneath(C.Resolver, Dir.Fd, Buf, Flags, 0666, Follow);
  *St = R < 0 ? fromErrno(-R) : Ok;
  return R;
}

//===-- Preopens and streams --------------------------------------------------===//

Status weld::wasi::getDirectories(Ctx &C, const weld_wasi_preopen **Out,
                                  size_t *Count) {
  C.Scratch.reset();
  *Out = nullptr;
  *Count = 0;
  size_t N = C.Preopens.size();
  auto *List = static_cast<weld_wasi_preopen *>(
      C.Scratch.alloc((N ? N : 1) * sizeof(weld_wasi_preopen)));
  if (!List)
    return trap(C, "out of memory");
  for (size_t I = 0; I < N; ++I) {
    const OpenedPreopen &P = C.Preopens[I];
    auto *D = allocObject<Descriptor>();
    int Fd = fcntl(P.Fd, F_DUPFD_CLOEXEC, 0);
    if (!D || Fd < 0) {
      free(D);
      if (Fd >= 0)
        close(Fd);
      return trap(C, "out of descriptors");
    }
    D->Fd = Fd;
    D->Type = WELD_WASI_TYPE_DIRECTORY;
    D->Flags = WELD_WASI_DESCRIPTOR_READ |
               (P.ReadOnly ? 0 : WELD_WASI_DESCRIPTOR_MUTATE_DIRECTORY);
    List[I].descriptor = insertObject(C, WELD_WASI_KIND_DESCRIPTOR, D);
    if (!List[I].descriptor)
      return trap(C, "out of memory");
    List[I].path = {P.Guest, strlen(P.Guest)};
  }
  *Out = List;
  *Count = N;
  return Ok;
}

/// A file descriptor usable for stream I/O: D must be a file with Need.
static Descriptor *fileFor(Ctx &C, uint32_t D, uint8_t Need, Status *St) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F) {
    *St = badHandle(C);
    return nullptr;
  }
  if (!(F->Flags & Need)) {
    *St = WELD_WASI_FS_BAD_DESCRIPTOR;
    return nullptr;
  }
  if (F->Type == WELD_WASI_TYPE_DIRECTORY) {
    *St = WELD_WASI_FS_IS_DIRECTORY;
    return nullptr;
  }
  *St = Ok;
  return F;
}

Status weld::wasi::readViaStream(Ctx &C, uint32_t D, uint64_t Offset,
                                 uint32_t *Out) {
  Status St;
  Descriptor *F = fileFor(C, D, WELD_WASI_DESCRIPTOR_READ, &St);
  if (!F)
    return St;
  auto *S = allocObject<InputStream>();
  int Fd = fcntl(F->Fd, F_DUPFD_CLOEXEC, 0);
  if (!S || Fd < 0) {
    free(S);
    return Fd < 0 ? fromErrno(errno) : trap(C, "out of memory");
  }
  S->Src = StreamSource::File;
  S->OwnsFd = true;
  S->Fd = Fd;
  S->Offset = Offset;
  *Out = insertObject(C, WELD_WASI_KIND_INPUT_STREAM, S);
  return *Out ? Ok : trap(C, "out of memory");
}

Status weld::wasi::writeViaStream(Ctx &C, uint32_t D, uint64_t Offset,
                                  bool Append, uint32_t *Out) {
  Status St;
  Descriptor *F = fileFor(C, D, WELD_WASI_DESCRIPTOR_WRITE, &St);
  if (!F)
    return St;
  auto *S = allocObject<OutputStream>();
  int Fd = fcntl(F->Fd, F_DUPFD_CLOEXEC, 0);
  if (!S || Fd < 0) {
    free(S);
    return Fd < 0 ? fromErrno(errno) : trap(C, "out of memory");
  }
  S->Src = StreamSource::File;
  S->OwnsFd = true;
  S->Append = Append;
  S->Fd = Fd;
  S->Offset = Offset;
  *Out = insertObject(C, WELD_WASI_KIND_OUTPUT_STREAM, S);
  return *Out ? Ok : trap(C, "out of memory");
}

//===-- Descriptor methods without paths --------------------------------------===//

Status weld::wasi::advise(Ctx &C, uint32_t D, uint64_t Offset, uint64_t Len,
                          uint8_t Advice) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F)
    return badHandle(C);
  static const int Map[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL,
                            POSIX_FADV_RANDOM,   POSIX_FADV_WILLNEED,
                            POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  if (Advice >= sizeof(Map) / sizeof(Map[0]))
    return WELD_WASI_FS_INVALID;
  if (Offset > INT64_MAX || Len > INT64_MAX)
    return WELD_WASI_FS_INVALID;
  int E = posix_fadvise(F->Fd, off_t(Offset), off_t(Len), Map[Advice]);
  return E ? fromErrno(E) : Ok;
}

Status weld::wasi::syncData(Ctx &C, uint32_t D, bool All) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F)
    return badHandle(C);
  int R = All ? fsync(F->Fd) : fdatasync(F->Fd);
  return R ? fromErrno(errno) : Ok;
}

Status weld::wasi::getFlags(Ctx &C, uint32_t D, uint8_t *Out) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F)
    return badHandle(C);
  *Out = F->Flags;
  return Ok;
}

Status weld::wasi::getType(Ctx &C, uint32_t D, uint8_t *Out) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F)
    return badHandle(C);
  struct stat St;
  if (fstat(F->Fd, &St))
    return fromErrno(errno);
  *Out = typeOfMode(St.st_mode);
  return Ok;
}

Status weld::wasi::setSize(Ctx &C, uint32_t D, uint64_t Size) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F)
    return badHandle(C);
  // ftruncate(2) of a descriptor not open for writing is EINVAL; wasmtime
  // reports the same `invalid`.
  if (!(F->Flags & WELD_WASI_DESCRIPTOR_WRITE))
    return WELD_WASI_FS_INVALID;
  if (Size > INT64_MAX)
    return WELD_WASI_FS_FILE_TOO_LARGE;
  return ftruncate(F->Fd, off_t(Size)) ? fromErrno(errno) : Ok;
}

Status weld::wasi::setTimes(Ctx &C, uint32_t D,
                            const weld_wasi_new_timestamp *A,
                            const weld_wasi_new_timestamp *M) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F)
    return badHandle(C);
  uint8_t Need = F->Type == WELD_WASI_TYPE_DIRECTORY
                     ? WELD_WASI_DESCRIPTOR_MUTATE_DIRECTORY
                     : WELD_WASI_DESCRIPTOR_WRITE;
  if (!(F->Flags & Need))
    return WELD_WASI_FS_NOT_PERMITTED;
  timespec Ts[2] = {toTimespec(A), toTimespec(M)};
  return futimens(F->Fd, Ts) ? fromErrno(errno) : Ok;
}

Status weld::wasi::readAt(Ctx &C, uint32_t D, uint64_t Len, uint64_t Offset,
                          weld_wasi_bytes *Out, uint8_t *Eof) {
  Status St;
  Descriptor *F = fileFor(C, D, WELD_WASI_DESCRIPTOR_READ, &St);
  Out->ptr = nullptr;
  Out->len = 0;
  *Eof = 0;
  if (!F)
    return St;
  if (Offset > INT64_MAX)
    return WELD_WASI_FS_INVALID;
  C.Scratch.reset();
  size_t N = size_t(Len < MaxRead ? Len : MaxRead);
  auto *Buf = static_cast<uint8_t *>(C.Scratch.alloc(N ? N : 1));
  if (!Buf)
    return trap(C, "out of memory");
  ssize_t R;
  do
    R = pread(F->Fd, Buf, N, off_t(Offset));
  while (R < 0 && errno == EINTR);
  if (R < 0)
    return fromErrno(errno);
  Out->ptr = Buf;
  Out->len = size_t(R);
  // A short read of a regular file only happens at its end.
  *Eof = size_t(R) < N;
  return Ok;
}

Status weld::wasi::writeAt(Ctx &C, uint32_t D, const uint8_t *Data,
                           size_t Len, uint64_t Offset, uint64_t *Written) {
  Status St;
  Descriptor *F = fileFor(C, D, WELD_WASI_DESCRIPTOR_WRITE, &St);
  *Written = 0;
  if (!F)
    return St;
  if (Offset > INT64_MAX)
    return WELD_WASI_FS_INVALID;
  ssize_t R;
  do
    R = pwrite(F->Fd, Data, Len, off_t(Offset));
  while (R < 0 && errno == EINTR);
  if (R < 0)
    return fromErrno(errno);
  *Written = uint64_t(R);
  return Ok;
}

Status weld::wasi::stat(Ctx &C, uint32_t D, weld_wasi_stat *Out) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F)
    return badHandle(C);
  struct stat St;
  if (fstat(F->Fd, &St))
    return fromErrno(errno);
  statOf(St, Out);
  return Ok;
}

Status weld::wasi::isSameObject(Ctx &C, uint32_t D, uint32_t Other,
                                uint8_t *Out) {
  auto *A = lookup<Descriptor>(C, D);
  auto *B = lookup<Descriptor>(C, Other);
  if (!A || !B)
    return badHandle(C);
  struct stat SA, SB;
  *Out = !fstat(A->Fd, &SA) && !fstat(B->Fd, &SB) && SA.st_dev == SB.st_dev &&
         SA.st_ino == SB.st_ino;
  return Ok;
}

/// splitmix64's finalizer: a deterministic, well-mixed 64-bit hash.
static uint64_t mix(uint64_t X) {
  X += 0x9E3779B97F4A7C15ull;
  X = (X ^ (X >> 30)) * 0xBF58476D1CE4E5B9ull;
  X = (X ^ (X >> 27)) * 0x94D049BB133111EBull;
  return X ^ (X >> 31);
}

static void hashOf(const struct stat &St, weld_wasi_metadata_hash *Out) {
  // The same object gives the same hash; different objects differ with
  // overwhelming probability. Only device and inode go in, as WASI asks.
  Out->lower = mix(uint64_t(St.st_dev) ^ mix(uint64_t(St.st_ino)));
  Out->upper = mix(uint64_t(St.st_ino) ^ mix(uint64_t(St.st_dev) + 1));
}

Status weld::wasi::metadataHash(Ctx &C, uint32_t D,
                                weld_wasi_metadata_hash *Out) {
  auto *F = lookup<Descriptor>(C, D);
  if (!F)
    return badHandle(C);
  struct stat St;
  if (fstat(F->Fd, &St))
    return fromErrno(errno);
  hashOf(St, Out);
  return Ok;
}

//===-- Directories -----------------------------------------------------------===//

Status weld::wasi::readDirectory(Ctx &C, uint32_t D, uint32_t *Out) {
  Status St;
  Descriptor *Dir = directory(C, D, &St);
  if (!Dir)
    return St;
  if (!(Dir->Flags & WELD_WASI_DESCRIPTOR_READ))
    return WELD_WASI_FS_BAD_DESCRIPTOR;
  // A fresh open file description, so the listing has its own position.
  int Fd = openat(Dir->Fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (Fd < 0)
    return fromErrno(errno);
  DIR *Stream = fdopendir(Fd);
  if (!Stream) {
    int E = errno;
    close(Fd);
    return fromErrno(E);
  }
  auto *S = allocObject<DirEntryStream>();
  if (!S) {
    closedir(Stream);
    return trap(C, "out of memory");
  }
  S->Dir = Stream;
  *Out = insertObject(C, WELD_WASI_KIND_DIRECTORY_ENTRY_STREAM, S);
  return *Out ? Ok : trap(C, "out of memory");
}

Status weld::wasi::readDirectoryEntry(Ctx &C, uint32_t H, uint8_t *Some,
                                      weld_wasi_directory_entry *Out) {
  auto *S = lookup<DirEntryStream>(C, H);
  if (!S)
    return badHandle(C);
  *Some = 0;
  auto *Stream = static_cast<DIR *>(S->Dir);
  for (;;) {
    errno = 0;
    dirent *E = readdir(Stream);
    if (!E)
      return errno ? fromErrno(errno) : Ok;
    if (!strcmp(E->d_name, ".") || !strcmp(E->d_name, ".."))
      continue;
    size_t Len = strlen(E->d_name);
    if (!validUtf8(E->d_name, Len))
      return WELD_WASI_FS_ILLEGAL_BYTE_SEQUENCE;
    uint8_t Type = WELD_WASI_TYPE_UNKNOWN;
    switch (E->d_type) {
    case DT_BLK: Type = WELD_WASI_TYPE_BLOCK_DEVICE; break;
    case DT_CHR: Type = WELD_WASI_TYPE_CHARACTER_DEVICE; break;
    case DT_DIR: Type = WELD_WASI_TYPE_DIRECTORY; break;
    case DT_FIFO: Type = WELD_WASI_TYPE_FIFO; break;
    case DT_LNK: Type = WELD_WASI_TYPE_SYMBOLIC_LINK; break;
    case DT_REG: Type = WELD_WASI_TYPE_REGULAR_FILE; break;
    case DT_SOCK: Type = WELD_WASI_TYPE_SOCKET; break;
    default: {
      struct stat St;
      if (!fstatat(dirfd(Stream), E->d_name, &St, AT_SYMLINK_NOFOLLOW))
        Type = typeOfMode(St.st_mode);
    }
    }
    C.Scratch.reset();
    char *Name = static_cast<char *>(C.Scratch.alloc(Len + 1));
    if (!Name)
      return trap(C, "out of memory");
    memcpy(Name, E->d_name, Len + 1);
    Out->type = Type;
    Out->name = {Name, Len};
    *Some = 1;
    return Ok;
  }
}

//===-- Path operations -------------------------------------------------------===//

Status weld::wasi::openAt(Ctx &C, uint32_t D, uint8_t PathFlags,
                          const char *P, size_t N, uint8_t OpenFlags,
                          uint8_t Flags, uint32_t *Out) {
  Status St;
  Descriptor *Dir = directory(C, D, &St);
  if (!Dir)
    return St;
  bool Mutates = (OpenFlags & (WELD_WASI_OPEN_CREATE |
                               WELD_WASI_OPEN_TRUNCATE)) ||
                 (Flags & (WELD_WASI_DESCRIPTOR_WRITE |
                           WELD_WASI_DESCRIPTOR_MUTATE_DIRECTORY));
  if (Mutates && !(Dir->Flags & WELD_WASI_DESCRIPTOR_MUTATE_DIRECTORY))
    return WELD_WASI_FS_NOT_PERMITTED;
  int OFlags = O_NOCTTY | O_NONBLOCK;
  if (OpenFlags & WELD_WASI_OPEN_CREATE)
    OFlags |= O_CREAT;
  if (OpenFlags & WELD_WASI_OPEN_DIRECTORY)
    OFlags |= O_DIRECTORY;
  if (OpenFlags & WELD_WASI_OPEN_EXCLUSIVE)
    OFlags |= O_EXCL;
  if (OpenFlags & WELD_WASI_OPEN_TRUNCATE)
    OFlags |= O_TRUNC;
  bool Read = Flags & WELD_WASI_DESCRIPTOR_READ;
  bool Write = Flags & WELD_WASI_DESCRIPTOR_WRITE;
  OFlags |= Write ? (Read ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (Flags & WELD_WASI_DESCRIPTOR_FILE_INTEGRITY_SYNC)
    OFlags |= O_SYNC;
  if (Flags & WELD_WASI_DESCRIPTOR_DATA_INTEGRITY_SYNC)
    OFlags |= O_DSYNC;
  if (Flags & WELD_WASI_DESCRIPTOR_REQUESTED_WRITE_SYNC)
    OFlags |= O_RSYNC;
  bool Follow = PathFlags & WELD_WASI_PATH_SYMLINK_FOLLOW;
  int Fd = openPath(C, *Dir, P, N, OFlags, Follow, &St);
  if (Fd < 0)
    return St;
  // O_NONBLOCK only kept the open of a FIFO from hanging; I/O blocks.
  fcntl(Fd, F_SETFL, fcntl(Fd, F_GETFL) & ~O_NONBLOCK);
  struct stat S;
  if (fstat(Fd, &S)) {
    int E = errno;
    close(Fd);
    return fromErrno(E);
  }
  auto *Obj = allocObject<Descriptor>();
  if (!Obj) {
    close(Fd);
    return trap(C, "out of memory");
  }
  Obj->Fd = Fd;
  Obj->Type = typeOfMode(S.st_mode);
  Obj->Flags = Flags;
  if (Obj->Type == WELD_WASI_TYPE_DIRECTORY)
    Obj->Flags |= WELD_WASI_DESCRIPTOR_READ;
  else
    Obj->Flags &= ~WELD_WASI_DESCRIPTOR_MUTATE_DIRECTORY;
  *Out = insertObject(C, WELD_WASI_KIND_DESCRIPTOR, Obj);
  return *Out ? Ok : trap(C, "out of memory");
}

Status weld::wasi::createDirectoryAt(Ctx &C, uint32_t D, const char *P,
                                     size_t N) {
  Status St;
  Descriptor *Dir = mutableDirectory(C, D, &St);
  if (!Dir)
    return St;
  Parent Par;
  int E;
  St = resolveParent(C, *Dir, P, N, false, Par, &E);
  if (St != Ok)
    return E == EINVAL ? WELD_WASI_FS_EXIST : St;
  return mkdirat(Par.Fd, Par.Name, 0777) ? fromErrno(errno) : Ok;
}

/// stat(2) of a path inside directory D, resolved inside the sandbox like
/// every other path (stat-at and metadata-hash-at share it).
static Status statPath(Ctx &C, uint32_t D, uint8_t PathFlags, const char *P,
                       size_t N, struct stat &S) {
  Status St;
  Descriptor *Dir = directory(C, D, &St);
  if (!Dir)
    return St;
  bool Follow = PathFlags & WELD_WASI_PATH_SYMLINK_FOLLOW;
  int Fd = openPath(C, *Dir, P, N, O_PATH, Follow, &St);
  if (Fd < 0)
    return St;
  int R = fstatat(Fd, "", &S, AT_EMPTY_PATH);
  int E = errno;
  close(Fd);
  return R ? fromErrno(E) : Ok;
}

Status weld::wasi::statAt(Ctx &C, uint32_t D, uint8_t PathFlags,
                          const char *P, size_t N,
                          weld_wasi_stat *Out) {
  struct stat S;
  Status St = statPath(C, D, PathFlags, P, N, S);
  if (St == Ok)
    statOf(S, Out);
  return St;
}

Status weld::wasi::metadataHashAt(Ctx &C, uint32_t D, uint8_t PathFlags,
                                  const char *P, size_t N,
                                  weld_wasi_metadata_hash *Out) {
  struct stat S;
  Status St = statPath(C, D, PathFlags, P, N, S);
  if (St == Ok)
    hashOf(S, Out);
  return St;
}

Status weld::wasi::setTimesAt(Ctx &C, uint32_t D, uint8_t PathFlags,
                              const char *P, size_t N,
                              const weld_wasi_new_timestamp *A,
                              const weld_wasi_new_timestamp *M) {
  Status St;
  Descriptor *Dir = mutableDirectory(C, D, &St);
  if (!Dir)
    return St;
  timespec Ts[2] = {toTimespec(A), toTimespec(M)};
  Parent Par;
  int E;
  St = resolveParent(C, *Dir, P, N, PathFlags & WELD_WASI_PATH_SYMLINK_FOLLOW,
                     Par, &E);
  if (St != Ok && E == EINVAL) {
    // "." or "..": a directory inside the sandbox; set its times by fd.
    int Fd = openPath(C, *Dir, P, N, O_RDONLY | O_DIRECTORY, true, &St);
    if (Fd < 0)
      return St;
    int R = futimens(Fd, Ts);
    E = errno;
    close(Fd);
    return R ? fromErrno(E) : Ok;
  }
  if (St != Ok)
    return St;
  // The final symlink (if followed) was resolved beneath the directory, so
  // the name is never followed here.
  return utimensat(Par.Fd, Par.Name, Ts, AT_SYMLINK_NOFOLLOW) ? fromErrno(errno)
                                                              : Ok;
}

Status weld::wasi::linkAt(Ctx &C, uint32_t D, uint8_t OldFlags,
                          const char *OldP, size_t OldN, uint32_t NewD,
                          const char *NewP, size_t NewN) {
  Status St;
  Descriptor *Old = mutableDirectory(C, D, &St);
  if (!Old)
    return St;
  Descriptor *New = mutableDirectory(C, NewD, &St);
  if (!New)
    return St;
  Parent From, To;
  int E;
  St = resolveParent(C, *Old, OldP, OldN,
                     OldFlags & WELD_WASI_PATH_SYMLINK_FOLLOW, From, &E);
  if (St != Ok)
    return E == EINVAL ? WELD_WASI_FS_NOT_PERMITTED : St;
  St = resolveParent(C, *New, NewP, NewN, false, To, &E);
  if (St != Ok)
    return E == EINVAL ? WELD_WASI_FS_EXIST : St;
  if (From.Slash || To.Slash)
    return WELD_WASI_FS_NOT_DIRECTORY;
  return linkat(From.Fd, From.Name, To.Fd, To.Name, 0) ? fromErrno(errno) : Ok;
}

Status weld::wasi::readlinkAt(Ctx &C, uint32_t D, const char *P, size_t N,
                              weld_wasi_string *Out) {
  Status St;
  Descriptor *Dir = directory(C, D, &St);
  if (!Dir)
    return St;
  Parent Par;
  St = resolveParent(C, *Dir, P, N, false, Par);
  if (St != Ok)
    return St;
  C.Scratch.reset();
  char *Buf = static_cast<char *>(C.Scratch.alloc(PATH_MAX));
  if (!Buf)
    return trap(C, "out of memory");
  ssize_t R = readlinkat(Par.Fd, Par.Name, Buf, PATH_MAX);
  if (R < 0)
    return fromErrno(errno);
  // An absolute target names a host path the guest must not learn.
  if (R > 0 && Buf[0] == '/')
    return WELD_WASI_FS_NOT_PERMITTED;
  if (!validUtf8(Buf, size_t(R)))
    return WELD_WASI_FS_ILLEGAL_BYTE_SEQUENCE;
  Out->ptr = Buf;
  Out->len = size_t(R);
  return Ok;
}

Status weld::wasi::removeDirectoryAt(Ctx &C, uint32_t D, const char *P,
                                     size_t N) {
  Status St;
  Descriptor *Dir = mutableDirectory(C, D, &St);
  if (!Dir)
    return St;
  Parent Par;
  St = resolveParent(C, *Dir, P, N, false, Par);
  if (St != Ok)
    return St;
  return unlinkat(Par.Fd, Par.Name, AT_REMOVEDIR) ? fromErrno(errno) : Ok;
}

Status weld::wasi::renameAt(Ctx &C, uint32_t D, const char *OldP, size_t OldN,
                            uint32_t NewD, const char *NewP, size_t NewN) {
  Status St;
  Descriptor *Old = mutableDirectory(C, D, &St);
  if (!Old)
    return St;
  Descriptor *New = mutableDirectory(C, NewD, &St);
  if (!New)
    return St;
  Parent From, To;
  St = resolveParent(C, *Old, OldP, OldN, false, From);
  if (St != Ok)
    return St;
  St = resolveParent(C, *New, NewP, NewN, false, To);
  if (St != Ok)
    return St;
  if (From.Slash || To.Slash) {
    // "a/" names a directory: refuse to rename anything else through it.
    struct stat S;
    if (fstatat(From.Fd, From.Name, &S, AT_SYMLINK_NOFOLLOW))
      return fromErrno(errno);
    if (!S_ISDIR(S.st_mode))
      return WELD_WASI_FS_NOT_DIRECTORY;
  }
  return renameat(From.Fd, From.Name, To.Fd, To.Name) ? fromErrno(errno) : Ok;
}

Status weld::wasi::symlinkAt(Ctx &C, uint32_t D, const char *OldP,
                             size_t OldN, const char *NewP, size_t NewN) {
  Status St;
  Descriptor *Dir = mutableDirectory(C, D, &St);
  if (!Dir)
    return St;
  char Target[PATH_MAX];
  if (int R = copyPath(OldP, OldN, Target, sizeof(Target)))
    return fromErrno(-R);
  // An absolute target could never be followed inside the sandbox.
  if (Target[0] == '/')
    return WELD_WASI_FS_NOT_PERMITTED;
  Parent Par;
  int E;
  St = resolveParent(C, *Dir, NewP, NewN, false, Par, &E);
  if (St != Ok)
    return E == EINVAL ? WELD_WASI_FS_EXIST : St;
  if (Par.Slash)
    return WELD_WASI_FS_NOT_DIRECTORY;
  return symlinkat(Target, Par.Fd, Par.Name) ? fromErrno(errno) : Ok;
}

Status weld::wasi::unlinkFileAt(Ctx &C, uint32_t D, const char *P, size_t N) {
  Status St;
  Descriptor *Dir = mutableDirectory(C, D, &St);
  if (!Dir)
    return St;
  Parent Par;
  int E;
  St = resolveParent(C, *Dir, P, N, false, Par, &E);
  if (St != Ok)
    return E == EINVAL ? WELD_WASI_FS_IS_DIRECTORY : St;
  if (Par.Slash) {
    struct stat S;
    if (fstatat(Par.Fd, Par.Name, &S, AT_SYMLINK_NOFOLLOW))
      return fromErrno(errno);
    return S_ISDIR(S.st_mode) ? WELD_WASI_FS_IS_DIRECTORY
                              : WELD_WASI_FS_NOT_DIRECTORY;
  }
  return unlinkat(Par.Fd, Par.Name, 0) ? fromErrno(errno) : Ok;
}

Status weld::wasi::filesystemErrorCode(Ctx &C, uint32_t E, uint8_t *Some,
                                       uint8_t *Out) {
  auto *Obj = lookup<ErrorObj>(C, E);
  if (!Obj)
    return badHandle(C);
  *Some = Obj->From == ErrorObj::Filesystem;
  *Out = *Some ? uint8_t(fsErrorFromErrno(Obj->Errno)) : 0;
  return Ok;
}
