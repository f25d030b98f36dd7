//===- Io.cpp - wasi:io streams and polling, wasi:cli, clocks, random ------===//
//
// The byte streams every other interface hands out (files, stdio, TCP
// connections), the pollables that wait on them, and the small interfaces
// that need no other state: the standard streams and terminals of
// wasi:cli, the clocks and the random generators.
//
// Readiness is real: a pollable maps to an fd and poll(2) events or to a
// monotonic deadline, and `poll` waits for them together with ppoll(2).
// Reads never block unless the function is a blocking one; socket writes go
// through a small buffer so `write` can always take what `check-write`
// promised.
//
//===----------------------------------------------------------------------===//

#include "Core.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

using namespace weld::wasi;

namespace {
/// The most a single read returns; WASI lets reads return less than asked.
constexpr uint64_t MaxRead = 1 << 20;
/// What check-write grants for files and stdio (written synchronously).
constexpr uint64_t DirectPermit = 1 << 20;
/// What check-write grants a writable socket without pending bytes.
constexpr uint64_t SocketPermit = 1 << 16;
/// blocking-write-and-flush and friends take at most this much (WIT).
constexpr uint64_t BlockingWriteMax = 4096;
} // namespace

static Status badHandle(Ctx &C) { return unknownHandle(C); }

static ErrorObj::Origin originOf(StreamSource S) {
  switch (S) {
  case StreamSource::File:
    return ErrorObj::Filesystem;
  case StreamSource::Socket:
    return ErrorObj::Network;
  default:
    return ErrorObj::Other;
  }
}

/// Reports a failed operation: a new `error` resource in *Err.
static Status failed(Ctx &C, StreamSource Src, int Errno, uint32_t *Err) {
  *Err = newError(C, originOf(Src), Errno);
  return *Err ? WELD_WASI_STREAM_LAST_OPERATION_FAILED
              : trap(C, "out of memory");
}

uint64_t weld::wasi::monotonicNow() {
  timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return uint64_t(T.tv_sec) * 1000000000u + uint64_t(T.tv_nsec);
}

/// Waits until Fd has one of Events (or an error); false on poll failure.
static bool waitFd(int Fd, short Events) {
  pollfd P = {Fd, Events, 0};
  for (;;) {
    int R = poll(&P, 1, -1);
    if (R > 0)
      return true;
    if (R < 0 && errno != EINTR)
      return false;
  }
}

static bool fdReady(int Fd, short Events) {
  pollfd P = {Fd, Events, 0};
  return poll(&P, 1, 0) > 0;
}

//===-- Errors ----------------------------------------------------------------===//

Status weld::wasi::errorToDebugString(Ctx &C, uint32_t E,
                                      weld_wasi_string *Out) {
  auto *Obj = lookup<ErrorObj>(C, E);
  if (!Obj)
    return badHandle(C);
  C.Scratch.reset();
  char *Buf = static_cast<char *>(C.Scratch.alloc(128));
  if (!Buf)
    return trap(C, "out of memory");
  // strerror_r's GNU form may return a static string instead of filling Buf.
  const char *Msg = strerror_r(Obj->Errno, Buf, 128);
  Out->ptr = Msg;
  Out->len = strlen(Msg);
  return Ok;
}

//===-- Polling ---------------------------------------------------------------===//

WaitSpec weld::wasi::waitSpecFor(Ctx &C, const Pollable &P) {
  WaitSpec W = {true, -1, 0, UINT64_MAX};
  switch (P.SubjectKind) {
  case -1:
    W.Ready = false;
    W.Deadline = P.Deadline;
    return W;
  case WELD_WASI_KIND_INPUT_STREAM: {
    auto *S = lookup<InputStream>(C, P.Subject);
    if (S && !S->Closed &&
        (S->Src == StreamSource::Stdio || S->Src == StreamSource::Socket)) {
      W = {false, S->Fd, POLLIN, UINT64_MAX};
    }
    return W;
  }
  case WELD_WASI_KIND_OUTPUT_STREAM: {
    auto *S = lookup<OutputStream>(C, P.Subject);
    if (S && !S->Closed && S->Src == StreamSource::Socket) {
      flushPending(*S);
      W = {false, S->Fd, POLLOUT, UINT64_MAX};
    }
    return W;
  }
  case WELD_WASI_KIND_TCP_SOCKET: {
    auto *S = lookup<TcpSocket>(C, P.Subject);
    if (S && S->State == TcpState::Connecting)
      W = {false, S->Fd, POLLOUT, UINT64_MAX};
    else if (S && S->State == TcpState::Listening)
      W = {false, S->Fd, POLLIN, UINT64_MAX};
    return W;
  }
  case WELD_WASI_KIND_INCOMING_DATAGRAM_STREAM:
    if (auto *S = lookup<IncomingDatagramStream>(C, P.Subject))
      W = {false, S->Fd, POLLIN, UINT64_MAX};
    return W;
  case WELD_WASI_KIND_OUTGOING_DATAGRAM_STREAM:
    if (auto *S = lookup<OutgoingDatagramStream>(C, P.Subject))
      W = {false, S->Fd, POLLOUT, UINT64_MAX};
    return W;
  default:
    return W;
  }
}

/// Waits until at least one of Specs[0..N) is ready (or only checks, when
/// NoWait) and marks them in IsReady. Returns how many are ready.
static size_t waitAny(const WaitSpec *Specs, size_t N, bool *IsReady,
                      bool NoWait) {
  Array<pollfd> Fds;
  Array<size_t> Owner;
  for (size_t I = 0; I < N; ++I)
    if (!Specs[I].Ready && Specs[I].Fd >= 0) {
      pollfd P = {Specs[I].Fd, Specs[I].Events, 0};
      if (!Fds.push(P) || !Owner.push(I))
        return 0;
    }
  for (;;) {
    uint64_t Now = monotonicNow();
    uint64_t Next = UINT64_MAX;
    size_t Count = 0;
    for (size_t I = 0; I < N; ++I) {
      IsReady[I] = Specs[I].Ready || Specs[I].Deadline <= Now;
      Count += IsReady[I];
      if (Specs[I].Deadline < Next)
        Next = Specs[I].Deadline;
    }
    timespec Timeout = {0, 0};
    bool Infinite = false;
    if (!Count && !NoWait) {
      if (Next == UINT64_MAX) {
        Infinite = true;
      } else {
        uint64_t D = Next - Now;
        Timeout = {time_t(D / 1000000000u), long(D % 1000000000u)};
      }
    }
    int R = ppoll(Fds.data(), Fds.size(), Infinite ? nullptr : &Timeout,
                  nullptr);
    if (R < 0 && errno != EINTR)
      return Count;
    for (size_t J = 0; R > 0 && J < Fds.size(); ++J)
      if (Fds[J].revents && !IsReady[Owner[J]]) {
        IsReady[Owner[J]] = true;
        ++Count;
      }
    if (Count || NoWait)
      return Count;
  }
}

Status weld::wasi::pollableReady(Ctx &C, uint32_t P, uint8_t *Ready) {
  auto *Obj = lookup<Pollable>(C, P);
  if (!Obj)
    return badHandle(C);
  WaitSpec W = waitSpecFor(C, *Obj);
  bool IsReady;
  *Ready = waitAny(&W, 1, &IsReady, /*NoWait=*/true) != 0;
  return Ok;
}

Status weld::wasi::pollableBlock(Ctx &C, uint32_t P) {
  size_t Count;
  uint32_t Index;
  return poll(C, &P, 1, &Index, &Count);
}

Status weld::wasi::poll(Ctx &C, const uint32_t *In, size_t N, uint32_t *Out,
                        size_t *Count) {
  *Count = 0;
  if (N == 0)
    return trap(C, "poll: empty list of pollables");
  if (N > UINT32_MAX)
    return trap(C, "poll: too many pollables");
  Array<WaitSpec> Specs;
  Array<bool> IsReady;
  if (!Specs.reserve(N) || !IsReady.reserve(N))
    return trap(C, "out of memory");
  for (size_t I = 0; I < N; ++I) {
    auto *P = lookup<Pollable>(C, In[I]);
    if (!P)
      return badHandle(C);
    Specs.push(waitSpecFor(C, *P));
    IsReady.push(false);
  }
  waitAny(Specs.data(), N, IsReady.data(), /*NoWait=*/false);
  for (size_t I = 0; I < N; ++I)
    if (IsReady[I])
      Out[(*Count)++] = uint32_t(I);
  return Ok;
}

//===-- Input streams ---------------------------------------------------------===//

/// Reads up to N bytes from S into Buf; returns bytes read, 0 when nothing
/// is available yet, or -1 with *Errno (0 for end of stream).
static ssize_t readSome(InputStream &S, uint8_t *Buf, size_t N, bool Blocking,
                        int *Errno) {
  ssize_t R;
  switch (S.Src) {
  case StreamSource::Empty:
    *Errno = 0;
    return -1;
  case StreamSource::File:
    do
      R = pread(S.Fd, Buf, N, off_t(S.Offset));
    while (R < 0 && errno == EINTR);
    if (R > 0)
      S.Offset += uint64_t(R);
    break;
  case StreamSource::Stdio:
    if (!Blocking && !fdReady(S.Fd, POLLIN))
      return 0;
    for (;;) {
      R = read(S.Fd, Buf, N);
      if (R < 0 && errno == EAGAIN && Blocking && waitFd(S.Fd, POLLIN))
        continue;
      if (R < 0 && errno == EINTR)
        continue;
      break;
    }
    break;
  case StreamSource::Socket:
    for (;;) {
      R = recv(S.Fd, Buf, N, MSG_DONTWAIT);
      if (R < 0 && errno == EAGAIN && Blocking && waitFd(S.Fd, POLLIN))
        continue;
      if (R < 0 && errno == EINTR)
        continue;
      break;
    }
    break;
  }
  if (R < 0 && errno == EAGAIN)
    return 0;
  if (R == 0) {
    *Errno = 0;
    return -1;
  }
  if (R < 0)
    *Errno = errno;
  return R;
}

Status weld::wasi::inputRead(Ctx &C, uint32_t S, uint64_t Len, bool Blocking,
                             weld_wasi_bytes *Out, uint32_t *Err) {
  auto *In = lookup<InputStream>(C, S);
  if (!In)
    return badHandle(C);
  C.Scratch.reset();
  Out->ptr = nullptr;
  Out->len = 0;
  if (In->Closed)
    return WELD_WASI_STREAM_CLOSED;
  size_t N = size_t(Len < MaxRead ? Len : MaxRead);
  if (N == 0)
    return Ok;
  auto *Buf = static_cast<uint8_t *>(C.Scratch.alloc(N));
  if (!Buf)
    return trap(C, "out of memory");
  int Errno = 0;
  ssize_t R = readSome(*In, Buf, N, Blocking, &Errno);
  if (R < 0) {
    In->Closed = true;
    return Errno ? failed(C, In->Src, Errno, Err) : WELD_WASI_STREAM_CLOSED;
  }
  Out->ptr = Buf;
  Out->len = size_t(R);
  return Ok;
}

Status weld::wasi::inputSkip(Ctx &C, uint32_t S, uint64_t Len, bool Blocking,
                             uint64_t *Out, uint32_t *Err) {
  weld_wasi_bytes Bytes;
  Status R = inputRead(C, S, Len, Blocking, &Bytes, Err);
  *Out = R == Ok ? Bytes.len : 0;
  return R;
}

//===-- Output streams --------------------------------------------------------===//

int weld::wasi::flushPending(OutputStream &S) {
  if (!S.Pending)
    return 0;
  while (!S.Pending->empty()) {
    ssize_t R = send(S.Fd, S.Pending->data(), S.Pending->size(),
                     MSG_DONTWAIT | MSG_NOSIGNAL);
    if (R < 0) {
      if (errno == EINTR)
        continue;
      return errno == EAGAIN ? 0 : errno;
    }
    S.Pending->dropFront(size_t(R));
  }
  return 0;
}

/// Writes all of Data to a file or stdio stream; 0 or an errno.
static int writeDirect(OutputStream &S, const uint8_t *Data, size_t Len) {
  if (S.Src == StreamSource::Empty)
    return 0;
  if (S.Src == StreamSource::File && S.Append &&
      lseek(S.Fd, 0, SEEK_END) < 0)
    return errno;
  while (Len) {
    ssize_t R;
    if (S.Src == StreamSource::File && !S.Append)
      R = pwrite(S.Fd, Data, Len, off_t(S.Offset));
    else
      R = ::write(S.Fd, Data, Len);
    if (R < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN && waitFd(S.Fd, POLLOUT))
        continue;
      return errno;
    }
    if (S.Src == StreamSource::File && !S.Append)
      S.Offset += uint64_t(R);
    Data += R;
    Len -= size_t(R);
  }
  return 0;
}

Status weld::wasi::checkWrite(Ctx &C, uint32_t S, uint64_t *Out,
                              uint32_t *Err) {
  auto *O = lookup<OutputStream>(C, S);
  if (!O)
    return badHandle(C);
  *Out = 0;
  if (O->Closed)
    return WELD_WASI_STREAM_CLOSED;
  if (O->Src != StreamSource::Socket) {
    O->Permit = DirectPermit;
  } else {
    if (int E = flushPending(*O)) {
      O->Closed = true;
      return failed(C, O->Src, E, Err);
    }
    O->Permit = O->Pending->empty() && fdReady(O->Fd, POLLOUT) ? SocketPermit
                                                               : 0;
  }
  *Out = O->Permit;
  return Ok;
}

/// Accepts Len bytes (Data, or zeroes when Data is NULL) within the permit.
static Status acceptBytes(Ctx &C, OutputStream &O, const uint8_t *Data,
                          size_t Len, uint32_t *Err) {
  if (O.Closed)
    return WELD_WASI_STREAM_CLOSED;
  if (Len > O.Permit)
    return trap(C, "output-stream: write exceeds what check-write allowed");
  O.Permit -= Len;
  if (O.Src == StreamSource::Socket) {
    size_t Old = O.Pending->size();
    if (!O.Pending->reserve(Old + Len))
      return trap(C, "out of memory");
    for (size_t I = 0; I < Len; ++I)
      O.Pending->push(Data ? Data[I] : 0);
    if (int E = flushPending(O)) {
      O.Closed = true;
      return failed(C, O.Src, E, Err);
    }
    return Ok;
  }
  int E = 0;
  if (Data) {
    E = writeDirect(O, Data, Len);
  } else {
    static const uint8_t Zeroes[4096] = {};
    for (size_t Done = 0; !E && Done < Len;) {
      size_t N = Len - Done < sizeof(Zeroes) ? Len - Done : sizeof(Zeroes);
      E = writeDirect(O, Zeroes, N);
      Done += N;
    }
  }
  if (E) {
    O.Closed = true;
    return failed(C, O.Src, E, Err);
  }
  return Ok;
}

Status weld::wasi::write(Ctx &C, uint32_t S, const uint8_t *Data, size_t Len,
                         uint32_t *Err) {
  auto *O = lookup<OutputStream>(C, S);
  if (!O)
    return badHandle(C);
  return acceptBytes(C, *O, Data, Len, Err);
}

Status weld::wasi::writeZeroes(Ctx &C, uint32_t S, uint64_t Len,
                               uint32_t *Err) {
  auto *O = lookup<OutputStream>(C, S);
  if (!O)
    return badHandle(C);
  if (Len > O->Permit)
    return trap(C, "output-stream: write exceeds what check-write allowed");
  return acceptBytes(C, *O, nullptr, size_t(Len), Err);
}

Status weld::wasi::flush(Ctx &C, uint32_t S, bool Blocking, uint32_t *Err) {
  auto *O = lookup<OutputStream>(C, S);
  if (!O)
    return badHandle(C);
  if (O->Closed)
    return WELD_WASI_STREAM_CLOSED;
  if (O->Src != StreamSource::Socket)
    return Ok;
  for (;;) {
    if (int E = flushPending(*O)) {
      O->Closed = true;
      return failed(C, O->Src, E, Err);
    }
    if (O->Pending->empty() || !Blocking)
      return Ok;
    if (!waitFd(O->Fd, POLLOUT)) {
      O->Closed = true;
      return failed(C, O->Src, errno, Err);
    }
  }
}

Status weld::wasi::blockingWriteAndFlush(Ctx &C, uint32_t S,
                                         const uint8_t *Data, size_t Len,
                                         bool Zeroes, uint32_t *Err) {
  auto *O = lookup<OutputStream>(C, S);
  if (!O)
    return badHandle(C);
  if (Len > BlockingWriteMax)
    return trap(C, "output-stream: blocking write of more than 4096 bytes");
  if (O->Closed)
    return WELD_WASI_STREAM_CLOSED;
  // Bytes are buffered for sockets, so the permit can cover them all.
  O->Permit = Len;
  Status R = acceptBytes(C, *O, Zeroes ? nullptr : Data, Len, Err);
  if (R != Ok)
    return R;
  return flush(C, S, /*Blocking=*/true, Err);
}

Status weld::wasi::splice(Ctx &C, uint32_t S, uint32_t Src, uint64_t Len,
                          bool Blocking, uint64_t *Out, uint32_t *Err) {
  *Out = 0;
  auto *O = lookup<OutputStream>(C, S);
  if (!O || !lookup<InputStream>(C, Src))
    return badHandle(C);
  uint64_t Permit;
  if (Blocking) {
    if (O->Closed)
      return WELD_WASI_STREAM_CLOSED;
    Permit = Len < MaxRead ? Len : MaxRead;
  } else {
    Status R = checkWrite(C, S, &Permit, Err);
    if (R != Ok)
      return R;
    if (Len < Permit)
      Permit = Len;
  }
  weld_wasi_bytes Bytes;
  Status R = inputRead(C, Src, Permit, Blocking, &Bytes, Err);
  if (R != Ok || Bytes.len == 0)
    return R;
  O->Permit = Bytes.len;
  R = acceptBytes(C, *O, Bytes.ptr, Bytes.len, Err);
  if (R == Ok && Blocking)
    R = flush(C, S, true, Err);
  if (R == Ok)
    *Out = Bytes.len;
  return R;
}

//===-- wasi:cli --------------------------------------------------------------===//

uint32_t weld::wasi::newStdStream(Ctx &C, int Fd, bool Input) {
  if (Input) {
    auto *S = allocObject<InputStream>();
    if (!S)
      return 0;
    S->Src = C.Policy.NullStdin ? StreamSource::Empty : StreamSource::Stdio;
    S->Fd = Fd;
    return insertObject(C, WELD_WASI_KIND_INPUT_STREAM, S);
  }
  auto *S = allocObject<OutputStream>();
  if (!S)
    return 0;
  S->Src = StreamSource::Stdio;
  S->Fd = Fd;
  return insertObject(C, WELD_WASI_KIND_OUTPUT_STREAM, S);
}

Status weld::wasi::terminalFor(Ctx &C, int Fd, bool Input, uint32_t *Out) {
  *Out = 0;
  if ((Input && C.Policy.NullStdin) || !isatty(Fd))
    return 0;
  auto *T = allocObject<Terminal>();
  if (!T)
    return trap(C, "out of memory");
  T->Fd = Fd;
  *Out = insertObject(C,
                      Input ? WELD_WASI_KIND_TERMINAL_INPUT
                            : WELD_WASI_KIND_TERMINAL_OUTPUT,
                      T);
  return *Out ? 1 : trap(C, "out of memory");
}

//===-- wasi:random -----------------------------------------------------------===//

Status weld::wasi::fillRandom(uint8_t *Buf, size_t Len) {
  while (Len) {
    ssize_t R = getrandom(Buf, Len, 0);
    if (R < 0) {
      if (errno == EINTR)
        continue;
      return Trap;
    }
    Buf += R;
    Len -= size_t(R);
  }
  return Ok;
}

uint64_t weld::wasi::insecureNext(Ctx &C) {
  // xorshift128+: fast, and never used where unpredictability matters.
  uint64_t S1 = C.InsecureState[0];
  const uint64_t S0 = C.InsecureState[1];
  C.InsecureState[0] = S0;
  S1 ^= S1 << 23;
  C.InsecureState[1] = S1 ^ S0 ^ (S1 >> 17) ^ (S0 >> 26);
  return C.InsecureState[1] + S0;
}
