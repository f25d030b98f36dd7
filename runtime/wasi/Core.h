//===- Core.h - the C++ core of weld's WASI 0.2 host ------------*- C++ -*-===//
//
// The WASI host is two layers: this C++ core (resource tables, the
// capability policy, the implementation of every WASI function) and a flat
// C ABI (CApi.cpp, include/weld/wasi.h) that generated bindings call. The
// core reuses the data-only structs of wasi.h for values that cross the
// boundary, so the C layer is one line per function.
//
// Like the rest of the runtime this is C++ without exceptions, RTTI or the
// C++ standard library at link time: memory comes from malloc, containers
// are the small ones below.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_RUNTIME_WASI_CORE_H
#define WELD_RUNTIME_WASI_CORE_H

#include "weld/wasi.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

namespace weld::wasi {

/// A growable array of trivially copyable T in malloc'd memory.
template <typename T> class Array {
public:
  Array() = default;
  Array(const Array &) = delete;
  Array &operator=(const Array &) = delete;
  ~Array() { free(Data); }

  bool push(const T &V) {
    if (Size == Capacity && !reserve(Capacity ? Capacity * 2 : 8))
      return false;
    Data[Size++] = V;
    return true;
  }
  bool reserve(size_t N) {
    if (N <= Capacity)
      return true;
    void *P = realloc(Data, N * sizeof(T));
    if (!P)
      return false;
    Data = static_cast<T *>(P);
    Capacity = N;
    return true;
  }
  void clear() { Size = 0; }
  void dropLast() { --Size; }
  size_t size() const { return Size; }
  bool empty() const { return Size == 0; }
  T *data() { return Data; }
  const T *data() const { return Data; }
  T &operator[](size_t I) { return Data[I]; }
  const T &operator[](size_t I) const { return Data[I]; }
  /// Removes the first N elements.
  void dropFront(size_t N) {
    if (N >= Size) {
      Size = 0;
      return;
    }
    memmove(Data, Data + N, (Size - N) * sizeof(T));
    Size -= N;
  }

private:
  T *Data = nullptr;
  size_t Size = 0;
  size_t Capacity = 0;
};

/// A malloc'd NUL-terminated copy of [S, S+N); NULL when out of memory.
char *copyString(const char *S, size_t N);

/// Allocates a zeroed T (a plain struct) with calloc.
template <typename T> T *allocObject() {
  return static_cast<T *>(calloc(1, sizeof(T)));
}

/// Status values (see wasi.h): 0 ok, WIT discriminant + 1, or a trap.
using Status = int32_t;
constexpr Status Ok = WELD_WASI_OK;
constexpr Status Trap = WELD_WASI_TRAP;

/// One resource table: u32 handles with a generation, free-list reuse and
/// the parent/child bookkeeping WASI needs (a resource with live children
/// cannot be dropped). Objects are malloc'd and owned by the table.
class HandleTable {
public:
  HandleTable() = default;
  HandleTable(const HandleTable &) = delete;
  HandleTable &operator=(const HandleTable &) = delete;

  /// Inserts Obj with an optional parent (ParentKind < 0: none); 0 when
  /// the table is full or out of memory.
  uint32_t insert(void *Obj, int ParentKind, uint32_t Parent);
  /// The object of H, or NULL when H is not live.
  void *get(uint32_t H) const;
  /// Removes H; writes the object and its parent. False when H is not live.
  bool remove(uint32_t H, void **Obj, int *ParentKind, uint32_t *Parent);
  /// Number of live children of H.
  uint32_t children(uint32_t H) const;
  void addChild(uint32_t H, int Delta);
  /// Visits every live object (for teardown), in handle order.
  template <typename Fn> void forEach(Fn F) {
    for (size_t I = 0; I < Slots.size(); ++I)
      if (Slots[I].Obj)
        F(Slots[I].Obj);
  }
  void reset();

private:
  struct Slot {
    void *Obj;
    uint32_t Generation;
    uint32_t Children;
    int32_t ParentKind;
    uint32_t Parent;
    uint32_t NextFree;
  };
  // Handles are (generation << IndexBits) | (index + 1).
  static constexpr unsigned IndexBits = 20;
  static constexpr uint32_t IndexMask = (1u << IndexBits) - 1;
  const Slot *slot(uint32_t H) const;
  Array<Slot> Slots;
  uint32_t FreeHead = 0; // index + 1 of the first free slot, 0 when none
};

//===-- Resource objects ---------------------------------------------------===//

/// An `error` resource: the errno of a failed stream operation and where
/// it came from (so filesystem-error-code / network-error-code can answer).
struct ErrorObj {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_ERROR;
  enum Origin : uint8_t { Filesystem, Network, Other } From;
  int Errno;
};

/// A pollable: ready when its subject is (a stream, a socket), or at a
/// monotonic deadline when it has no subject.
struct Pollable {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_POLLABLE;
  int SubjectKind; // a weld_wasi_kind, or -1 for a deadline
  uint32_t Subject;
  uint64_t Deadline; // monotonic nanoseconds
};

/// Where a stream's bytes come from or go to.
enum class StreamSource : uint8_t {
  File,   // a descriptor's file: pread/pwrite at Offset (or append)
  Stdio,  // an inherited standard stream: plain blocking read/write
  Socket, // a connected TCP socket: non-blocking, buffered output
  Empty   // reads end at once; writes are discarded
};

struct InputStream {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_INPUT_STREAM;
  StreamSource Src;
  bool OwnsFd;
  bool Closed;
  int Fd;
  uint64_t Offset;
};

struct OutputStream {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_OUTPUT_STREAM;
  StreamSource Src;
  bool OwnsFd;
  bool Closed;
  bool Append;
  int Fd;
  uint64_t Offset;
  uint64_t Permit;      // what the last check-write allowed
  Array<uint8_t> *Pending; // socket bytes accepted but not yet sent
};

struct Terminal {
  int Fd;
};

struct Descriptor {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_DESCRIPTOR;
  int Fd;
  uint8_t Type;  // weld_wasi_descriptor_type
  uint8_t Flags; // descriptor-flags granted
};

struct DirEntryStream {
  static constexpr weld_wasi_kind Kind =
      WELD_WASI_KIND_DIRECTORY_ENTRY_STREAM;
  void *Dir; // DIR *
};

struct Network {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_NETWORK;
  int Unused;
};

enum class TcpState : uint8_t {
  Unbound,
  BindStarted,
  Bound,
  ListenStarted,
  Listening,
  Connecting,
  ConnectReady, // connect finished in the kernel; finish-connect pending
  Connected,
  Closed
};

struct TcpSocket {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_TCP_SOCKET;
  int Fd;
  uint8_t Family; // WELD_WASI_IPV4/IPV6
  TcpState State;
  int PendingErrno; // a connect error finish-connect reports
  uint64_t Backlog;
};

enum class UdpState : uint8_t { Unbound, BindStarted, Bound };

struct UdpSocket {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_UDP_SOCKET;
  int Fd;
  uint8_t Family;
  UdpState State;
  bool Connected;
  uint32_t StreamGeneration; // bumped by every `stream` call
};

struct DatagramStream {
  int Fd;
  uint32_t Socket; // the parent udp-socket handle
  uint32_t Generation;
  bool HasRemote;
  uint64_t Permit;
  weld_wasi_socket_address Remote;
};

struct IncomingDatagramStream : DatagramStream {
  static constexpr weld_wasi_kind Kind =
      WELD_WASI_KIND_INCOMING_DATAGRAM_STREAM;
};
struct OutgoingDatagramStream : DatagramStream {
  static constexpr weld_wasi_kind Kind =
      WELD_WASI_KIND_OUTGOING_DATAGRAM_STREAM;
};

struct ResolveStream {
  static constexpr weld_wasi_kind Kind = WELD_WASI_KIND_RESOLVE_ADDRESS_STREAM;
  weld_wasi_ip_address *Addrs;
  size_t Count;
  size_t Next;
  /// Why resolution failed (0 when it did not): the next
  /// `resolve-next-address` reports it once, as in wasmtime, whose lookup
  /// runs after the stream exists.
  int32_t Error;
};

//===-- Capability policy --------------------------------------------------===//

struct PreopenGrant {
  char *Host;
  char *Guest;
  bool ReadOnly;
};

struct EnvGrant {
  char *Name;
  char *Value; // NULL: the host's value, if any
};

/// An address range the guest may bind, connect or send to.
struct NetGrant {
  bool Any;
  uint8_t Family; // WELD_WASI_IPV4/IPV6
  uint8_t Prefix; // bits
  uint16_t Port;  // 0: every port
  uint8_t Addr[16];
};

} // namespace weld::wasi

/// The policy object: what a context may reach. Everything starts denied.
struct weld_wasi_policy {
  weld::wasi::Array<weld::wasi::PreopenGrant> Preopens;
  weld::wasi::Array<weld::wasi::EnvGrant> Env;
  weld::wasi::Array<weld::wasi::NetGrant> Net;
  bool InheritEnv = false;
  bool InheritNetwork = false;
  bool NameLookup = false;
  bool NullStdin = false;
  char *Cwd = nullptr;
};

namespace weld::wasi {

/// True when the policy grants socket address (Family, Addr, Port).
bool policyAllows(const weld_wasi_policy &P, const weld_wasi_socket_address &A);
/// True when the policy allows any network use at all.
bool policyHasNetwork(const weld_wasi_policy &P);
/// Frees the policy's strings and grants, leaving it empty.
void clearPolicy(weld_wasi_policy &P);

/// A host directory opened for a preopen grant.
struct OpenedPreopen {
  int Fd;
  bool ReadOnly;
  char *Guest;
};

/// How a context resolves paths: openat2(2) while it works, else the
/// component walk. Kept per context so nothing mutable is process-global.
struct PathResolver {
  bool ForceWalk = false; // tests: always walk
  int Openat2 = 0;        // 0 unknown, 1 works, -1 unavailable
};

/// Bump allocator for results that cross the C ABI; reset per call.
class Scratch {
public:
  ~Scratch() { reset(); }
  void *alloc(size_t N);
  void reset();

private:
  struct Block {
    Block *Next;
    size_t Used, Size;
  };
  Block *Head = nullptr;
};

} // namespace weld::wasi

/// One WASI context: the policy, the guest's arguments and environment,
/// the preopened directories, and a table per resource kind.
struct weld_wasi_ctx {
  weld_wasi_policy Policy;
  weld::wasi::Array<weld_wasi_string> Args;
  weld::wasi::Array<weld_wasi_env_var> Env;
  weld::wasi::Array<weld::wasi::OpenedPreopen> Preopens;
  weld::wasi::HandleTable Tables[WELD_WASI_KIND_COUNT];
  weld::wasi::Scratch Scratch;
  const char *TrapMessage = nullptr;
  weld_wasi_exit_fn ExitFn = nullptr;
  void *ExitUser = nullptr;
  weld::wasi::PathResolver Resolver;
  uint64_t InsecureState[2] = {0, 0};
  uint64_t Seed[2] = {0, 0};
  /// The handle the last failed lookup asked for (trap messages name it).
  uint32_t MissingHandle = 0;
};

namespace weld::wasi {

using Ctx = weld_wasi_ctx;

/// Records why the adapter must trap and returns Trap.
inline Status trap(Ctx &C, const char *Why) {
  C.TrapMessage = Why;
  return Trap;
}

/// Looks up a live T (by T::Kind) or NULL.
template <typename T> T *lookup(Ctx &C, uint32_t H) {
  auto *Obj = static_cast<T *>(C.Tables[T::Kind].get(H));
  if (!Obj)
    C.MissingHandle = H;
  return Obj;
}

/// Traps with wasmtime's words for a handle it does not know, "unknown
/// handle index H" (by default the one the last failed lookup asked for).
Status unknownHandle(Ctx &C, uint32_t H);
inline Status unknownHandle(Ctx &C) {
  return unknownHandle(C, C.MissingHandle);
}

/// Inserts Obj as a T; with ParentKind >= 0 it is a child of Parent.
/// Frees Obj and returns 0 when the table is full.
uint32_t insertObject(Ctx &C, weld_wasi_kind Kind, void *Obj,
                      int ParentKind = -1, uint32_t Parent = 0);
/// Frees what Obj (of Kind) holds and Obj itself.
void destroyObject(weld_wasi_kind Kind, void *Obj);
/// [resource-drop] for any kind.
Status drop(Ctx &C, weld_wasi_kind Kind, uint32_t H);

/// Creates an `error` resource for Errno; its handle.
uint32_t newError(Ctx &C, ErrorObj::Origin From, int Errno);
/// A new pollable for (Kind, H); 0 on failure.
uint32_t subscribe(Ctx &C, weld_wasi_kind Kind, uint32_t H);
/// A new pollable that becomes ready at monotonic time Deadline.
uint32_t subscribeDeadline(Ctx &C, uint64_t Deadline);
/// Monotonic clock in nanoseconds.
uint64_t monotonicNow();

/// Maps errno to a filesystem error-code status (discriminant + 1).
Status fsErrorFromErrno(int E);
/// Maps errno to a network error-code status.
Status netErrorFromErrno(int E);

//===-- Sandboxed path resolution (Path.cpp) -------------------------------===//

/// Opens Path beneath the directory DirFd with open(2) Flags and Mode, never
/// leaving it: absolute paths, `..` above DirFd and symlinks that lead out
/// (absolute, or climbing too far) fail with -EPERM; more than 40 symlinks
/// with -ELOOP. Without Follow a final symlink is not followed (O_NOFOLLOW).
/// Returns the fd or -errno.
int openBeneath(PathResolver &R, int DirFd, const char *Path, int Flags,
                unsigned Mode, bool Follow);

/// Splits Path into a parent directory opened beneath DirFd (O_PATH) and a
/// final component, for the *at(2) calls that operate on a name. The name
/// is written to Name (NUL-terminated, at most NameCap bytes). A final
/// component of "." or ".." fails with -EINVAL (callers choose the error);
/// a trailing slash sets *TrailingSlash. With Follow, a final symlink is
/// resolved (beneath DirFd) until the name is not a symlink. Returns the
/// parent fd or -errno.
int openParentBeneath(PathResolver &R, int DirFd, const char *Path,
                      bool Follow, char *Name, size_t NameCap,
                      bool *TrailingSlash);

/// Copies a guest path into a NUL-terminated buffer; -EINVAL for interior
/// NUL bytes, -ENAMETOOLONG past PATH_MAX.
int copyPath(const char *Path, size_t Len, char *Out, size_t Cap);

//===-- The WASI functions (Io.cpp, Filesystem.cpp, Sockets.cpp) -----------===//

// wasi:io
Status errorToDebugString(Ctx &C, uint32_t E, weld_wasi_string *Out);
Status pollableReady(Ctx &C, uint32_t P, uint8_t *Ready);
Status pollableBlock(Ctx &C, uint32_t P);
Status poll(Ctx &C, const uint32_t *In, size_t N, uint32_t *Out,
            size_t *Count);
Status inputRead(Ctx &C, uint32_t S, uint64_t Len, bool Blocking,
                 weld_wasi_bytes *Out, uint32_t *Err);
Status inputSkip(Ctx &C, uint32_t S, uint64_t Len, bool Blocking,
                 uint64_t *Out, uint32_t *Err);
Status checkWrite(Ctx &C, uint32_t S, uint64_t *Out, uint32_t *Err);
Status write(Ctx &C, uint32_t S, const uint8_t *Data, size_t Len,
             uint32_t *Err);
Status blockingWriteAndFlush(Ctx &C, uint32_t S, const uint8_t *Data,
                             size_t Len, bool Zeroes, uint32_t *Err);
Status flush(Ctx &C, uint32_t S, bool Blocking, uint32_t *Err);
Status writeZeroes(Ctx &C, uint32_t S, uint64_t Len, uint32_t *Err);
Status splice(Ctx &C, uint32_t S, uint32_t Src, uint64_t Len, bool Blocking,
              uint64_t *Out, uint32_t *Err);
/// Readiness of a pollable's subject: *Ready, or an fd and poll events to
/// wait for, or a deadline.
struct WaitSpec {
  bool Ready;
  int Fd;
  short Events;
  uint64_t Deadline; // UINT64_MAX: none
};
WaitSpec waitSpecFor(Ctx &C, const Pollable &P);
/// Tries to send an output stream's pending bytes without blocking.
int flushPending(OutputStream &S);

// wasi:cli, clocks, random
uint32_t newStdStream(Ctx &C, int Fd, bool Input);
Status terminalFor(Ctx &C, int Fd, bool Input, uint32_t *Out);
Status fillRandom(uint8_t *Buf, size_t Len);
uint64_t insecureNext(Ctx &C);

// wasi:filesystem
Status getDirectories(Ctx &C, const weld_wasi_preopen **Out, size_t *Count);
Status readViaStream(Ctx &C, uint32_t D, uint64_t Offset, uint32_t *Out);
Status writeViaStream(Ctx &C, uint32_t D, uint64_t Offset, bool Append,
                      uint32_t *Out);
Status advise(Ctx &C, uint32_t D, uint64_t Offset, uint64_t Len,
              uint8_t Advice);
Status syncData(Ctx &C, uint32_t D, bool All);
Status getFlags(Ctx &C, uint32_t D, uint8_t *Out);
Status getType(Ctx &C, uint32_t D, uint8_t *Out);
Status setSize(Ctx &C, uint32_t D, uint64_t Size);
Status setTimes(Ctx &C, uint32_t D, const weld_wasi_new_timestamp *A,
                const weld_wasi_new_timestamp *M);
Status readAt(Ctx &C, uint32_t D, uint64_t Len, uint64_t Offset,
              weld_wasi_bytes *Out, uint8_t *Eof);
Status writeAt(Ctx &C, uint32_t D, const uint8_t *Data, size_t Len,
               uint64_t Offset, uint64_t *Written);
Status readDirectory(Ctx &C, uint32_t D, uint32_t *Out);
Status readDirectoryEntry(Ctx &C, uint32_t S, uint8_t *Some,
                          weld_wasi_directory_entry *Out);
Status createDirectoryAt(Ctx &C, uint32_t D, const char *P, size_t N);
Status stat(Ctx &C, uint32_t D, weld_wasi_stat *Out);
Status statAt(Ctx &C, uint32_t D, uint8_t PathFlags, const char *P, size_t N,
              weld_wasi_stat *Out);
Status setTimesAt(Ctx &C, uint32_t D, uint8_t PathFlags, const char *P,
                  size_t N, const weld_wasi_new_timestamp *A,
                  const weld_wasi_new_timestamp *M);
Status linkAt(Ctx &C, uint32_t D, uint8_t OldFlags, const char *OldP,
              size_t OldN, uint32_t NewD, const char *NewP, size_t NewN);
Status openAt(Ctx &C, uint32_t D, uint8_t PathFlags, const char *P, size_t N,
              uint8_t OpenFlags, uint8_t Flags, uint32_t *Out);
Status readlinkAt(Ctx &C, uint32_t D, const char *P, size_t N,
                  weld_wasi_string *Out);
Status removeDirectoryAt(Ctx &C, uint32_t D, const char *P, size_t N);
Status renameAt(Ctx &C, uint32_t D, const char *OldP, size_t OldN,
                uint32_t NewD, const char *NewP, size_t NewN);
Status symlinkAt(Ctx &C, uint32_t D, const char *OldP, size_t OldN,
                 const char *NewP, size_t NewN);
Status unlinkFileAt(Ctx &C, uint32_t D, const char *P, size_t N);
Status isSameObject(Ctx &C, uint32_t D, uint32_t Other, uint8_t *Out);
Status metadataHash(Ctx &C, uint32_t D, weld_wasi_metadata_hash *Out);
Status metadataHashAt(Ctx &C, uint32_t D, uint8_t PathFlags, const char *P,
                      size_t N, weld_wasi_metadata_hash *Out);
Status filesystemErrorCode(Ctx &C, uint32_t E, uint8_t *Some, uint8_t *Out);

// wasi:sockets
Status networkErrorCode(Ctx &C, uint32_t E, uint8_t *Some, uint8_t *Out);
Status createTcpSocket(Ctx &C, uint8_t Family, uint32_t *Out);
Status tcpStartBind(Ctx &C, uint32_t S, uint32_t Net,
                    const weld_wasi_socket_address *A);
Status tcpFinishBind(Ctx &C, uint32_t S);
Status tcpStartConnect(Ctx &C, uint32_t S, uint32_t Net,
                       const weld_wasi_socket_address *A);
Status tcpFinishConnect(Ctx &C, uint32_t S, uint32_t *In, uint32_t *Out);
Status tcpStartListen(Ctx &C, uint32_t S);
Status tcpFinishListen(Ctx &C, uint32_t S);
Status tcpAccept(Ctx &C, uint32_t S, uint32_t *Sock, uint32_t *In,
                 uint32_t *Out);
Status tcpAddress(Ctx &C, uint32_t S, bool Remote,
                  weld_wasi_socket_address *Out);
Status tcpIsListening(Ctx &C, uint32_t S, uint8_t *Out);
Status tcpAddressFamily(Ctx &C, uint32_t S, uint8_t *Out);
Status tcpSetListenBacklogSize(Ctx &C, uint32_t S, uint64_t V);
/// The socket options, selected by Opt, as u64 values.
enum class SockOpt : uint8_t {
  KeepAlive,
  KeepIdle,
  KeepInterval,
  KeepCount,
  HopLimit,
  RecvBuf,
  SendBuf
};
Status tcpGetOption(Ctx &C, uint32_t S, SockOpt Opt, uint64_t *Out);
Status tcpSetOption(Ctx &C, uint32_t S, SockOpt Opt, uint64_t V);
Status tcpShutdown(Ctx &C, uint32_t S, uint8_t How);
Status createUdpSocket(Ctx &C, uint8_t Family, uint32_t *Out);
Status udpStartBind(Ctx &C, uint32_t S, uint32_t Net,
                    const weld_wasi_socket_address *A);
Status udpFinishBind(Ctx &C, uint32_t S);
Status udpStream(Ctx &C, uint32_t S, const weld_wasi_socket_address *Remote,
                 uint32_t *In, uint32_t *Out);
Status udpAddress(Ctx &C, uint32_t S, bool Remote,
                  weld_wasi_socket_address *Out);
Status udpAddressFamily(Ctx &C, uint32_t S, uint8_t *Out);
Status udpGetOption(Ctx &C, uint32_t S, SockOpt Opt, uint64_t *Out);
Status udpSetOption(Ctx &C, uint32_t S, SockOpt Opt, uint64_t V);
Status udpReceive(Ctx &C, uint32_t S, uint64_t Max,
                  const weld_wasi_incoming_datagram **Out, size_t *Count);
Status udpCheckSend(Ctx &C, uint32_t S, uint64_t *Out);
Status udpSend(Ctx &C, uint32_t S, const weld_wasi_outgoing_datagram *D,
               size_t N, uint64_t *Sent);
Status resolveAddresses(Ctx &C, uint32_t Net, const char *Name, size_t Len,
                        uint32_t *Out);
Status resolveNextAddress(Ctx &C, uint32_t S, uint8_t *Some,
                          weld_wasi_ip_address *Out);

/// A name given to `resolve-addresses`, read as wasmtime reads it
/// (HostName.cpp): an IP address, or a domain (Domain, malloc'ed, to be
/// freed by the caller).
struct ParsedHost {
  bool IsAddress;
  weld_wasi_ip_address Address;
  char *Domain;
};
/// Ok, invalid-argument for a name wasmtime refuses, or out-of-memory.
Status parseHostName(const char *Name, size_t Len, ParsedHost *Out);

/// Converts between WASI socket addresses and sockaddr; false for an
/// unknown family.
bool toSockaddr(const weld_wasi_socket_address &A, sockaddr_storage *Out,
                socklen_t *Len);
bool fromSockaddr(const sockaddr *S, weld_wasi_socket_address *Out);

} // namespace weld::wasi

#endif
