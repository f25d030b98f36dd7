//===- Sockets.cpp - wasi:sockets: TCP, UDP and name lookup ---------------===//
//
// WASI sockets are explicit state machines (start-bind/finish-bind,
// start-connect/finish-connect, start-listen/finish-listen) over
// non-blocking kernel sockets. Every address a guest binds to, connects to
// or sends to is checked against the policy's network grants first;
// without a grant the answer is `access-denied`, and without any network
// grant sockets cannot even be created.
//
// The streams of a connection are children of their socket, and datagram
// streams children of theirs, so a socket cannot be dropped while its
// streams live (WASI allows implementations to trap there).
//
//===----------------------------------------------------------------------===//

#include "Core.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <new>
#include <poll.h>
#include <unistd.h>

using namespace weld::wasi;

namespace {
constexpr uint64_t DefaultBacklog = 128;
constexpr uint64_t MaxDatagramsPerCall = 64;
constexpr size_t MaxDatagram = 65536;
} // namespace

static Status badHandle(Ctx &C) { return unknownHandle(C); }
static Status fromErrno(int E) { return netErrorFromErrno(E); }

//===-- Addresses -------------------------------------------------------------===//

bool weld::wasi::toSockaddr(const weld_wasi_socket_address &A,
                            sockaddr_storage *Out, socklen_t *Len) {
  memset(Out, 0, sizeof(*Out));
  if (A.address.family == WELD_WASI_IPV4) {
    auto *In = reinterpret_cast<sockaddr_in *>(Out);
    In->sin_family = AF_INET;
    In->sin_port = htons(A.port);
    memcpy(&In->sin_addr, A.address.v4, 4);
    *Len = sizeof(sockaddr_in);
    return true;
  }
  if (A.address.family == WELD_WASI_IPV6) {
    auto *In = reinterpret_cast<sockaddr_in6 *>(Out);
    In->sin6_family = AF_INET6;
    In->sin6_port = htons(A.port);
    In->sin6_flowinfo = htonl(A.flow_info);
    In->sin6_scope_id = A.scope_id;
    for (int I = 0; I < 8; ++I) {
      In->sin6_addr.s6_addr[2 * I] = uint8_t(A.address.v6[I] >> 8);
      In->sin6_addr.s6_addr[2 * I + 1] = uint8_t(A.address.v6[I]);
    }
    *Len = sizeof(sockaddr_in6);
    return true;
  }
  return false;
}

static void ipFromBytes(int Family, const void *Bytes,
                        weld_wasi_ip_address *Out) {
  memset(Out, 0, sizeof(*Out));
  const auto *B = static_cast<const uint8_t *>(Bytes);
  if (Family == AF_INET) {
    Out->family = WELD_WASI_IPV4;
    memcpy(Out->v4, B, 4);
    return;
  }
  Out->family = WELD_WASI_IPV6;
  for (int I = 0; I < 8; ++I)
    Out->v6[I] = uint16_t(B[2 * I] << 8 | B[2 * I + 1]);
}

bool weld::wasi::fromSockaddr(const sockaddr *S,
                              weld_wasi_socket_address *Out) {
  memset(Out, 0, sizeof(*Out));
  if (S->sa_family == AF_INET) {
    auto *In = reinterpret_cast<const sockaddr_in *>(S);
    ipFromBytes(AF_INET, &In->sin_addr, &Out->address);
    Out->port = ntohs(In->sin_port);
    return true;
  }
  if (S->sa_family == AF_INET6) {
    auto *In = reinterpret_cast<const sockaddr_in6 *>(S);
    ipFromBytes(AF_INET6, &In->sin6_addr, &Out->address);
    Out->port = ntohs(In->sin6_port);
    Out->flow_info = ntohl(In->sin6_flowinfo);
    Out->scope_id = In->sin6_scope_id;
    return true;
  }
  return false;
}

static bool isUnspecified(const weld_wasi_ip_address &A) {
  if (A.family == WELD_WASI_IPV4)
    return !A.v4[0] && !A.v4[1] && !A.v4[2] && !A.v4[3];
  for (int I = 0; I < 8; ++I)
    if (A.v6[I])
      return false;
  return true;
}

static bool isMulticastOrBroadcast(const weld_wasi_ip_address &A) {
  if (A.family == WELD_WASI_IPV4)
    return (A.v4[0] & 0xF0) == 0xE0 ||
           (A.v4[0] == 255 && A.v4[1] == 255 && A.v4[2] == 255 &&
            A.v4[3] == 255);
  return (A.v6[0] & 0xFF00) == 0xFF00;
}

static bool isV4Mapped(const weld_wasi_ip_address &A) {
  return A.family == WELD_WASI_IPV6 && !A.v6[0] && !A.v6[1] && !A.v6[2] &&
         !A.v6[3] && !A.v6[4] && A.v6[5] == 0xFFFF;
}

/// Checks an address for a socket of Family: the WASI argument rules, then
/// the policy. Remote addresses must name a concrete peer.
static Status checkAddress(Ctx &C, uint8_t Family,
                           const weld_wasi_socket_address &A, bool Remote) {
  if (A.address.family != Family || isV4Mapped(A.address))
    return WELD_WASI_NET_INVALID_ARGUMENT;
  if (Remote && (isUnspecified(A.address) || A.port == 0 ||
                 isMulticastOrBroadcast(A.address)))
    return WELD_WASI_NET_INVALID_ARGUMENT;
  if (!policyAllows(C.Policy, A))
    return WELD_WASI_NET_ACCESS_DENIED;
  return Ok;
}

static int newSocket(uint8_t Family, int Type) {
  int Fd = socket(Family == WELD_WASI_IPV4 ? AF_INET : AF_INET6,
                  Type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (Fd >= 0 && Family == WELD_WASI_IPV6) {
    // WASI keeps the families apart: no IPv4 traffic on an IPv6 socket.
    int One = 1;
    setsockopt(Fd, IPPROTO_IPV6, IPV6_V6ONLY, &One, sizeof(One));
  }
  return Fd;
}

static Status addressOf(int Fd, bool Remote, weld_wasi_socket_address *Out) {
  sockaddr_storage S;
  socklen_t Len = sizeof(S);
  int R = Remote ? getpeername(Fd, reinterpret_cast<sockaddr *>(&S), &Len)
                 : getsockname(Fd, reinterpret_cast<sockaddr *>(&S), &Len);
  if (R)
    return fromErrno(errno);
  return fromSockaddr(reinterpret_cast<sockaddr *>(&S), Out)
             ? Ok
             : WELD_WASI_NET_NOT_SUPPORTED;
}

static Status bindTo(int Fd, const weld_wasi_socket_address &A) {
  sockaddr_storage S;
  socklen_t Len;
  toSockaddr(A, &S, &Len);
  if (bind(Fd, reinterpret_cast<sockaddr *>(&S), Len))
    return fromErrno(errno);
  return Ok;
}

//===-- TCP -------------------------------------------------------------------===//

Status weld::wasi::networkErrorCode(Ctx &C, uint32_t E, uint8_t *Some,
                                    uint8_t *Out) {
  auto *Obj = lookup<ErrorObj>(C, E);
  if (!Obj)
    return badHandle(C);
  *Some = Obj->From == ErrorObj::Network;
  *Out = *Some ? uint8_t(netErrorFromErrno(Obj->Errno)) : 0;
  return Ok;
}

Status weld::wasi::createTcpSocket(Ctx &C, uint8_t Family, uint32_t *Out) {
  if (!policyHasNetwork(C.Policy))
    return WELD_WASI_NET_ACCESS_DENIED;
  if (Family > WELD_WASI_IPV6)
    return WELD_WASI_NET_NOT_SUPPORTED;
  int Fd = newSocket(Family, SOCK_STREAM);
  if (Fd < 0)
    return fromErrno(errno);
  auto *S = allocObject<TcpSocket>();
  if (!S) {
    close(Fd);
    return trap(C, "out of memory");
  }
  S->Fd = Fd;
  S->Family = Family;
  S->State = TcpState::Unbound;
  S->Backlog = DefaultBacklog;
  *Out = insertObject(C, WELD_WASI_KIND_TCP_SOCKET, S);
  return *Out ? Ok : trap(C, "out of memory");
}

/// The socket S and the network Net, both live, or a trap.
template <typename T>
static T *socketAndNetwork(Ctx &C, uint32_t S, uint32_t Net, Status *St) {
  auto *Sock = lookup<T>(C, S);
  if (!Sock || !lookup<Network>(C, Net)) {
    *St = badHandle(C);
    return nullptr;
  }
  *St = Ok;
  return Sock;
}

/// Whether a bind, listen or connect of the socket has started and not
/// finished: starting another one is a concurrency-conflict (wasmtime's
/// answer), other wrong states are invalid-state.
static bool inProgress(TcpState S) {
  return S == TcpState::BindStarted || S == TcpState::ListenStarted ||
         S == TcpState::Connecting || S == TcpState::ConnectReady;
}

Status weld::wasi::tcpStartBind(Ctx &C, uint32_t S, uint32_t Net,
                                const weld_wasi_socket_address *A) {
  Status St;
  auto *Sock = socketAndNetwork<TcpSocket>(C, S, Net, &St);
  if (!Sock)
    return St;
  if (inProgress(Sock->State))
    return WELD_WASI_NET_CONCURRENCY_CONFLICT;
  if (Sock->State != TcpState::Unbound)
    return WELD_WASI_NET_INVALID_STATE;
  if (isMulticastOrBroadcast(A->address) && A->address.family == Sock->Family)
    return WELD_WASI_NET_INVALID_ARGUMENT;
  if ((St = checkAddress(C, Sock->Family, *A, false)) != Ok)
    return St;
  // Like every mainstream runtime: a restarted server can rebind at once.
  int One = 1;
  setsockopt(Sock->Fd, SOL_SOCKET, SO_REUSEADDR, &One, sizeof(One));
  if ((St = bindTo(Sock->Fd, *A)) != Ok)
    return St;
  Sock->State = TcpState::BindStarted;
  return Ok;
}

Status weld::wasi::tcpFinishBind(Ctx &C, uint32_t S) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (Sock->State != TcpState::BindStarted)
    return WELD_WASI_NET_NOT_IN_PROGRESS;
  Sock->State = TcpState::Bound;
  return Ok;
}

Status weld::wasi::tcpStartConnect(Ctx &C, uint32_t S, uint32_t Net,
                                   const weld_wasi_socket_address *A) {
  Status St;
  auto *Sock = socketAndNetwork<TcpSocket>(C, S, Net, &St);
  if (!Sock)
    return St;
  if (inProgress(Sock->State))
    return WELD_WASI_NET_CONCURRENCY_CONFLICT;
  if (Sock->State != TcpState::Unbound && Sock->State != TcpState::Bound)
    return WELD_WASI_NET_INVALID_STATE;
  if ((St = checkAddress(C, Sock->Family, *A, true)) != Ok)
    return St;
  sockaddr_storage Addr;
  socklen_t Len;
  toSockaddr(*A, &Addr, &Len);
  int R;
  do
    R = connect(Sock->Fd, reinterpret_cast<sockaddr *>(&Addr), Len);
  while (R < 0 && errno == EINTR);
  if (R == 0) {
    Sock->State = TcpState::ConnectReady;
    return Ok;
  }
  if (errno == EINPROGRESS) {
    Sock->State = TcpState::Connecting;
    return Ok;
  }
  Sock->State = TcpState::Closed;
  return fromErrno(errno);
}

/// Creates the input/output stream pair of a connected socket H.
static Status connectionStreams(Ctx &C, uint32_t H, int Fd, uint32_t *In,
                                uint32_t *Out) {
  auto *I = allocObject<InputStream>();
  auto *O = allocObject<OutputStream>();
  void *Mem = calloc(1, sizeof(Array<uint8_t>));
  if (!I || !O || !Mem) {
    free(I);
    free(O);
    free(Mem);
    return trap(C, "out of memory");
  }
  I->Src = StreamSource::Socket;
  I->Fd = Fd;
  O->Src = StreamSource::Socket;
  O->Fd = Fd;
  O->Pending = new (Mem) Array<uint8_t>();
  *In = insertObject(C, WELD_WASI_KIND_INPUT_STREAM, I,
                     WELD_WASI_KIND_TCP_SOCKET, H);
  *Out = insertObject(C, WELD_WASI_KIND_OUTPUT_STREAM, O,
                      WELD_WASI_KIND_TCP_SOCKET, H);
  return *In && *Out ? Ok : trap(C, "out of memory");
}

Status weld::wasi::tcpFinishConnect(Ctx &C, uint32_t S, uint32_t *In,
                                    uint32_t *Out) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (Sock->State == TcpState::Connecting) {
    pollfd P = {Sock->Fd, POLLOUT, 0};
    if (::poll(&P, 1, 0) <= 0)
      return WELD_WASI_NET_WOULD_BLOCK;
    int Err = 0;
    socklen_t Len = sizeof(Err);
    getsockopt(Sock->Fd, SOL_SOCKET, SO_ERROR, &Err, &Len);
    if (Err) {
      Sock->State = TcpState::Closed;
      return fromErrno(Err);
    }
  } else if (Sock->State != TcpState::ConnectReady) {
    return WELD_WASI_NET_NOT_IN_PROGRESS;
  }
  Sock->State = TcpState::Connected;
  return connectionStreams(C, S, Sock->Fd, In, Out);
}

Status weld::wasi::tcpStartListen(Ctx &C, uint32_t S) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (inProgress(Sock->State))
    return WELD_WASI_NET_CONCURRENCY_CONFLICT;
  if (Sock->State != TcpState::Bound)
    return WELD_WASI_NET_INVALID_STATE;
  int Backlog = Sock->Backlog > INT_MAX ? INT_MAX : int(Sock->Backlog);
  if (listen(Sock->Fd, Backlog))
    return fromErrno(errno);
  Sock->State = TcpState::ListenStarted;
  return Ok;
}

Status weld::wasi::tcpFinishListen(Ctx &C, uint32_t S) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (Sock->State != TcpState::ListenStarted)
    return WELD_WASI_NET_NOT_IN_PROGRESS;
  Sock->State = TcpState::Listening;
  return Ok;
}

Status weld::wasi::tcpAccept(Ctx &C, uint32_t S, uint32_t *Socket,
                             uint32_t *In, uint32_t *Out) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (Sock->State != TcpState::Listening)
    return WELD_WASI_NET_INVALID_STATE;
  int Fd;
  do
    Fd = accept4(Sock->Fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  while (Fd < 0 && errno == EINTR);
  if (Fd < 0)
    return fromErrno(errno);
  auto *New = allocObject<TcpSocket>();
  if (!New) {
    close(Fd);
    return trap(C, "out of memory");
  }
  New->Fd = Fd;
  New->Family = Sock->Family;
  New->State = TcpState::Connected;
  New->Backlog = DefaultBacklog;
  *Socket = insertObject(C, WELD_WASI_KIND_TCP_SOCKET, New);
  if (!*Socket)
    return trap(C, "out of memory");
  return connectionStreams(C, *Socket, Fd, In, Out);
}

Status weld::wasi::tcpAddress(Ctx &C, uint32_t S, bool Remote,
                              weld_wasi_socket_address *Out) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  memset(Out, 0, sizeof(*Out));
  TcpState St = Sock->State;
  if (Remote ? St != TcpState::Connected
             : (St == TcpState::Unbound || St == TcpState::BindStarted ||
                St == TcpState::Closed))
    return WELD_WASI_NET_INVALID_STATE;
  return addressOf(Sock->Fd, Remote, Out);
}

Status weld::wasi::tcpIsListening(Ctx &C, uint32_t S, uint8_t *Out) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  *Out = Sock->State == TcpState::Listening;
  return Ok;
}

Status weld::wasi::tcpAddressFamily(Ctx &C, uint32_t S, uint8_t *Out) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  *Out = Sock->Family;
  return Ok;
}

Status weld::wasi::tcpSetListenBacklogSize(Ctx &C, uint32_t S, uint64_t V) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (V == 0)
    return WELD_WASI_NET_INVALID_ARGUMENT;
  if (Sock->State == TcpState::Connected ||
      Sock->State == TcpState::Connecting)
    return WELD_WASI_NET_INVALID_STATE;
  Sock->Backlog = V;
  if (Sock->State == TcpState::Listening &&
      listen(Sock->Fd, V > INT_MAX ? INT_MAX : int(V)))
    return fromErrno(errno);
  return Ok;
}

/// The (level, name) of an option for a socket of Family.
static void optionName(SockOpt Opt, uint8_t Family, int *Level, int *Name) {
  switch (Opt) {
  case SockOpt::KeepAlive: *Level = SOL_SOCKET; *Name = SO_KEEPALIVE; return;
  case SockOpt::KeepIdle: *Level = IPPROTO_TCP; *Name = TCP_KEEPIDLE; return;
  case SockOpt::KeepInterval:
    *Level = IPPROTO_TCP;
    *Name = TCP_KEEPINTVL;
    return;
  case SockOpt::KeepCount: *Level = IPPROTO_TCP; *Name = TCP_KEEPCNT; return;
  case SockOpt::HopLimit:
    *Level = Family == WELD_WASI_IPV4 ? IPPROTO_IP : IPPROTO_IPV6;
    *Name = Family == WELD_WASI_IPV4 ? IP_TTL : IPV6_UNICAST_HOPS;
    return;
  case SockOpt::RecvBuf: *Level = SOL_SOCKET; *Name = SO_RCVBUF; return;
  case SockOpt::SendBuf: *Level = SOL_SOCKET; *Name = SO_SNDBUF; return;
  }
}

static bool isDuration(SockOpt Opt) {
  return Opt == SockOpt::KeepIdle || Opt == SockOpt::KeepInterval;
}

static Status getOption(int Fd, uint8_t Family, SockOpt Opt, uint64_t *Out) {
  int Level, Name, V = 0;
  optionName(Opt, Family, &Level, &Name);
  socklen_t Len = sizeof(V);
  if (getsockopt(Fd, Level, Name, &V, &Len))
    return fromErrno(errno);
  *Out = isDuration(Opt) ? uint64_t(V) * 1000000000u : uint64_t(V);
  if (Opt == SockOpt::KeepAlive)
    *Out = V != 0;
  return Ok;
}

static Status setOption(int Fd, uint8_t Family, SockOpt Opt, uint64_t V) {
  if (Opt != SockOpt::KeepAlive && V == 0)
    return WELD_WASI_NET_INVALID_ARGUMENT;
  uint64_t Native = V;
  if (isDuration(Opt)) // nanoseconds to whole seconds, rounding up
    Native = V / 1000000000u + (V % 1000000000u != 0);
  if (Opt == SockOpt::KeepAlive)
    Native = V != 0;
  // The kernel caps these itself; keep the request in range of an int.
  uint64_t Max = isDuration(Opt) ? 32767 : Opt == SockOpt::HopLimit ? 255
                 : Opt == SockOpt::KeepCount ? 127 : INT_MAX;
  int IntV = int(Native > Max ? Max : Native);
  int Level, Name;
  optionName(Opt, Family, &Level, &Name);
  if (setsockopt(Fd, Level, Name, &IntV, sizeof(IntV)))
    return fromErrno(errno);
  return Ok;
}

Status weld::wasi::tcpGetOption(Ctx &C, uint32_t S, SockOpt Opt,
                                uint64_t *Out) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  return getOption(Sock->Fd, Sock->Family, Opt, Out);
}

Status weld::wasi::tcpSetOption(Ctx &C, uint32_t S, SockOpt Opt, uint64_t V) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  return setOption(Sock->Fd, Sock->Family, Opt, V);
}

Status weld::wasi::tcpShutdown(Ctx &C, uint32_t S, uint8_t How) {
  auto *Sock = lookup<TcpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (Sock->State != TcpState::Connected)
    return WELD_WASI_NET_INVALID_STATE;
  static const int Map[] = {SHUT_RD, SHUT_WR, SHUT_RDWR};
  if (How > WELD_WASI_SHUTDOWN_BOTH)
    return WELD_WASI_NET_INVALID_ARGUMENT;
  return shutdown(Sock->Fd, Map[How]) ? fromErrno(errno) : Ok;
}

//===-- UDP -------------------------------------------------------------------===//

Status weld::wasi::createUdpSocket(Ctx &C, uint8_t Family, uint32_t *Out) {
  if (!policyHasNetwork(C.Policy))
    return WELD_WASI_NET_ACCESS_DENIED;
  if (Family > WELD_WASI_IPV6)
    return WELD_WASI_NET_NOT_SUPPORTED;
  int Fd = newSocket(Family, SOCK_DGRAM);
  if (Fd < 0)
    return fromErrno(errno);
  auto *S = allocObject<UdpSocket>();
  if (!S) {
    close(Fd);
    return trap(C, "out of memory");
  }
  S->Fd = Fd;
  S->Family = Family;
  S->State = UdpState::Unbound;
  *Out = insertObject(C, WELD_WASI_KIND_UDP_SOCKET, S);
  return *Out ? Ok : trap(C, "out of memory");
}

Status weld::wasi::udpStartBind(Ctx &C, uint32_t S, uint32_t Net,
                                const weld_wasi_socket_address *A) {
  Status St;
  auto *Sock = socketAndNetwork<UdpSocket>(C, S, Net, &St);
  if (!Sock)
    return St;
  if (Sock->State == UdpState::BindStarted)
    return WELD_WASI_NET_CONCURRENCY_CONFLICT;
  if (Sock->State != UdpState::Unbound)
    return WELD_WASI_NET_INVALID_STATE;
  if ((St = checkAddress(C, Sock->Family, *A, false)) != Ok)
    return St;
  if ((St = bindTo(Sock->Fd, *A)) != Ok)
    return St;
  Sock->State = UdpState::BindStarted;
  return Ok;
}

Status weld::wasi::udpFinishBind(Ctx &C, uint32_t S) {
  auto *Sock = lookup<UdpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (Sock->State != UdpState::BindStarted)
    return WELD_WASI_NET_NOT_IN_PROGRESS;
  Sock->State = UdpState::Bound;
  return Ok;
}

Status weld::wasi::udpStream(Ctx &C, uint32_t S,
                             const weld_wasi_socket_address *Remote,
                             uint32_t *In, uint32_t *Out) {
  auto *Sock = lookup<UdpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  if (Sock->State != UdpState::Bound)
    return WELD_WASI_NET_INVALID_STATE;
  Status St;
  if (Remote) {
    if ((St = checkAddress(C, Sock->Family, *Remote, true)) != Ok)
      return St;
    sockaddr_storage Addr;
    socklen_t Len;
    toSockaddr(*Remote, &Addr, &Len);
    if (connect(Sock->Fd, reinterpret_cast<sockaddr *>(&Addr), Len))
      return fromErrno(errno);
    Sock->Connected = true;
  } else if (Sock->Connected) {
    sockaddr Unspec;
    memset(&Unspec, 0, sizeof(Unspec));
    Unspec.sa_family = AF_UNSPEC;
    connect(Sock->Fd, &Unspec, sizeof(Unspec));
    Sock->Connected = false;
  }
  ++Sock->StreamGeneration;
  auto *I = allocObject<IncomingDatagramStream>();
  auto *O = allocObject<OutgoingDatagramStream>();
  if (!I || !O) {
    free(I);
    free(O);
    return trap(C, "out of memory");
  }
  DatagramStream *Pair[] = {I, O};
  for (DatagramStream *D : Pair) {
    D->Fd = Sock->Fd;
    D->Socket = S;
    D->Generation = Sock->StreamGeneration;
    D->HasRemote = Remote != nullptr;
    if (Remote)
      D->Remote = *Remote;
  }
  *In = insertObject(C, WELD_WASI_KIND_INCOMING_DATAGRAM_STREAM, I,
                     WELD_WASI_KIND_UDP_SOCKET, S);
  *Out = insertObject(C, WELD_WASI_KIND_OUTGOING_DATAGRAM_STREAM, O,
                      WELD_WASI_KIND_UDP_SOCKET, S);
  return *In && *Out ? Ok : trap(C, "out of memory");
}

Status weld::wasi::udpAddress(Ctx &C, uint32_t S, bool Remote,
                              weld_wasi_socket_address *Out) {
  auto *Sock = lookup<UdpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  memset(Out, 0, sizeof(*Out));
  if (Remote ? !Sock->Connected : Sock->State == UdpState::Unbound)
    return WELD_WASI_NET_INVALID_STATE;
  return addressOf(Sock->Fd, Remote, Out);
}

Status weld::wasi::udpAddressFamily(Ctx &C, uint32_t S, uint8_t *Out) {
  auto *Sock = lookup<UdpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  *Out = Sock->Family;
  return Ok;
}

Status weld::wasi::udpGetOption(Ctx &C, uint32_t S, SockOpt Opt,
                                uint64_t *Out) {
  auto *Sock = lookup<UdpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  return getOption(Sock->Fd, Sock->Family, Opt, Out);
}

Status weld::wasi::udpSetOption(Ctx &C, uint32_t S, SockOpt Opt, uint64_t V) {
  auto *Sock = lookup<UdpSocket>(C, S);
  if (!Sock)
    return badHandle(C);
  return setOption(Sock->Fd, Sock->Family, Opt, V);
}

/// The live socket of a datagram stream, or NULL when the socket made
/// newer streams (this one no longer works).
static UdpSocket *currentSocket(Ctx &C, const DatagramStream &D) {
  auto *Sock = lookup<UdpSocket>(C, D.Socket);
  return Sock && Sock->StreamGeneration == D.Generation ? Sock : nullptr;
}

Status weld::wasi::udpReceive(Ctx &C, uint32_t S, uint64_t Max,
                              const weld_wasi_incoming_datagram **Out,
                              size_t *Count) {
  auto *D = lookup<IncomingDatagramStream>(C, S);
  if (!D)
    return badHandle(C);
  *Out = nullptr;
  *Count = 0;
  if (!currentSocket(C, *D))
    return WELD_WASI_NET_INVALID_STATE;
  C.Scratch.reset();
  uint64_t Limit = Max < MaxDatagramsPerCall ? Max : MaxDatagramsPerCall;
  auto *List = static_cast<weld_wasi_incoming_datagram *>(C.Scratch.alloc(
      (Limit ? Limit : 1) * sizeof(weld_wasi_incoming_datagram)));
  auto *Buf = static_cast<uint8_t *>(C.Scratch.alloc(MaxDatagram));
  if (!List || !Buf)
    return trap(C, "out of memory");
  size_t N = 0;
  while (N < Limit) {
    sockaddr_storage From;
    socklen_t FromLen = sizeof(From);
    ssize_t R = recvfrom(D->Fd, Buf, MaxDatagram, MSG_DONTWAIT,
                         reinterpret_cast<sockaddr *>(&From), &FromLen);
    if (R < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || N > 0)
        break;
      return fromErrno(errno);
    }
    auto *Data = static_cast<uint8_t *>(C.Scratch.alloc(R ? size_t(R) : 1));
    if (!Data)
      return trap(C, "out of memory");
    memcpy(Data, Buf, size_t(R));
    List[N].data = {Data, size_t(R)};
    fromSockaddr(reinterpret_cast<sockaddr *>(&From), &List[N].remote_address);
    ++N;
  }
  *Out = List;
  *Count = N;
  return Ok;
}

Status weld::wasi::udpCheckSend(Ctx &C, uint32_t S, uint64_t *Out) {
  auto *D = lookup<OutgoingDatagramStream>(C, S);
  if (!D)
    return badHandle(C);
  *Out = 0;
  if (!currentSocket(C, *D))
    return WELD_WASI_NET_INVALID_STATE;
  pollfd P = {D->Fd, POLLOUT, 0};
  D->Permit = ::poll(&P, 1, 0) > 0 ? MaxDatagramsPerCall : 0;
  *Out = D->Permit;
  return Ok;
}

static bool sameAddress(const weld_wasi_socket_address &A,
                        const weld_wasi_socket_address &B) {
  if (A.port != B.port || A.address.family != B.address.family)
    return false;
  if (A.address.family == WELD_WASI_IPV4)
    return !memcmp(A.address.v4, B.address.v4, 4);
  return !memcmp(A.address.v6, B.address.v6, sizeof(A.address.v6));
}

Status weld::wasi::udpSend(Ctx &C, uint32_t S,
                           const weld_wasi_outgoing_datagram *Ds, size_t N,
                           uint64_t *Sent) {
  auto *D = lookup<OutgoingDatagramStream>(C, S);
  if (!D)
    return badHandle(C);
  *Sent = 0;
  UdpSocket *Sock = currentSocket(C, *D);
  if (!Sock)
    return WELD_WASI_NET_INVALID_STATE;
  if (N > D->Permit)
    return trap(C, "outgoing-datagram-stream: send exceeds check-send");
  for (size_t I = 0; I < N; ++I) {
    const weld_wasi_outgoing_datagram &G = Ds[I];
    ssize_t R;
    Status St = Ok;
    if (G.has_remote_address) {
      if (D->HasRemote && !sameAddress(D->Remote, G.remote_address))
        St = WELD_WASI_NET_INVALID_ARGUMENT;
      else
        St = checkAddress(C, Sock->Family, G.remote_address, true);
    } else if (!D->HasRemote) {
      St = WELD_WASI_NET_INVALID_ARGUMENT;
    }
    if (St != Ok) {
      if (I == 0)
        return St;
      break;
    }
    if (G.has_remote_address && !D->HasRemote) {
      sockaddr_storage To;
      socklen_t Len;
      toSockaddr(G.remote_address, &To, &Len);
      R = sendto(D->Fd, G.data.ptr, G.data.len, MSG_DONTWAIT,
                 reinterpret_cast<sockaddr *>(&To), Len);
    } else {
      R = send(D->Fd, G.data.ptr, G.data.len, MSG_DONTWAIT);
    }
    if (R < 0) {
      if (I == 0 && errno != EAGAIN)
        return fromErrno(errno);
      break;
    }
    ++*Sent;
  }
  D->Permit -= N;
  return Ok;
}

//===-- ip-name-lookup --------------------------------------------------------===//

/// An IPv4-mapped IPv6 address as the IPv4 address it maps (what a lookup
/// returns, as wasmtime's `to_canonical`).
static weld_wasi_ip_address canonical(const weld_wasi_ip_address &A) {
  if (A.family != WELD_WASI_IPV6 || A.v6[0] || A.v6[1] || A.v6[2] ||
      A.v6[3] || A.v6[4] || A.v6[5] != 0xFFFF)
    return A;
  weld_wasi_ip_address V4 = {};
  V4.family = WELD_WASI_IPV4;
  V4.v4[0] = uint8_t(A.v6[6] >> 8);
  V4.v4[1] = uint8_t(A.v6[6]);
  V4.v4[2] = uint8_t(A.v6[7] >> 8);
  V4.v4[3] = uint8_t(A.v6[7]);
  return V4;
}

/// The addresses of a domain, in getaddrinfo's order, or the error the
/// stream reports. Every resolver failure is `name-unresolvable`, as in
/// wasmtime (which resolves through Rust's standard library).
static Status lookupDomain(const char *Domain,
                           Array<weld_wasi_ip_address> &List) {
  addrinfo Hints;
  memset(&Hints, 0, sizeof(Hints));
  Hints.ai_family = AF_UNSPEC;
  Hints.ai_socktype = SOCK_STREAM;
  addrinfo *Res = nullptr;
  if (getaddrinfo(Domain, nullptr, &Hints, &Res))
    return WELD_WASI_NET_NAME_UNRESOLVABLE;
  Status St = Ok;
  for (addrinfo *I = Res; I && St == Ok; I = I->ai_next) {
    weld_wasi_socket_address SA;
    if (fromSockaddr(I->ai_addr, &SA) && !List.push(canonical(SA.address)))
      St = WELD_WASI_NET_OUT_OF_MEMORY;
  }
  freeaddrinfo(Res);
  return St;
}

Status weld::wasi::resolveAddresses(Ctx &C, uint32_t Net, const char *Name,
                                    size_t Len, uint32_t *Out) {
  if (!lookup<Network>(C, Net))
    return badHandle(C);
  // Without the grant nothing is looked at, not even the name (wasmtime).
  if (!C.Policy.NameLookup)
    return WELD_WASI_NET_PERMANENT_RESOLVER_FAILURE;
  ParsedHost H;
  Status St = parseHostName(Name, Len, &H);
  if (St == WELD_WASI_NET_OUT_OF_MEMORY)
    return trap(C, "out of memory");
  if (St != Ok)
    return St;
  Array<weld_wasi_ip_address> List;
  Status Error = Ok;
  if (H.IsAddress) {
    if (!List.push(H.Address))
      return trap(C, "out of memory");
  } else {
    Error = lookupDomain(H.Domain, List);
    free(H.Domain);
    if (Error == WELD_WASI_NET_OUT_OF_MEMORY)
      return trap(C, "out of memory");
  }
  auto *S = allocObject<ResolveStream>();
  size_t Bytes = List.size() * sizeof(weld_wasi_ip_address);
  auto *Addrs = static_cast<weld_wasi_ip_address *>(malloc(Bytes ? Bytes : 1));
  if (!S || !Addrs) {
    free(S);
    free(Addrs);
    return trap(C, "out of memory");
  }
  memcpy(Addrs, List.data(), Bytes);
  S->Addrs = Addrs;
  S->Count = List.size();
  S->Error = Error;
  *Out = insertObject(C, WELD_WASI_KIND_RESOLVE_ADDRESS_STREAM, S);
  return *Out ? Ok : trap(C, "out of memory");
}

Status weld::wasi::resolveNextAddress(Ctx &C, uint32_t S, uint8_t *Some,
                                      weld_wasi_ip_address *Out) {
  auto *R = lookup<ResolveStream>(C, S);
  if (!R)
    return badHandle(C);
  *Some = 0;
  // A failed lookup reports its error once, then the stream is empty.
  if (Status E = R->Error) {
    R->Error = Ok;
    return E;
  }
  *Some = R->Next < R->Count;
  if (*Some)
    *Out = R->Addrs[R->Next++];
  return Ok;
}
