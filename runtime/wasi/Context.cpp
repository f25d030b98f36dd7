//===- Context.cpp - WASI contexts, resource tables and the policy --------===//
//
// Everything a WASI context owns: the capability policy (parsed from the
// driver's grant strings), the guest's arguments and environment filtered
// through that policy, the preopened host directories, and one resource
// table per kind. Dropping a resource that still has children is refused,
// as WASI specifies, so a pollable never outlives what it watches and a
// socket never outlives its streams.
//
//===----------------------------------------------------------------------===//

#include "Core.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <new>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

using namespace weld::wasi;

char *weld::wasi::copyString(const char *S, size_t N) {
  char *P = static_cast<char *>(malloc(N + 1));
  if (!P)
    return nullptr;
  memcpy(P, S, N);
  P[N] = 0;
  return P;
}

//===-- HandleTable ----------------------------------------------------------===//

const HandleTable::Slot *HandleTable::slot(uint32_t H) const {
  uint32_t Index = H & IndexMask;
  if (Index == 0 || Index > Slots.size())
    return nullptr;
  const Slot &S = Slots[Index - 1];
  if (!S.Obj || S.Generation != (H >> IndexBits))
    return nullptr;
  return &S;
}

uint32_t HandleTable::insert(void *Obj, int ParentKind, uint32_t Parent) {
  uint32_t Index;
  if (FreeHead) {
    Index = FreeHead - 1;
    FreeHead = Slots[Index].NextFree;
  } else {
    if (Slots.size() >= IndexMask)
      return 0;
    Slot Empty = {};
    if (!Slots.push(Empty))
      return 0;
    Index = Slots.size() - 1;
  }
  Slot &S = Slots[Index];
  S.Obj = Obj;
  S.Children = 0;
  S.ParentKind = ParentKind;
  S.Parent = Parent;
  S.NextFree = 0;
  // Generations wrap within the bits above the index; a handle is never 0
  // because the index part is at least 1.
  return (S.Generation << IndexBits) | (Index + 1);
}

void *HandleTable::get(uint32_t H) const {
  const Slot *S = slot(H);
  return S ? S->Obj : nullptr;
}

bool HandleTable::remove(uint32_t H, void **Obj, int *ParentKind,
                         uint32_t *Parent) {
  if (!slot(H))
    return false;
  uint32_t Index = (H & IndexMask) - 1;
  Slot &S = Slots[Index];
  *Obj = S.Obj;
  *ParentKind = S.ParentKind;
  *Parent = S.Parent;
  S.Obj = nullptr;
  S.Generation = (S.Generation + 1) & ((1u << (32 - IndexBits)) - 1);
  S.NextFree = FreeHead;
  FreeHead = Index + 1;
  return true;
}

uint32_t HandleTable::children(uint32_t H) const {
  const Slot *S = slot(H);
  return S ? S->Children : 0;
}

void HandleTable::addChild(uint32_t H, int Delta) {
  if (const Slot *S = slot(H))
    const_cast<Slot *>(S)->Children += Delta;
}

void HandleTable::reset() {
  Slots.clear();
  FreeHead = 0;
}

//===-- Scratch ---------------------------------------------------------------===//

void *Scratch::alloc(size_t N) {
  N = (N + 15) & ~size_t(15);
  if (!Head || Head->Size - Head->Used < N) {
    size_t Size = N > 65536 ? N : 65536;
    auto *B = static_cast<Block *>(malloc(sizeof(Block) + 16 + Size));
    if (!B)
      return nullptr;
    B->Next = Head;
    B->Used = 0;
    B->Size = Size;
    Head = B;
  }
  // Blocks start 16-aligned after the header (malloc alignment + padding).
  uint8_t *Base = reinterpret_cast<uint8_t *>(Head) + sizeof(Block);
  Base += (16 - reinterpret_cast<uintptr_t>(Base) % 16) % 16;
  void *P = Base + Head->Used;
  Head->Used += N;
  return P;
}

void Scratch::reset() {
  while (Head) {
    Block *Next = Head->Next;
    free(Head);
    Head = Next;
  }
}

//===-- Objects ---------------------------------------------------------------===//

uint32_t weld::wasi::insertObject(Ctx &C, weld_wasi_kind Kind, void *Obj,
                                  int ParentKind, uint32_t Parent) {
  uint32_t H = C.Tables[Kind].insert(Obj, ParentKind, Parent);
  if (!H) {
    destroyObject(Kind, Obj);
    return 0;
  }
  if (ParentKind >= 0)
    C.Tables[ParentKind].addChild(Parent, 1);
  return H;
}

void weld::wasi::destroyObject(weld_wasi_kind Kind, void *Obj) {
  switch (Kind) {
  case WELD_WASI_KIND_INPUT_STREAM: {
    auto *S = static_cast<InputStream *>(Obj);
    if (S->OwnsFd)
      close(S->Fd);
    break;
  }
  case WELD_WASI_KIND_OUTPUT_STREAM: {
    auto *S = static_cast<OutputStream *>(Obj);
    if (S->Pending) {
      // Bytes a guest wrote without flushing are sent on a best-effort
      // basis, never blocking teardown.
      flushPending(*S);
      S->Pending->~Array<uint8_t>();
      free(S->Pending);
    }
    if (S->OwnsFd)
      close(S->Fd);
    break;
  }
  case WELD_WASI_KIND_DESCRIPTOR:
    close(static_cast<Descriptor *>(Obj)->Fd);
    break;
  case WELD_WASI_KIND_DIRECTORY_ENTRY_STREAM:
    if (void *D = static_cast<DirEntryStream *>(Obj)->Dir)
      closedir(static_cast<DIR *>(D));
    break;
  case WELD_WASI_KIND_TCP_SOCKET:
    close(static_cast<TcpSocket *>(Obj)->Fd);
    break;
  case WELD_WASI_KIND_UDP_SOCKET:
    close(static_cast<UdpSocket *>(Obj)->Fd);
    break;
  case WELD_WASI_KIND_RESOLVE_ADDRESS_STREAM:
    free(static_cast<ResolveStream *>(Obj)->Addrs);
    break;
  default:
    break;
  }
  free(Obj);
}

/// The message is kept in the context's scratch memory.
Status weld::wasi::unknownHandle(Ctx &C, uint32_t H) {
  constexpr size_t Size = 40;
  auto *Text = static_cast<char *>(C.Scratch.alloc(Size));
  if (!Text)
    return trap(C, "unknown handle index");
  snprintf(Text, Size, "unknown handle index %u", unsigned(H));
  return trap(C, Text);
}

Status weld::wasi::drop(Ctx &C, weld_wasi_kind Kind, uint32_t H) {
  if (Kind < 0 || Kind >= WELD_WASI_KIND_COUNT)
    return trap(C, "unknown resource kind");
  HandleTable &T = C.Tables[Kind];
  if (!T.get(H))
    return unknownHandle(C, H);
  if (T.children(H))
    return trap(C, "resource has children");
  void *Obj;
  int ParentKind;
  uint32_t Parent;
  T.remove(H, &Obj, &ParentKind, &Parent);
  if (ParentKind >= 0)
    C.Tables[ParentKind].addChild(Parent, -1);
  destroyObject(Kind, Obj);
  return Ok;
}

uint32_t weld::wasi::newError(Ctx &C, ErrorObj::Origin From, int Errno) {
  auto *E = allocObject<ErrorObj>();
  if (!E)
    return 0;
  E->From = From;
  E->Errno = Errno;
  return insertObject(C, WELD_WASI_KIND_ERROR, E);
}

uint32_t weld::wasi::subscribe(Ctx &C, weld_wasi_kind Kind, uint32_t H) {
  auto *P = allocObject<Pollable>();
  if (!P)
    return 0;
  P->SubjectKind = Kind;
  P->Subject = H;
  P->Deadline = UINT64_MAX;
  return insertObject(C, WELD_WASI_KIND_POLLABLE, P, Kind, H);
}

uint32_t weld::wasi::subscribeDeadline(Ctx &C, uint64_t Deadline) {
  auto *P = allocObject<Pollable>();
  if (!P)
    return 0;
  P->SubjectKind = -1;
  P->Deadline = Deadline;
  return insertObject(C, WELD_WASI_KIND_POLLABLE, P);
}

//===-- Error codes -----------------------------------------------------------===//

Status weld::wasi::fsErrorFromErrno(int E) {
  switch (E) {
  case EPERM: return WELD_WASI_FS_NOT_PERMITTED;
  case EACCES: return WELD_WASI_FS_ACCESS;
  case EAGAIN: return WELD_WASI_FS_WOULD_BLOCK;
  case EALREADY: return WELD_WASI_FS_ALREADY;
  case EBADF: return WELD_WASI_FS_BAD_DESCRIPTOR;
  case EBUSY: return WELD_WASI_FS_BUSY;
  case EDEADLK: return WELD_WASI_FS_DEADLOCK;
  case EDQUOT: return WELD_WASI_FS_QUOTA;
  case EEXIST: return WELD_WASI_FS_EXIST;
  case EFBIG: return WELD_WASI_FS_FILE_TOO_LARGE;
  case EILSEQ: return WELD_WASI_FS_ILLEGAL_BYTE_SEQUENCE;
  case EINPROGRESS: return WELD_WASI_FS_IN_PROGRESS;
  case EINTR: return WELD_WASI_FS_INTERRUPTED;
  case EINVAL: return WELD_WASI_FS_INVALID;
  case EIO: return WELD_WASI_FS_IO;
  case EISDIR: return WELD_WASI_FS_IS_DIRECTORY;
  case ELOOP: return WELD_WASI_FS_LOOP;
  case EMLINK: return WELD_WASI_FS_TOO_MANY_LINKS;
  case EMSGSIZE: return WELD_WASI_FS_MESSAGE_SIZE;
  case ENAMETOOLONG: return WELD_WASI_FS_NAME_TOO_LONG;
  case ENODEV: return WELD_WASI_FS_NO_DEVICE;
  case ENOENT: return WELD_WASI_FS_NO_ENTRY;
  case ENOLCK: return WELD_WASI_FS_NO_LOCK;
  case ENOMEM: return WELD_WASI_FS_INSUFFICIENT_MEMORY;
  case ENOSPC: return WELD_WASI_FS_INSUFFICIENT_SPACE;
  case ENOTDIR: return WELD_WASI_FS_NOT_DIRECTORY;
  case ENOTEMPTY: return WELD_WASI_FS_NOT_EMPTY;
  case ENOTRECOVERABLE: return WELD_WASI_FS_NOT_RECOVERABLE;
  case ENOTSUP: return WELD_WASI_FS_UNSUPPORTED;
  case ENOTTY: return WELD_WASI_FS_NO_TTY;
  case ENXIO: return WELD_WASI_FS_NO_SUCH_DEVICE;
  case EOVERFLOW: return WELD_WASI_FS_OVERFLOW;
  case EPIPE: return WELD_WASI_FS_PIPE;
  case EROFS: return WELD_WASI_FS_READ_ONLY;
  case ESPIPE: return WELD_WASI_FS_INVALID_SEEK;
  case ETXTBSY: return WELD_WASI_FS_TEXT_FILE_BUSY;
  case EXDEV: return WELD_WASI_FS_CROSS_DEVICE;
  default: return WELD_WASI_FS_IO;
  }
}

Status weld::wasi::netErrorFromErrno(int E) {
  switch (E) {
  case EACCES:
  case EPERM: return WELD_WASI_NET_ACCESS_DENIED;
  case EOPNOTSUPP:
  case EAFNOSUPPORT:
  case EPROTONOSUPPORT: return WELD_WASI_NET_NOT_SUPPORTED;
  case EINVAL:
  case EDESTADDRREQ: return WELD_WASI_NET_INVALID_ARGUMENT;
  case ENOMEM:
  case ENOBUFS: return WELD_WASI_NET_OUT_OF_MEMORY;
  case ETIMEDOUT: return WELD_WASI_NET_TIMEOUT;
  case EALREADY: return WELD_WASI_NET_CONCURRENCY_CONFLICT;
  case EAGAIN:
  case EINPROGRESS: return WELD_WASI_NET_WOULD_BLOCK;
  case EISCONN:
  case ENOTCONN: return WELD_WASI_NET_INVALID_STATE;
  case EMFILE:
  case ENFILE: return WELD_WASI_NET_NEW_SOCKET_LIMIT;
  case EADDRNOTAVAIL: return WELD_WASI_NET_ADDRESS_NOT_BINDABLE;
  case EADDRINUSE: return WELD_WASI_NET_ADDRESS_IN_USE;
  case EHOSTUNREACH:
  case ENETUNREACH:
  case ENETDOWN: return WELD_WASI_NET_REMOTE_UNREACHABLE;
  case ECONNREFUSED: return WELD_WASI_NET_CONNECTION_REFUSED;
  case ECONNRESET:
  case EPIPE: return WELD_WASI_NET_CONNECTION_RESET;
  case ECONNABORTED: return WELD_WASI_NET_CONNECTION_ABORTED;
  case EMSGSIZE: return WELD_WASI_NET_DATAGRAM_TOO_LARGE;
  default: return WELD_WASI_NET_UNKNOWN;
  }
}

//===-- Policy ----------------------------------------------------------------===//

void weld::wasi::clearPolicy(weld_wasi_policy &P) {
  for (size_t I = 0; I < P.Preopens.size(); ++I) {
    free(P.Preopens[I].Host);
    free(P.Preopens[I].Guest);
  }
  for (size_t I = 0; I < P.Env.size(); ++I) {
    free(P.Env[I].Name);
    free(P.Env[I].Value);
  }
  P.Preopens.clear();
  P.Env.clear();
  P.Net.clear();
  free(P.Cwd);
  P.Cwd = nullptr;
}

/// Parses "ADDR[/PREFIX][:PORT]" or "[V6]:PORT" into G.
static bool parseNetGrant(const char *Spec, NetGrant &G) {
  memset(&G, 0, sizeof(G));
  if (!strcmp(Spec, "*")) {
    G.Any = true;
    return true;
  }
  char Buf[128];
  size_t N = strlen(Spec);
  if (N == 0 || N >= sizeof(Buf))
    return false;
  memcpy(Buf, Spec, N + 1);
  char *Addr = Buf, *PortStr = nullptr;
  if (Buf[0] == '[') {
    char *Close = strchr(Buf, ']');
    if (!Close)
      return false;
    *Close = 0;
    Addr = Buf + 1;
    // Only "[V6]" and "[V6]:PORT"; a prefix goes inside: "[V6/64]:PORT".
    if (Close[1] == ':')
      PortStr = Close + 2;
    else if (Close[1] != 0)
      return false;
  } else if (strchr(Buf, '.')) {
    // IPv4: a colon can only introduce the port.
    if (char *Colon = strchr(Buf, ':')) {
      *Colon = 0;
      PortStr = Colon + 1;
    }
  }
  char *Slash = strchr(Addr, '/');
  long Prefix = -1;
  if (Slash) {
    *Slash = 0;
    char *End;
    Prefix = strtol(Slash + 1, &End, 10);
    if (*End || End == Slash + 1)
      return false;
  }
  if (inet_pton(AF_INET, Addr, G.Addr) == 1) {
    G.Family = WELD_WASI_IPV4;
    if (Prefix > 32)
      return false;
    G.Prefix = Prefix < 0 ? 32 : Prefix;
  } else if (inet_pton(AF_INET6, Addr, G.Addr) == 1) {
    G.Family = WELD_WASI_IPV6;
    if (Prefix > 128)
      return false;
    G.Prefix = Prefix < 0 ? 128 : Prefix;
  } else {
    return false;
  }
  if (PortStr) {
    char *End;
    long Port = strtol(PortStr, &End, 10);
    if (*End || End == PortStr || Port <= 0 || Port > 65535)
      return false;
    G.Port = Port;
  }
  return true;
}

static bool prefixMatches(const uint8_t *A, const uint8_t *B, unsigned Bits) {
  for (unsigned I = 0; I < Bits / 8; ++I)
    if (A[I] != B[I])
      return false;
  if (unsigned Rest = Bits % 8) {
    uint8_t Mask = uint8_t(0xFF << (8 - Rest));
    if ((A[Bits / 8] & Mask) != (B[Bits / 8] & Mask))
      return false;
  }
  return true;
}

bool weld::wasi::policyAllows(const weld_wasi_policy &P,
                              const weld_wasi_socket_address &A) {
  if (P.InheritNetwork)
    return true;
  uint8_t Bytes[16];
  if (A.address.family == WELD_WASI_IPV4) {
    memcpy(Bytes, A.address.v4, 4);
  } else {
    for (int I = 0; I < 8; ++I) {
      Bytes[2 * I] = A.address.v6[I] >> 8;
      Bytes[2 * I + 1] = A.address.v6[I] & 0xFF;
    }
  }
  for (size_t I = 0; I < P.Net.size(); ++I) {
    const NetGrant &G = P.Net[I];
    if (G.Any)
      return true;
    if (G.Family != A.address.family)
      continue;
    if (G.Port && G.Port != A.port)
      continue;
    if (prefixMatches(G.Addr, Bytes, G.Prefix))
      return true;
  }
  return false;
}

bool weld::wasi::policyHasNetwork(const weld_wasi_policy &P) {
  return P.InheritNetwork || !P.Net.empty();
}

extern "C" weld_wasi_policy *weld_wasi_policy_new(void) {
  void *M = calloc(1, sizeof(weld_wasi_policy));
  return M ? new (M) weld_wasi_policy() : nullptr;
}

extern "C" void weld_wasi_policy_free(weld_wasi_policy *P) {
  if (!P)
    return;
  clearPolicy(*P);
  P->~weld_wasi_policy();
  free(P);
}

extern "C" const char *weld_wasi_policy_preopen(weld_wasi_policy *P,
                                                const char *Spec,
                                                int ReadOnly) {
  const char *Sep = strstr(Spec, "::");
  size_t HostLen = Sep ? size_t(Sep - Spec) : strlen(Spec);
  const char *Guest = Sep ? Sep + 2 : Spec;
  if (HostLen == 0 || !*Guest)
    return "invalid directory grant (expected HOST[::GUEST])";
  PreopenGrant G = {copyString(Spec, HostLen),
                    copyString(Guest, strlen(Guest)), ReadOnly != 0};
  if (!G.Host || !G.Guest || !P->Preopens.push(G)) {
    free(G.Host);
    free(G.Guest);
    return "out of memory";
  }
  return nullptr;
}

extern "C" const char *weld_wasi_policy_env(weld_wasi_policy *P,
                                            const char *Spec) {
  const char *Eq = strchr(Spec, '=');
  size_t NameLen = Eq ? size_t(Eq - Spec) : strlen(Spec);
  if (NameLen == 0)
    return "invalid environment grant (expected NAME[=VALUE])";
  EnvGrant G = {copyString(Spec, NameLen),
                Eq ? copyString(Eq + 1, strlen(Eq + 1)) : nullptr};
  if (!G.Name || (Eq && !G.Value) || !P->Env.push(G)) {
    free(G.Name);
    free(G.Value);
    return "out of memory";
  }
  return nullptr;
}

extern "C" void weld_wasi_policy_inherit_env(weld_wasi_policy *P) {
  P->InheritEnv = true;
}

extern "C" const char *weld_wasi_policy_allow_net(weld_wasi_policy *P,
                                                  const char *Spec) {
  NetGrant G;
  if (!parseNetGrant(Spec, G))
    return "invalid network grant (expected ADDR[/PREFIX][:PORT], "
           "[V6ADDR]:PORT or *)";
  return P->Net.push(G) ? nullptr : "out of memory";
}

extern "C" void weld_wasi_policy_inherit_network(weld_wasi_policy *P) {
  // Name lookup stays a grant of its own, as in wasmtime, where
  // -S inherit-network does not imply -S allow-ip-name-lookup.
  P->InheritNetwork = true;
}

extern "C" void weld_wasi_policy_allow_name_lookup(weld_wasi_policy *P) {
  P->NameLookup = true;
}

extern "C" const char *weld_wasi_policy_initial_cwd(weld_wasi_policy *P,
                                                    const char *Cwd) {
  free(P->Cwd);
  P->Cwd = copyString(Cwd, strlen(Cwd));
  return P->Cwd ? nullptr : "out of memory";
}

extern "C" void weld_wasi_policy_null_stdin(weld_wasi_policy *P) {
  P->NullStdin = true;
}

extern "C" const char *weld_wasi_policy_apply(weld_wasi_policy *P,
                                              const char *Option,
                                              const char *Value) {
  auto Is = [Option](const char *Name) { return !strcmp(Option, Name); };
  bool NeedsValue = Is("dir") || Is("dir-ro") || Is("env") ||
                    Is("allow-net") || Is("cwd");
  if (NeedsValue && !Value)
    return "missing value for a WASI option";
  if (Is("dir") || Is("dir-ro"))
    return weld_wasi_policy_preopen(P, Value, Is("dir-ro"));
  if (Is("env"))
    return weld_wasi_policy_env(P, Value);
  if (Is("allow-net"))
    return weld_wasi_policy_allow_net(P, Value);
  if (Is("cwd"))
    return weld_wasi_policy_initial_cwd(P, Value);
  if (Is("inherit-env"))
    weld_wasi_policy_inherit_env(P);
  else if (Is("inherit-network"))
    weld_wasi_policy_inherit_network(P);
  else if (Is("allow-ip-name-lookup"))
    weld_wasi_policy_allow_name_lookup(P);
  else if (Is("null-stdin"))
    weld_wasi_policy_null_stdin(P);
  else
    return "unknown WASI option";
  return nullptr;
}

//===-- Contexts --------------------------------------------------------------===//

/// Copies the policy's grants into C (the context owns its own copy).
static bool copyPolicy(Ctx &C, const weld_wasi_policy &P) {
  for (size_t I = 0; I < P.Preopens.size(); ++I) {
    const PreopenGrant &G = P.Preopens[I];
    PreopenGrant Copy = {copyString(G.Host, strlen(G.Host)),
                         copyString(G.Guest, strlen(G.Guest)), G.ReadOnly};
    if (!C.Policy.Preopens.push(Copy))
      return false;
  }
  for (size_t I = 0; I < P.Env.size(); ++I) {
    const EnvGrant &G = P.Env[I];
    EnvGrant Copy = {copyString(G.Name, strlen(G.Name)),
                     G.Value ? copyString(G.Value, strlen(G.Value))
                             : nullptr};
    if (!C.Policy.Env.push(Copy))
      return false;
  }
  for (size_t I = 0; I < P.Net.size(); ++I)
    if (!C.Policy.Net.push(P.Net[I]))
      return false;
  C.Policy.InheritEnv = P.InheritEnv;
  C.Policy.InheritNetwork = P.InheritNetwork;
  C.Policy.NameLookup = P.NameLookup;
  C.Policy.NullStdin = P.NullStdin;
  if (P.Cwd)
    C.Policy.Cwd = copyString(P.Cwd, strlen(P.Cwd));
  return true;
}

/// Adds NAME=VALUE to the guest environment unless NAME is already there
/// (explicit grants come first and win).
static bool addEnv(Ctx &C, const char *Name, size_t NameLen,
                   const char *Value) {
  for (size_t I = 0; I < C.Env.size(); ++I)
    if (C.Env[I].name.len == NameLen &&
        !memcmp(C.Env[I].name.ptr, Name, NameLen))
      return true;
  char *N = copyString(Name, NameLen);
  char *V = copyString(Value, strlen(Value));
  weld_wasi_env_var E = {{N, NameLen}, {V, strlen(Value)}};
  if (!N || !V || !C.Env.push(E)) {
    free(N);
    free(V);
    return false;
  }
  return true;
}

static bool buildEnvironment(Ctx &C) {
  for (size_t I = 0; I < C.Policy.Env.size(); ++I) {
    const EnvGrant &G = C.Policy.Env[I];
    const char *Value = G.Value ? G.Value : getenv(G.Name);
    if (Value && !addEnv(C, G.Name, strlen(G.Name), Value))
      return false;
  }
  if (C.Policy.InheritEnv)
    for (char **E = environ; E && *E; ++E)
      if (const char *Eq = strchr(*E, '='))
        if (!addEnv(C, *E, Eq - *E, Eq + 1))
          return false;
  return true;
}

static bool openPreopens(Ctx &C, const char **Error) {
  for (size_t I = 0; I < C.Policy.Preopens.size(); ++I) {
    const PreopenGrant &G = C.Policy.Preopens[I];
    int Fd = open(G.Host, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (Fd < 0) {
      *Error = "cannot open a preopened directory";
      return false;
    }
    OpenedPreopen P = {Fd, G.ReadOnly, G.Guest};
    if (!C.Preopens.push(P)) {
      close(Fd);
      *Error = "out of memory";
      return false;
    }
  }
  return true;
}

extern "C" weld_wasi_ctx *weld_wasi_ctx_new(const weld_wasi_policy *P,
                                            size_t Argc,
                                            const char *const *Argv,
                                            const char **Error) {
  const char *Dummy;
  if (!Error)
    Error = &Dummy;
  *Error = "out of memory";
  void *M = calloc(1, sizeof(weld_wasi_ctx));
  if (!M)
    return nullptr;
  auto *C = new (M) weld_wasi_ctx();
  bool Fine = !P || copyPolicy(*C, *P);
  for (size_t I = 0; Fine && I < Argc; ++I) {
    char *A = copyString(Argv[I], strlen(Argv[I]));
    weld_wasi_string S = {A, strlen(Argv[I])};
    Fine = A && C->Args.push(S);
  }
  Fine = Fine && buildEnvironment(*C) && openPreopens(*C, Error);
  if (Fine && fillRandom(reinterpret_cast<uint8_t *>(C->Seed),
                         sizeof(C->Seed)) != Ok) {
    *Error = "cannot read random bytes";
    Fine = false;
  }
  if (!Fine) {
    weld_wasi_ctx_free(C);
    return nullptr;
  }
  C->InsecureState[0] = C->Seed[0] | 1;
  C->InsecureState[1] = C->Seed[1];
  *Error = nullptr;
  return C;
}

extern "C" void weld_wasi_ctx_free(weld_wasi_ctx *C) {
  if (!C)
    return;
  // Children before parents: pollables, then streams, then the rest.
  static const weld_wasi_kind Order[] = {
      WELD_WASI_KIND_POLLABLE,
      WELD_WASI_KIND_INPUT_STREAM,
      WELD_WASI_KIND_OUTPUT_STREAM,
      WELD_WASI_KIND_INCOMING_DATAGRAM_STREAM,
      WELD_WASI_KIND_OUTGOING_DATAGRAM_STREAM,
      WELD_WASI_KIND_ERROR,
      WELD_WASI_KIND_TERMINAL_INPUT,
      WELD_WASI_KIND_TERMINAL_OUTPUT,
      WELD_WASI_KIND_DIRECTORY_ENTRY_STREAM,
      WELD_WASI_KIND_DESCRIPTOR,
      WELD_WASI_KIND_TCP_SOCKET,
      WELD_WASI_KIND_UDP_SOCKET,
      WELD_WASI_KIND_RESOLVE_ADDRESS_STREAM,
      WELD_WASI_KIND_NETWORK};
  for (weld_wasi_kind K : Order) {
    C->Tables[K].forEach([K](void *Obj) { destroyObject(K, Obj); });
    C->Tables[K].reset();
  }
  for (size_t I = 0; I < C->Preopens.size(); ++I)
    close(C->Preopens[I].Fd);
  for (size_t I = 0; I < C->Args.size(); ++I)
    free(const_cast<char *>(C->Args[I].ptr));
  for (size_t I = 0; I < C->Env.size(); ++I) {
    free(const_cast<char *>(C->Env[I].name.ptr));
    free(const_cast<char *>(C->Env[I].value.ptr));
  }
  clearPolicy(C->Policy);
  C->~weld_wasi_ctx();
  free(C);
}
