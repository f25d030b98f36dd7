//===- WasiBindTest.cpp - the WASI import bindings of commands ------------===//
//
// The binding list (weld/wasi_bindings.def) against the host's table, name
// matching across 0.2.x versions, and a few host functions called with the
// canonical ABI's native layout as an adapter would.
//
//===----------------------------------------------------------------------===//

#include "weld/wasi_host.h"

#include "gtest/gtest.h"

#include <cstring>
#include <set>
#include <string>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

TEST(WasiBind, EveryBindingIsAHostFunction) {
  std::set<std::string> Host;
#define X(I, N, S) Host.insert(std::string(I) + "#" + N);
  WELD_WASI_FUNCTIONS(X)
#undef X
  size_t Count = 0;
#define WELD_WASI_BINDING(I, F, S)                                             \
  ++Count;                                                                     \
  EXPECT_TRUE(Host.count(std::string(I) + "#" + F)) << I << "#" << F;          \
  {                                                                            \
    std::string Name = std::string(I) + "@0.2.0#" + F;                         \
    EXPECT_NE(weld_wasi_host_lookup(Name.data(), Name.size()), nullptr)        \
        << Name;                                                               \
  }
#include "weld/wasi_bindings.def"
  EXPECT_GT(Count, 60u);
}

TEST(WasiBind, VersionsAndNames) {
  auto Look = [](const char *N) {
    return weld_wasi_host_lookup(N, strlen(N)) != nullptr;
  };
  EXPECT_TRUE(Look("wasi:io/streams@0.2.12#[method]output-stream.write"));
  EXPECT_TRUE(Look("wasi:io/streams#[method]output-stream.write"));
  EXPECT_FALSE(Look("wasi:io/streams@0.3.0#[method]output-stream.write"));
  EXPECT_FALSE(Look("wasi:io/streams@0.2#[method]output-stream.write"));
  EXPECT_FALSE(Look("wasi:io/streams@0.2.0#[method]output-stream.writ"));
  EXPECT_FALSE(Look("wasi:io/streams@0.2.0"));
  EXPECT_FALSE(Look("wasi:cli/environment@0.2.0#get-stdin"));
}

TEST(WasiBind, NativeLayout) {
  weld_wasi_policy *P = weld_wasi_policy_new();
  ASSERT_EQ(weld_wasi_policy_apply(P, "env", "A=bc"), nullptr);
  const char *Argv[] = {"app.wasm", "x"};
  weld_wasi_ctx *C = weld_wasi_ctx_new(P, 2, Argv, nullptr);
  weld_wasi_policy_free(P);
  ASSERT_NE(C, nullptr);
  weld_wasi_host H{C, nullptr, nullptr, nullptr, 0};
  auto Call = [&](const char *Name, const void *Args, void *Results) {
    weld_host_func F = weld_wasi_host_lookup(Name, strlen(Name));
    ASSERT_NE(F, nullptr);
    F(&H, Args, Results);
  };
  // list<string>: {ptr, len} of {ptr, len}.
  alignas(16) uint8_t R[128] = {};
  Call("wasi:cli/environment@0.2.0#get-arguments", nullptr, R);
  uint64_t Ptr, Len;
  memcpy(&Ptr, R, 8);
  memcpy(&Len, R + 8, 8);
  ASSERT_EQ(Len, 2u);
  auto *Strs = reinterpret_cast<const weld_wasi_string *>(Ptr);
  EXPECT_EQ(std::string(Strs[1].ptr, Strs[1].len), "x");
  // list<tuple<string, string>>: 32-byte entries.
  Call("wasi:cli/environment@0.2.0#get-environment", nullptr, R);
  memcpy(&Ptr, R, 8);
  memcpy(&Len, R + 8, 8);
  ASSERT_EQ(Len, 1u);
  auto *Vars = reinterpret_cast<const weld_wasi_string *>(Ptr);
  EXPECT_EQ(std::string(Vars[0].ptr, Vars[0].len), "A");
  EXPECT_EQ(std::string(Vars[1].ptr, Vars[1].len), "bc");
  // No preopens: an empty list.
  Call("wasi:filesystem/preopens@0.2.0#get-directories", nullptr, R);
  memcpy(&Len, R + 8, 8);
  EXPECT_EQ(Len, 0u);
  // option<string> initial-cwd: none.
  memset(R, 0xff, sizeof R);
  Call("wasi:cli/environment@0.2.0#initial-cwd", nullptr, R);
  EXPECT_EQ(R[0], 0);
  // result<u64, stream-error> check-write on stdout: ok at 0, value at 8.
  alignas(16) uint8_t A[32] = {};
  Call("wasi:cli/stdout@0.2.0#get-stdout", nullptr, R);
  memcpy(A, R, 4);
  Call("wasi:io/streams@0.2.0#[method]output-stream.check-write", A, R);
  EXPECT_EQ(R[0], 0);
  uint64_t N;
  memcpy(&N, R + 8, 8);
  EXPECT_GT(N, 0u);
  weld_wasi_ctx_free(C);
}

TEST(WasiBind, EverySocketsFunctionIsBound) {
  std::set<std::string> Bound;
#define WELD_WASI_BINDING(I, F, S) Bound.insert(std::string(I) + "#" + F);
#include "weld/wasi_bindings.def"
  size_t Count = 0;
#define X(I, N, S)                                                             \
  if (std::string(I).rfind("wasi:sockets/", 0) == 0) {                         \
    ++Count;                                                                   \
    EXPECT_TRUE(Bound.count(std::string(I) + "#" + N)) << I << "#" << N;       \
  }
  WELD_WASI_FUNCTIONS(X)
#undef X
  EXPECT_EQ(Count, 53u);
}

namespace {
template <class T> T at(const uint8_t *P, size_t Off) {
  T V;
  memcpy(&V, P + Off, sizeof V);
  return V;
}
template <class T> void set(uint8_t *P, size_t Off, T V) {
  memcpy(P + Off, &V, sizeof V);
}
} // namespace

// A UDP datagram from [::1] to itself and a name lookup, through the
// sockets bindings with hand-made native-layout buffers: ip-socket-address
// (tag, payload at 4), option<ip-socket-address>, list<outgoing-datagram>
// (56-byte elements), list<incoming-datagram> (48-byte elements) and
// result<option<ip-address>, error-code>.
TEST(WasiBind, SocketsNativeLayout) {
  {
    // Hosts without IPv6 loopback cannot run this.
    int Fd = socket(AF_INET6, SOCK_DGRAM, 0);
    sockaddr_in6 Lo = {};
    Lo.sin6_family = AF_INET6;
    Lo.sin6_addr = in6addr_loopback;
    bool Ok = Fd >= 0 && bind(Fd, reinterpret_cast<sockaddr *>(&Lo),
                              sizeof(Lo)) == 0;
    if (Fd >= 0)
      close(Fd);
    if (!Ok)
      GTEST_SKIP() << "no IPv6 loopback";
  }
  weld_wasi_policy *P = weld_wasi_policy_new();
  ASSERT_EQ(weld_wasi_policy_apply(P, "inherit-network", ""), nullptr);
  ASSERT_EQ(weld_wasi_policy_apply(P, "allow-ip-name-lookup", ""), nullptr);
  const char *Argv[] = {"app.wasm"};
  weld_wasi_ctx *C = weld_wasi_ctx_new(P, 1, Argv, nullptr);
  weld_wasi_policy_free(P);
  ASSERT_NE(C, nullptr);
  weld_wasi_host H{C, nullptr, nullptr, nullptr, 0};
  auto Call = [&](const char *Name, const void *Args, void *Results) {
    std::string Full = std::string(Name);
    Full.insert(Full.find('#'), "@0.2.0");
    weld_host_func F = weld_wasi_host_lookup(Full.data(), Full.size());
    ASSERT_NE(F, nullptr) << Full;
    F(&H, Args, Results);
  };
  alignas(16) uint8_t A[128], R[128];
  memset(R, 0xAA, sizeof R);
  Call("wasi:sockets/instance-network#instance-network", nullptr, R);
  uint32_t Net = at<uint32_t>(R, 0);
  memset(A, 0, sizeof A);
  A[0] = 1; // ipv6
  Call("wasi:sockets/udp-create-socket#create-udp-socket", A, R);
  ASSERT_EQ(R[0], 0);
  uint32_t S = at<uint32_t>(R, 4);
  // start-bind(self, network, [::1]:0): the address at 8.
  memset(A, 0, sizeof A);
  set<uint32_t>(A, 0, S);
  set<uint32_t>(A, 4, Net);
  A[8] = 1;
  set<uint16_t>(A, 8 + 4 + 8 + 14, 1);
  Call("wasi:sockets/udp#[method]udp-socket.start-bind", A, R);
  ASSERT_EQ(R[0], 0);
  Call("wasi:sockets/udp#[method]udp-socket.finish-bind", A, R);
  ASSERT_EQ(R[0], 0);
  // A second finish-bind: result<_, error-code> with the error at 1.
  Call("wasi:sockets/udp#[method]udp-socket.finish-bind", A, R);
  EXPECT_EQ(R[0], 1);
  EXPECT_EQ(R[1], WELD_WASI_NET_NOT_IN_PROGRESS - 1);
  // local-address: result<ip-socket-address>, the address at 4.
  memset(R, 0xAA, sizeof R);
  Call("wasi:sockets/udp#[method]udp-socket.local-address", A, R);
  ASSERT_EQ(R[0], 0);
  EXPECT_EQ(R[4], 1);
  uint16_t Port = at<uint16_t>(R, 8);
  EXPECT_NE(Port, 0);
  EXPECT_EQ(at<uint32_t>(R, 12), 0u); // flow-info
  for (int I = 0; I < 7; ++I)
    EXPECT_EQ(at<uint16_t>(R, 16 + 2 * I), 0);
  EXPECT_EQ(at<uint16_t>(R, 30), 1);
  EXPECT_EQ(at<uint32_t>(R, 32), 0u); // scope-id
  // stream(none): the option's tag at 4.
  memset(A + 4, 0, 40);
  A[8] = 0xFF; // ignored: no address
  Call("wasi:sockets/udp#[method]udp-socket.stream", A, R);
  ASSERT_EQ(R[0], 0);
  uint32_t In = at<uint32_t>(R, 4), Out = at<uint32_t>(R, 8);
  // check-send, then send one datagram to ourselves.
  set<uint32_t>(A, 0, Out);
  Call("wasi:sockets/udp#[method]outgoing-datagram-stream.check-send", A, R);
  ASSERT_EQ(R[0], 0);
  ASSERT_GT(at<uint64_t>(R, 8), 0u);
  alignas(8) uint8_t D[56] = {};
  static const char Msg[] = "datagram";
  set<uint64_t>(D, 0, reinterpret_cast<uint64_t>(Msg));
  set<uint64_t>(D, 8, 8);
  D[16] = 1; // some
  D[20] = 1; // ipv6
  set<uint16_t>(D, 24, Port);
  set<uint16_t>(D, 32 + 14, 1);
  set<uint64_t>(A, 8, reinterpret_cast<uint64_t>(D));
  set<uint64_t>(A, 16, 1);
  Call("wasi:sockets/udp#[method]outgoing-datagram-stream.send", A, R);
  ASSERT_EQ(R[0], 0) << int(R[8]);
  EXPECT_EQ(at<uint64_t>(R, 8), 1u);
  // receive(max-results) after waiting on the stream's pollable.
  set<uint32_t>(A, 0, In);
  Call("wasi:sockets/udp#[method]incoming-datagram-stream.subscribe", A, R);
  uint32_t Pollable = at<uint32_t>(R, 0);
  uint32_t Timeout = weld_wasi_monotonic_subscribe_duration(C, 5000000000u);
  uint32_t Waits[] = {Pollable, Timeout}, Ready[2];
  size_t NReady = 0;
  ASSERT_EQ(weld_wasi_poll(C, Waits, 2, Ready, &NReady), 0);
  ASSERT_EQ(Ready[0], 0u);
  weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, Pollable);
  weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, Timeout);
  set<uint64_t>(A, 8, 4);
  Call("wasi:sockets/udp#[method]incoming-datagram-stream.receive", A, R);
  ASSERT_EQ(R[0], 0);
  ASSERT_EQ(at<uint64_t>(R, 16), 1u);
  auto *E = reinterpret_cast<const uint8_t *>(at<uint64_t>(R, 8));
  EXPECT_EQ(std::string(reinterpret_cast<const char *>(at<uint64_t>(E, 0)),
                        at<uint64_t>(E, 8)),
            "datagram");
  EXPECT_EQ(E[16], 1);
  EXPECT_EQ(at<uint16_t>(E, 20), Port);
  EXPECT_EQ(at<uint16_t>(E, 16 + 4 + 8 + 14), 1);
  weld_wasi_drop(C, WELD_WASI_KIND_INCOMING_DATAGRAM_STREAM, In);
  weld_wasi_drop(C, WELD_WASI_KIND_OUTGOING_DATAGRAM_STREAM, Out);
  weld_wasi_drop(C, WELD_WASI_KIND_UDP_SOCKET, S);

  // resolve-addresses(network, name) -> result<own<stream>> at 4; then
  // result<option<ip-address>>: option tag at 2, ip-address at 4.
  static const char Name[] = "::1";
  set<uint32_t>(A, 0, Net);
  set<uint64_t>(A, 8, reinterpret_cast<uint64_t>(Name));
  set<uint64_t>(A, 16, 3);
  Call("wasi:sockets/ip-name-lookup#resolve-addresses", A, R);
  ASSERT_EQ(R[0], 0);
  set<uint32_t>(A, 0, at<uint32_t>(R, 4));
  memset(R, 0xAA, sizeof R);
  Call("wasi:sockets/ip-name-lookup#[method]resolve-address-stream."
       "resolve-next-address",
       A, R);
  ASSERT_EQ(R[0], 0);
  EXPECT_EQ(R[2], 1);
  EXPECT_EQ(R[4], 1);
  EXPECT_EQ(at<uint16_t>(R, 6), 0);
  EXPECT_EQ(at<uint16_t>(R, 20), 1);
  Call("wasi:sockets/ip-name-lookup#[method]resolve-address-stream."
       "resolve-next-address",
       A, R);
  EXPECT_EQ(R[0], 0);
  EXPECT_EQ(R[2], 0);
  // An invalid name: the error code at the payload offset 4.
  set<uint32_t>(A, 0, Net);
  set<uint64_t>(A, 16, 0);
  Call("wasi:sockets/ip-name-lookup#resolve-addresses", A, R);
  EXPECT_EQ(R[0], 1);
  EXPECT_EQ(R[4], WELD_WASI_NET_INVALID_ARGUMENT - 1);
  free(H.scratch);
  weld_wasi_ctx_free(C);
}
