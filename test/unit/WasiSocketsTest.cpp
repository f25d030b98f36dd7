//===- WasiSocketsTest.cpp - wasi:sockets host over loopback --------------===//
//
// TCP echo and UDP datagrams between two sockets of one context, on
// 127.0.0.1 only, with every wait bounded by a deadline pollable; and the
// refusals a policy without (or with a narrower) network grant gives.
//
//===----------------------------------------------------------------------===//

#include "weld/wasi.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

struct CtxDeleter {
  void operator()(weld_wasi_ctx *C) const { weld_wasi_ctx_free(C); }
};
using CtxPtr = std::unique_ptr<weld_wasi_ctx, CtxDeleter>;

CtxPtr makeCtx(const std::vector<const char *> &Grants, bool Lookup = false) {
  weld_wasi_policy *P = weld_wasi_policy_new();
  for (const char *G : Grants)
    EXPECT_EQ(weld_wasi_policy_allow_net(P, G), nullptr) << G;
  if (Lookup)
    weld_wasi_policy_allow_name_lookup(P);
  const char *Argv[] = {"prog"};
  weld_wasi_ctx *C = weld_wasi_ctx_new(P, 1, Argv, nullptr);
  weld_wasi_policy_free(P);
  return CtxPtr(C);
}

weld_wasi_socket_address loopback(uint16_t Port) {
  weld_wasi_socket_address A = {};
  A.address.family = WELD_WASI_IPV4;
  A.address.v4[0] = 127;
  A.address.v4[3] = 1;
  A.port = Port;
  return A;
}

/// Waits (at most 5 s) until Pollable is ready; false on timeout.
bool waitFor(weld_wasi_ctx *C, uint32_t Pollable) {
  uint32_t Timeout = weld_wasi_monotonic_subscribe_duration(C, 5000000000u);
  uint32_t In[] = {Pollable, Timeout}, Out[2];
  size_t N = 0;
  EXPECT_EQ(weld_wasi_poll(C, In, 2, Out, &N), 0);
  weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, Timeout);
  return N >= 1 && Out[0] == 0;
}

} // namespace

TEST(WasiSockets, PolicyParsing) {
  weld_wasi_policy *P = weld_wasi_policy_new();
  EXPECT_EQ(weld_wasi_policy_allow_net(P, "127.0.0.0/8"), nullptr);
  EXPECT_EQ(weld_wasi_policy_allow_net(P, "127.0.0.1:8080"), nullptr);
  EXPECT_EQ(weld_wasi_policy_allow_net(P, "[::1]:80"), nullptr);
  EXPECT_EQ(weld_wasi_policy_allow_net(P, "::1/128"), nullptr);
  EXPECT_EQ(weld_wasi_policy_allow_net(P, "*"), nullptr);
  EXPECT_NE(weld_wasi_policy_allow_net(P, "127.0.0.1/33"), nullptr);
  EXPECT_NE(weld_wasi_policy_allow_net(P, "example"), nullptr);
  EXPECT_NE(weld_wasi_policy_allow_net(P, "127.0.0.1:0"), nullptr);
  EXPECT_NE(weld_wasi_policy_allow_net(P, ""), nullptr);
  weld_wasi_policy_free(P);
}

TEST(WasiSockets, RefusedWithoutAGrant) {
  auto C = makeCtx({});
  uint32_t S;
  EXPECT_EQ(weld_wasi_create_tcp_socket(C.get(), WELD_WASI_IPV4, &S),
            WELD_WASI_NET_ACCESS_DENIED);
  EXPECT_EQ(weld_wasi_create_udp_socket(C.get(), WELD_WASI_IPV4, &S),
            WELD_WASI_NET_ACCESS_DENIED);
  uint32_t Net = weld_wasi_instance_network(C.get());
  std::string Name = "localhost";
  EXPECT_EQ(weld_wasi_resolve_addresses(C.get(), Net, Name.data(), Name.size(),
                                        &S),
            WELD_WASI_NET_PERMANENT_RESOLVER_FAILURE);
}

TEST(WasiSockets, GrantsAreChecked) {
  // Only port 9 of 127.0.0.1 is granted: binding elsewhere and connecting
  // to other addresses is refused before any packet leaves.
  auto C = makeCtx({"127.0.0.1:9"});
  uint32_t Net = weld_wasi_instance_network(C.get());
  uint32_t S;
  ASSERT_EQ(weld_wasi_create_tcp_socket(C.get(), WELD_WASI_IPV4, &S), 0);
  weld_wasi_socket_address A = loopback(0);
  EXPECT_EQ(weld_wasi_tcp_start_bind(C.get(), S, Net, &A),
            WELD_WASI_NET_ACCESS_DENIED);
  A = loopback(10);
  EXPECT_EQ(weld_wasi_tcp_start_connect(C.get(), S, Net, &A),
            WELD_WASI_NET_ACCESS_DENIED);
  A.address.v4[3] = 2;
  A.port = 9;
  EXPECT_EQ(weld_wasi_tcp_start_connect(C.get(), S, Net, &A),
            WELD_WASI_NET_ACCESS_DENIED);
  // Argument rules come before the policy.
  A = loopback(0);
  EXPECT_EQ(weld_wasi_tcp_start_connect(C.get(), S, Net, &A),
            WELD_WASI_NET_INVALID_ARGUMENT);
  weld_wasi_socket_address V6 = {};
  V6.address.family = WELD_WASI_IPV6;
  V6.address.v6[7] = 1;
  V6.port = 9;
  EXPECT_EQ(weld_wasi_tcp_start_connect(C.get(), S, Net, &V6),
            WELD_WASI_NET_INVALID_ARGUMENT);
  // State machine: nothing in progress, not bound, not connected.
  EXPECT_EQ(weld_wasi_tcp_finish_bind(C.get(), S),
            WELD_WASI_NET_NOT_IN_PROGRESS);
  EXPECT_EQ(weld_wasi_tcp_start_listen(C.get(), S),
            WELD_WASI_NET_INVALID_STATE);
  uint32_t In, Out;
  EXPECT_EQ(weld_wasi_tcp_finish_connect(C.get(), S, &In, &Out),
            WELD_WASI_NET_NOT_IN_PROGRESS);
  weld_wasi_socket_address Local;
  EXPECT_EQ(weld_wasi_tcp_local_address(C.get(), S, &Local),
            WELD_WASI_NET_INVALID_STATE);
  EXPECT_EQ(weld_wasi_tcp_shutdown(C.get(), S, WELD_WASI_SHUTDOWN_BOTH),
            WELD_WASI_NET_INVALID_STATE);
}

TEST(WasiSockets, TcpEchoOverLoopback) {
  auto Ctx = makeCtx({"127.0.0.1"});
  weld_wasi_ctx *C = Ctx.get();
  uint32_t Net = weld_wasi_instance_network(C);
  uint32_t Server, Client;
  ASSERT_EQ(weld_wasi_create_tcp_socket(C, WELD_WASI_IPV4, &Server), 0);
  weld_wasi_socket_address A = loopback(0);
  ASSERT_EQ(weld_wasi_tcp_start_bind(C, Server, Net, &A), 0);
  ASSERT_EQ(weld_wasi_tcp_finish_bind(C, Server), 0);
  EXPECT_EQ(weld_wasi_tcp_set_listen_backlog_size(C, Server, 4), 0);
  ASSERT_EQ(weld_wasi_tcp_start_listen(C, Server), 0);
  ASSERT_EQ(weld_wasi_tcp_finish_listen(C, Server), 0);
  uint8_t Listening;
  EXPECT_EQ(weld_wasi_tcp_is_listening(C, Server, &Listening), 0);
  EXPECT_EQ(Listening, 1);
  weld_wasi_socket_address Bound;
  ASSERT_EQ(weld_wasi_tcp_local_address(C, Server, &Bound), 0);
  ASSERT_NE(Bound.port, 0);
  EXPECT_EQ(Bound.address.v4[0], 127);

  uint32_t S0, I0, O0;
  EXPECT_EQ(weld_wasi_tcp_accept(C, Server, &S0, &I0, &O0),
            WELD_WASI_NET_WOULD_BLOCK);

  ASSERT_EQ(weld_wasi_create_tcp_socket(C, WELD_WASI_IPV4, &Client), 0);
  ASSERT_EQ(weld_wasi_tcp_start_connect(C, Client, Net, &Bound), 0);
  uint32_t CP;
  ASSERT_EQ(weld_wasi_tcp_subscribe(C, Client, &CP), 0);
  ASSERT_TRUE(waitFor(C, CP));
  uint32_t CIn, COut;
  ASSERT_EQ(weld_wasi_tcp_finish_connect(C, Client, &CIn, &COut), 0);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, CP), 0);

  uint32_t SP;
  ASSERT_EQ(weld_wasi_tcp_subscribe(C, Server, &SP), 0);
  ASSERT_TRUE(waitFor(C, SP));
  uint32_t Peer, PIn, POut;
  ASSERT_EQ(weld_wasi_tcp_accept(C, Server, &Peer, &PIn, &POut), 0);
  weld_wasi_socket_address Remote;
  ASSERT_EQ(weld_wasi_tcp_remote_address(C, Client, &Remote), 0);
  EXPECT_EQ(Remote.port, Bound.port);

  // Client -> server -> client, bounded.
  uint32_t Err;
  const std::string Msg = "ping over loopback";
  uint64_t Permit;
  ASSERT_EQ(weld_wasi_output_stream_check_write(C, COut, &Permit, &Err), 0);
  ASSERT_GE(Permit, Msg.size());
  ASSERT_EQ(weld_wasi_output_stream_write(
                C, COut, reinterpret_cast<const uint8_t *>(Msg.data()),
                Msg.size(), &Err),
            0);
  ASSERT_EQ(weld_wasi_output_stream_blocking_flush(C, COut, &Err), 0);
  std::string Got;
  for (int I = 0; I < 100 && Got.size() < Msg.size(); ++I) {
    uint32_t P;
    ASSERT_EQ(weld_wasi_input_stream_subscribe(C, PIn, &P), 0);
    ASSERT_TRUE(waitFor(C, P));
    weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, P);
    weld_wasi_bytes B;
    ASSERT_EQ(weld_wasi_input_stream_read(C, PIn, 1024, &B, &Err), 0);
    Got.append(reinterpret_cast<const char *>(B.ptr), B.len);
  }
  EXPECT_EQ(Got, Msg);
  ASSERT_EQ(weld_wasi_output_stream_blocking_write_and_flush(
                C, POut, reinterpret_cast<const uint8_t *>(Got.data()),
                Got.size(), &Err),
            0);
  std::string Echo;
  for (int I = 0; I < 100 && Echo.size() < Msg.size(); ++I) {
    weld_wasi_bytes B;
    ASSERT_EQ(weld_wasi_input_stream_blocking_read(C, CIn, 1024, &B, &Err), 0);
    Echo.append(reinterpret_cast<const char *>(B.ptr), B.len);
  }
  EXPECT_EQ(Echo, Msg);

  // Options.
  EXPECT_EQ(weld_wasi_tcp_set_keep_alive_enabled(C, Client, 1), 0);
  uint8_t On;
  EXPECT_EQ(weld_wasi_tcp_keep_alive_enabled(C, Client, &On), 0);
  EXPECT_EQ(On, 1);
  EXPECT_EQ(weld_wasi_tcp_set_keep_alive_idle_time(C, Client, 2000000000u), 0);
  uint64_t Idle;
  EXPECT_EQ(weld_wasi_tcp_keep_alive_idle_time(C, Client, &Idle), 0);
  EXPECT_EQ(Idle, 2000000000u);
  EXPECT_EQ(weld_wasi_tcp_set_hop_limit(C, Client, 0),
            WELD_WASI_NET_INVALID_ARGUMENT);
  EXPECT_EQ(weld_wasi_tcp_set_hop_limit(C, Client, 33), 0);
  uint8_t Hops;
  EXPECT_EQ(weld_wasi_tcp_hop_limit(C, Client, &Hops), 0);
  EXPECT_EQ(Hops, 33);

  // A socket with live streams cannot be dropped.
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_TCP_SOCKET, Client),
            WELD_WASI_TRAP);
  // Shutting down the client's send side ends the peer's input.
  EXPECT_EQ(weld_wasi_tcp_shutdown(C, Client, WELD_WASI_SHUTDOWN_SEND), 0);
  weld_wasi_bytes B;
  EXPECT_EQ(weld_wasi_input_stream_blocking_read(C, PIn, 10, &B, &Err),
            WELD_WASI_STREAM_CLOSED);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_INPUT_STREAM, CIn), 0);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_OUTPUT_STREAM, COut), 0);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_TCP_SOCKET, Client), 0);
}

TEST(WasiSockets, ConnectionRefusedIsReported) {
  auto Ctx = makeCtx({"127.0.0.1"});
  weld_wasi_ctx *C = Ctx.get();
  uint32_t Net = weld_wasi_instance_network(C);
  // Find a free port by binding and closing a socket.
  uint32_t Probe;
  ASSERT_EQ(weld_wasi_create_tcp_socket(C, WELD_WASI_IPV4, &Probe), 0);
  weld_wasi_socket_address A = loopback(0), Bound;
  ASSERT_EQ(weld_wasi_tcp_start_bind(C, Probe, Net, &A), 0);
  ASSERT_EQ(weld_wasi_tcp_finish_bind(C, Probe), 0);
  ASSERT_EQ(weld_wasi_tcp_local_address(C, Probe, &Bound), 0);
  ASSERT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_TCP_SOCKET, Probe), 0);
  uint32_t S;
  ASSERT_EQ(weld_wasi_create_tcp_socket(C, WELD_WASI_IPV4, &S), 0);
  int32_t R = weld_wasi_tcp_start_connect(C, S, Net, &Bound);
  if (R == 0) {
    uint32_t P;
    ASSERT_EQ(weld_wasi_tcp_subscribe(C, S, &P), 0);
    ASSERT_TRUE(waitFor(C, P));
    weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, P);
    uint32_t In, Out;
    R = weld_wasi_tcp_finish_connect(C, S, &In, &Out);
  }
  EXPECT_EQ(R, WELD_WASI_NET_CONNECTION_REFUSED);
}

TEST(WasiSockets, UdpOverLoopback) {
  auto Ctx = makeCtx({"127.0.0.1"});
  weld_wasi_ctx *C = Ctx.get();
  uint32_t Net = weld_wasi_instance_network(C);
  uint32_t Rx, Tx;
  ASSERT_EQ(weld_wasi_create_udp_socket(C, WELD_WASI_IPV4, &Rx), 0);
  ASSERT_EQ(weld_wasi_create_udp_socket(C, WELD_WASI_IPV4, &Tx), 0);
  uint32_t In, Out;
  EXPECT_EQ(weld_wasi_udp_stream(C, Rx, nullptr, &In, &Out),
            WELD_WASI_NET_INVALID_STATE);
  weld_wasi_socket_address A = loopback(0), RxAddr;
  ASSERT_EQ(weld_wasi_udp_start_bind(C, Rx, Net, &A), 0);
  ASSERT_EQ(weld_wasi_udp_finish_bind(C, Rx), 0);
  ASSERT_EQ(weld_wasi_udp_start_bind(C, Tx, Net, &A), 0);
  ASSERT_EQ(weld_wasi_udp_finish_bind(C, Tx), 0);
  ASSERT_EQ(weld_wasi_udp_local_address(C, Rx, &RxAddr), 0);

  uint32_t RxIn, RxOut, TxIn, TxOut;
  ASSERT_EQ(weld_wasi_udp_stream(C, Rx, nullptr, &RxIn, &RxOut), 0);
  ASSERT_EQ(weld_wasi_udp_stream(C, Tx, &RxAddr, &TxIn, &TxOut), 0);
  weld_wasi_socket_address Peer;
  ASSERT_EQ(weld_wasi_udp_remote_address(C, Tx, &Peer), 0);
  EXPECT_EQ(Peer.port, RxAddr.port);

  uint64_t Permit;
  ASSERT_EQ(weld_wasi_outgoing_datagram_stream_check_send(C, TxOut, &Permit),
            0);
  ASSERT_GE(Permit, 2u);
  const std::string M1 = "one", M2 = "two!";
  weld_wasi_outgoing_datagram D[2] = {};
  D[0].data = {reinterpret_cast<const uint8_t *>(M1.data()), M1.size()};
  D[1].data = {reinterpret_cast<const uint8_t *>(M2.data()), M2.size()};
  D[1].has_remote_address = 1;
  D[1].remote_address = RxAddr;
  uint64_t Sent;
  ASSERT_EQ(weld_wasi_outgoing_datagram_stream_send(C, TxOut, D, 2, &Sent), 0);
  EXPECT_EQ(Sent, 2u);

  std::vector<std::string> Got;
  for (int I = 0; I < 50 && Got.size() < 2; ++I) {
    uint32_t P;
    ASSERT_EQ(weld_wasi_incoming_datagram_stream_subscribe(C, RxIn, &P), 0);
    ASSERT_TRUE(waitFor(C, P));
    weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, P);
    const weld_wasi_incoming_datagram *List;
    size_t N;
    ASSERT_EQ(weld_wasi_incoming_datagram_stream_receive(C, RxIn, 10, &List,
                                                         &N),
              0);
    for (size_t K = 0; K < N; ++K) {
      Got.push_back(std::string(
          reinterpret_cast<const char *>(List[K].data.ptr), List[K].data.len));
      EXPECT_EQ(List[K].remote_address.address.v4[0], 127);
    }
  }
  ASSERT_EQ(Got.size(), 2u);
  EXPECT_EQ(Got[0], M1);
  EXPECT_EQ(Got[1], M2);

  // A second `stream` call retires the first pair.
  uint32_t RxIn2, RxOut2;
  ASSERT_EQ(weld_wasi_udp_stream(C, Rx, nullptr, &RxIn2, &RxOut2), 0);
  const weld_wasi_incoming_datagram *List;
  size_t N;
  EXPECT_EQ(weld_wasi_incoming_datagram_stream_receive(C, RxIn, 1, &List, &N),
            WELD_WASI_NET_INVALID_STATE);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_UDP_SOCKET, Rx), WELD_WASI_TRAP);
  // Sending beyond check-send traps.
  ASSERT_EQ(weld_wasi_outgoing_datagram_stream_check_send(C, TxOut, &Permit),
            0);
  std::vector<weld_wasi_outgoing_datagram> Many(Permit + 1, D[0]);
  EXPECT_EQ(weld_wasi_outgoing_datagram_stream_send(C, TxOut, Many.data(),
                                                    Many.size(), &Sent),
            WELD_WASI_TRAP);
}

TEST(WasiSockets, NameLookupOfLocalhost) {
  auto Ctx = makeCtx({"127.0.0.1"}, /*Lookup=*/true);
  weld_wasi_ctx *C = Ctx.get();
  uint32_t Net = weld_wasi_instance_network(C);
  uint32_t S;
  std::string Name = "localhost";
  ASSERT_EQ(weld_wasi_resolve_addresses(C, Net, Name.data(), Name.size(), &S),
            0);
  bool Loopback = false;
  int Count = 0;
  for (;;) {
    uint8_t Some;
    weld_wasi_ip_address A;
    ASSERT_EQ(weld_wasi_resolve_next_address(C, S, &Some, &A), 0);
    if (!Some)
      break;
    ++Count;
    if (A.family == WELD_WASI_IPV4 && A.v4[0] == 127)
      Loopback = true;
    if (A.family == WELD_WASI_IPV6 && A.v6[7] == 1 && !A.v6[0])
      Loopback = true;
  }
  EXPECT_GE(Count, 1);
  EXPECT_TRUE(Loopback);
  // IP literals resolve to themselves; junk is an invalid argument.
  Name = "127.0.0.1";
  ASSERT_EQ(weld_wasi_resolve_addresses(C, Net, Name.data(), Name.size(), &S),
            0);
  uint8_t Some;
  weld_wasi_ip_address A;
  ASSERT_EQ(weld_wasi_resolve_next_address(C, S, &Some, &A), 0);
  EXPECT_EQ(Some, 1);
  EXPECT_EQ(A.v4[3], 1);
  EXPECT_EQ(weld_wasi_resolve_addresses(C, Net, "", 0, &S),
            WELD_WASI_NET_INVALID_ARGUMENT);
}

TEST(WasiSockets, BulkTransferRespectsCheckWrite) {
  auto Ctx = makeCtx({"127.0.0.1"});
  weld_wasi_ctx *C = Ctx.get();
  uint32_t Net = weld_wasi_instance_network(C);
  uint32_t Server, Client;
  ASSERT_EQ(weld_wasi_create_tcp_socket(C, WELD_WASI_IPV4, &Server), 0);
  weld_wasi_socket_address A = loopback(0), Bound;
  ASSERT_EQ(weld_wasi_tcp_start_bind(C, Server, Net, &A), 0);
  ASSERT_EQ(weld_wasi_tcp_finish_bind(C, Server), 0);
  ASSERT_EQ(weld_wasi_tcp_start_listen(C, Server), 0);
  ASSERT_EQ(weld_wasi_tcp_finish_listen(C, Server), 0);
  ASSERT_EQ(weld_wasi_tcp_local_address(C, Server, &Bound), 0);
  ASSERT_EQ(weld_wasi_create_tcp_socket(C, WELD_WASI_IPV4, &Client), 0);
  ASSERT_EQ(weld_wasi_tcp_start_connect(C, Client, Net, &Bound), 0);
  uint32_t P;
  ASSERT_EQ(weld_wasi_tcp_subscribe(C, Client, &P), 0);
  ASSERT_TRUE(waitFor(C, P));
  weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, P);
  uint32_t CIn, COut, Peer, PIn, POut, Err;
  ASSERT_EQ(weld_wasi_tcp_finish_connect(C, Client, &CIn, &COut), 0);
  ASSERT_EQ(weld_wasi_tcp_subscribe(C, Server, &P), 0);
  ASSERT_TRUE(waitFor(C, P));
  weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, P);
  ASSERT_EQ(weld_wasi_tcp_accept(C, Server, &Peer, &PIn, &POut), 0);

  // 8 MiB, more than socket buffers hold: the writer must see check-write
  // fall to 0 and wait on its pollable while the reader drains.
  const size_t Total = 8 << 20;
  std::vector<uint8_t> Chunk(1 << 16);
  size_t Sent = 0, Received = 0;
  uint64_t Sum = 0, Expected = 0;
  bool SawZero = false;
  uint32_t OutPoll, InPoll;
  ASSERT_EQ(weld_wasi_output_stream_subscribe(C, COut, &OutPoll), 0);
  ASSERT_EQ(weld_wasi_input_stream_subscribe(C, PIn, &InPoll), 0);
  for (int Round = 0; Round < 100000 && Received < Total; ++Round) {
    // Write until the stream pushes back (or everything is out).
    for (int K = 0; K < 10000 && Sent < Total; ++K) {
      uint64_t Permit;
      ASSERT_EQ(weld_wasi_output_stream_check_write(C, COut, &Permit, &Err),
                0);
      if (Permit == 0) {
        SawZero = true;
        break;
      }
      size_t N = std::min<size_t>({Permit, Chunk.size(), Total - Sent});
      for (size_t I = 0; I < N; ++I) {
        Chunk[I] = uint8_t((Sent + I) * 7);
        Expected += Chunk[I];
      }
      ASSERT_EQ(weld_wasi_output_stream_write(C, COut, Chunk.data(), N, &Err),
                0);
      Sent += N;
    }
    if (Sent == Total)
      ASSERT_EQ(weld_wasi_output_stream_flush(C, COut, &Err), 0);
    weld_wasi_bytes B;
    ASSERT_EQ(weld_wasi_input_stream_read(C, PIn, 1 << 20, &B, &Err), 0);
    for (size_t I = 0; I < B.len; ++I)
      Sum += B.ptr[I];
    Received += B.len;
    if (B.len == 0) {
      uint32_t In[] = {InPoll, OutPoll}, Out[2];
      size_t Count;
      ASSERT_EQ(weld_wasi_poll(C, In, 2, Out, &Count), 0);
    }
  }
  EXPECT_EQ(Sent, Total);
  EXPECT_EQ(Received, Total);
  EXPECT_EQ(Sum, Expected);
  EXPECT_TRUE(SawZero);
}

TEST(WasiSockets, StartingWhileInProgressIsAConflict) {
  auto Ctx = makeCtx({"127.0.0.1"});
  weld_wasi_ctx *C = Ctx.get();
  uint32_t Net = weld_wasi_instance_network(C);
  uint32_t S, U;
  ASSERT_EQ(weld_wasi_create_tcp_socket(C, WELD_WASI_IPV4, &S), 0);
  weld_wasi_socket_address A = loopback(0);
  ASSERT_EQ(weld_wasi_tcp_start_bind(C, S, Net, &A), 0);
  // bind-in-progress: another start is a conflict, as in wasmtime.
  EXPECT_EQ(weld_wasi_tcp_start_bind(C, S, Net, &A),
            WELD_WASI_NET_CONCURRENCY_CONFLICT);
  EXPECT_EQ(weld_wasi_tcp_start_listen(C, S),
            WELD_WASI_NET_CONCURRENCY_CONFLICT);
  ASSERT_EQ(weld_wasi_tcp_finish_bind(C, S), 0);
  // bound: binding again is the wrong state.
  EXPECT_EQ(weld_wasi_tcp_start_bind(C, S, Net, &A),
            WELD_WASI_NET_INVALID_STATE);
  ASSERT_EQ(weld_wasi_tcp_start_listen(C, S), 0);
  EXPECT_EQ(weld_wasi_tcp_start_listen(C, S),
            WELD_WASI_NET_CONCURRENCY_CONFLICT);
  ASSERT_EQ(weld_wasi_tcp_finish_listen(C, S), 0);
  EXPECT_EQ(weld_wasi_tcp_start_listen(C, S), WELD_WASI_NET_INVALID_STATE);
  ASSERT_EQ(weld_wasi_create_udp_socket(C, WELD_WASI_IPV4, &U), 0);
  ASSERT_EQ(weld_wasi_udp_start_bind(C, U, Net, &A), 0);
  EXPECT_EQ(weld_wasi_udp_start_bind(C, U, Net, &A),
            WELD_WASI_NET_CONCURRENCY_CONFLICT);
  ASSERT_EQ(weld_wasi_udp_finish_bind(C, U), 0);
  EXPECT_EQ(weld_wasi_udp_start_bind(C, U, Net, &A),
            WELD_WASI_NET_INVALID_STATE);
}

TEST(WasiSockets, InheritNetworkDoesNotGrantNameLookup) {
  weld_wasi_policy *P = weld_wasi_policy_new();
  weld_wasi_policy_inherit_network(P);
  const char *Argv[] = {"prog"};
  CtxPtr Ctx(weld_wasi_ctx_new(P, 1, Argv, nullptr));
  weld_wasi_policy_free(P);
  weld_wasi_ctx *C = Ctx.get();
  uint32_t Net = weld_wasi_instance_network(C), S;
  EXPECT_EQ(weld_wasi_resolve_addresses(C, Net, "localhost", 9, &S),
            WELD_WASI_NET_PERMANENT_RESOLVER_FAILURE);
  EXPECT_EQ(weld_wasi_create_tcp_socket(C, WELD_WASI_IPV4, &S), 0);
}

namespace {
/// Resolves Name: the status of resolve-addresses, then (when it
/// succeeded) the first address as text or the status of
/// resolve-next-address.
std::string resolve(weld_wasi_ctx *C, uint32_t Net, const std::string &Name) {
  uint32_t S;
  int32_t St = weld_wasi_resolve_addresses(C, Net, Name.data(), Name.size(),
                                           &S);
  if (St)
    return "error " + std::to_string(St);
  uint8_t Some = 0;
  weld_wasi_ip_address A;
  St = weld_wasi_resolve_next_address(C, S, &Some, &A);
  weld_wasi_drop(C, WELD_WASI_KIND_RESOLVE_ADDRESS_STREAM, S);
  if (St)
    return "next " + std::to_string(St);
  if (!Some)
    return "none";
  char Buf[64];
  if (A.family == WELD_WASI_IPV4)
    snprintf(Buf, sizeof Buf, "%u.%u.%u.%u", A.v4[0], A.v4[1], A.v4[2],
             A.v4[3]);
  else
    snprintf(Buf, sizeof Buf, "%x:%x:%x:%x:%x:%x:%x:%x", A.v6[0], A.v6[1],
             A.v6[2], A.v6[3], A.v6[4], A.v6[5], A.v6[6], A.v6[7]);
  return Buf;
}
} // namespace

TEST(WasiSockets, NamesAreReadAsByTheUrlHostParser) {
  auto Ctx = makeCtx({}, /*Lookup=*/true);
  weld_wasi_ctx *C = Ctx.get();
  uint32_t Net = weld_wasi_instance_network(C);
  std::string Invalid =
      "error " + std::to_string(WELD_WASI_NET_INVALID_ARGUMENT);
  // IPv4 in 1 to 4 parts, decimal, octal or hex, with a final dot.
  EXPECT_EQ(resolve(C, Net, "1.2.3"), "1.2.0.3");
  EXPECT_EQ(resolve(C, Net, "0x7f.1"), "127.0.0.1");
  EXPECT_EQ(resolve(C, Net, "0177.0.0.1."), "127.0.0.1");
  EXPECT_EQ(resolve(C, Net, "2130706433"), "127.0.0.1");
  EXPECT_EQ(resolve(C, Net, "1.2.3.256"), Invalid);
  EXPECT_EQ(resolve(C, Net, "1.2.3.4.5"), Invalid);
  EXPECT_EQ(resolve(C, Net, "4294967296"), Invalid);
  EXPECT_EQ(resolve(C, Net, "08.1.1.1"), Invalid);
  // A last label that is a number makes the name an IPv4 address.
  EXPECT_EQ(resolve(C, Net, "foo.123"), Invalid);
  EXPECT_EQ(resolve(C, Net, "foo.0x1f"), Invalid);
  // IPv6 in brackets or bare.
  EXPECT_EQ(resolve(C, Net, "[::1]"), "0:0:0:0:0:0:0:1");
  EXPECT_EQ(resolve(C, Net, "::ffff:1.2.3.4"), "0:0:0:0:0:ffff:102:304");
  EXPECT_EQ(resolve(C, Net, "[::1"), Invalid);
  EXPECT_EQ(resolve(C, Net, "[1.2.3.4]"), Invalid);
  // Percent-decoding first, then forbidden code points.
  EXPECT_EQ(resolve(C, Net, "%31.2.3.4"), "1.2.3.4");
  EXPECT_EQ(resolve(C, Net, "a%20b"), Invalid);
  EXPECT_EQ(resolve(C, Net, "a%"), Invalid);
  EXPECT_EQ(resolve(C, Net, std::string("a\0b", 3)), Invalid);
  for (const char *Bad : {"a b", "a/b", "a:b", "a@b", "a?b", "a#b", "a|b",
                          "a^b", "a<b", "a\\b", "a\tb", "a\x7f"})
    EXPECT_EQ(resolve(C, Net, Bad), Invalid) << Bad;
  EXPECT_EQ(resolve(C, Net, ""), Invalid);
  // A valid name that does not resolve fails in resolve-next-address,
  // once; then the stream is empty.
  std::string R = resolve(C, Net, "nonexistent.invalid");
  EXPECT_EQ(R, "next " + std::to_string(WELD_WASI_NET_NAME_UNRESOLVABLE));
  uint32_t S;
  ASSERT_EQ(weld_wasi_resolve_addresses(C, Net, "nonexistent.invalid", 19, &S),
            0);
  uint8_t Some = 1;
  weld_wasi_ip_address A;
  EXPECT_EQ(weld_wasi_resolve_next_address(C, S, &Some, &A),
            WELD_WASI_NET_NAME_UNRESOLVABLE);
  EXPECT_EQ(weld_wasi_resolve_next_address(C, S, &Some, &A), 0);
  EXPECT_EQ(Some, 0);
  // Without the grant even a bad name is a resolver failure (wasmtime).
  auto NoLookup = makeCtx({"127.0.0.1"});
  uint32_t Net2 = weld_wasi_instance_network(NoLookup.get());
  EXPECT_EQ(resolve(NoLookup.get(), Net2, "a b"),
            "error " +
                std::to_string(WELD_WASI_NET_PERMANENT_RESOLVER_FAILURE));
  // Long names are not refused for their length.
  std::string Long(300, 'a');
  EXPECT_EQ(resolve(C, Net, Long).rfind("next ", 0), 0u);
}
