//===- BindSockets.cpp - wasi:sockets imports of a command ----------------===//
//
// The wasi:sockets half of the import bindings (see Bind.cpp for the layout
// rules): network, instance-network, tcp, tcp-create-socket, udp,
// udp-create-socket and ip-name-lookup. Every fallible function returns
// result<T, error-code> with error-code an enum (one byte), so the error
// sits at the payload offset of T.
//
// The WIT variants have their own native layout, which differs from the
// WASI host's structs, so they are converted field by field:
//
//   ip-address         u8 tag; payload at 2: ipv4 tuple<u8 x4> or ipv6
//                      tuple<u16 x8>                      (size 18, align 2)
//   ip-socket-address  u8 tag; payload at 4: ipv4 {port u16 @0, address
//                      @2}, ipv6 {port u16 @0, flow-info u32 @4, address
//                      @8, scope-id u32 @24}              (size 32, align 4)
//   incoming-datagram  {data list<u8> @0, remote-address @16} (size 48)
//   outgoing-datagram  {data list<u8> @0, remote-address option @16: tag
//                      @16, ip-socket-address @20}        (size 56)
//
// A method's `self` is at 0, a borrowed network at 4 and an address
// parameter at 8; results holding handles keep them from 4, results
// holding an ip-socket-address too, 64-bit payloads at 8.
//
//===----------------------------------------------------------------------===//

#include "Bind.h"

namespace weld::wasibind {

namespace {
/// Sizes of the WIT records above in the native layout.
constexpr size_t IncomingDatagramSize = 48;
constexpr size_t OutgoingDatagramSize = 56;
} // namespace

/// result<T, error-code> with the payload at Off.
static bool netResult(void *C, void *R, size_t Off, int32_t Status) {
  return fsResult(C, R, Off, Status);
}

/// Reads the ip-socket-address at Off. The adapter has checked the tag;
/// anything but ipv4 is read as ipv6 (and the host checks the family).
static weld_wasi_socket_address socketAddress(const void *A, size_t Off) {
  weld_wasi_socket_address S{};
  uint8_t Tag = get<uint8_t>(A, Off);
  S.address.family = Tag == WELD_WASI_IPV4 ? WELD_WASI_IPV4 : WELD_WASI_IPV6;
  S.port = get<uint16_t>(A, Off + 4);
  if (S.address.family == WELD_WASI_IPV4) {
    for (int I = 0; I < 4; ++I)
      S.address.v4[I] = get<uint8_t>(A, Off + 6 + I);
    return S;
  }
  S.flow_info = get<uint32_t>(A, Off + 8);
  for (int I = 0; I < 8; ++I)
    S.address.v6[I] = get<uint16_t>(A, Off + 12 + 2 * I);
  S.scope_id = get<uint32_t>(A, Off + 28);
  return S;
}

static void putSocketAddress(void *R, size_t Off,
                             const weld_wasi_socket_address &S) {
  memset(static_cast<char *>(R) + Off, 0, 32);
  put<uint8_t>(R, Off, S.address.family);
  put<uint16_t>(R, Off + 4, S.port);
  if (S.address.family == WELD_WASI_IPV4) {
    for (int I = 0; I < 4; ++I)
      put<uint8_t>(R, Off + 6 + I, S.address.v4[I]);
    return;
  }
  put<uint32_t>(R, Off + 8, S.flow_info);
  for (int I = 0; I < 8; ++I)
    put<uint16_t>(R, Off + 12 + 2 * I, S.address.v6[I]);
  put<uint32_t>(R, Off + 28, S.scope_id);
}

static void putIpAddress(void *R, size_t Off, const weld_wasi_ip_address &A) {
  memset(static_cast<char *>(R) + Off, 0, 18);
  put<uint8_t>(R, Off, A.family);
  if (A.family == WELD_WASI_IPV4) {
    for (int I = 0; I < 4; ++I)
      put<uint8_t>(R, Off + 2 + I, A.v4[I]);
    return;
  }
  for (int I = 0; I < 8; ++I)
    put<uint16_t>(R, Off + 2 + 2 * I, A.v6[I]);
}

//===-- Shared shapes -----------------------------------------------------===//

/// (self) -> result<_, error-code>.
using UnitFn = int32_t (*)(weld_wasi_ctx *, uint32_t);
static void unitOp(void *C, const void *A, void *R, UnitFn F) {
  netResult(C, R, 1, F(ctx(C), get<uint32_t>(A, 0)));
}

/// (self, network, ip-socket-address) -> result<_, error-code>.
using AddressFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint32_t,
                              const weld_wasi_socket_address *);
static void addressOp(void *C, const void *A, void *R, AddressFn F) {
  weld_wasi_socket_address S = socketAddress(A, 8);
  netResult(C, R, 1, F(ctx(C), get<uint32_t>(A, 0), get<uint32_t>(A, 4), &S));
}

/// (self) -> result<ip-socket-address, error-code>.
using GetAddressFn = int32_t (*)(weld_wasi_ctx *, uint32_t,
                                 weld_wasi_socket_address *);
static void getAddress(void *C, const void *A, void *R, GetAddressFn F) {
  weld_wasi_socket_address S{};
  if (netResult(C, R, 4, F(ctx(C), get<uint32_t>(A, 0), &S)))
    putSocketAddress(R, 4, S);
}

/// (self) -> ip-address-family.
using FamilyFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint8_t *);
static void family(void *C, const void *A, void *R, FamilyFn F) {
  uint8_t V = 0;
  check(C, F(ctx(C), get<uint32_t>(A, 0), &V));
  put<uint8_t>(R, 0, V);
}

/// (self) -> own<pollable>.
using SubscribeFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint32_t *);
static void subscribe(void *C, const void *A, void *R, SubscribeFn F) {
  uint32_t P = 0;
  check(C, F(ctx(C), get<uint32_t>(A, 0), &P));
  put<uint32_t>(R, 0, P);
}

/// (self) -> result<u8 | bool, error-code>; (self, u8 | bool) -> result.
using GetU8Fn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint8_t *);
using SetU8Fn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint8_t);
static void getU8(void *C, const void *A, void *R, GetU8Fn F) {
  uint8_t V = 0;
  if (netResult(C, R, 1, F(ctx(C), get<uint32_t>(A, 0), &V)))
    put<uint8_t>(R, 1, V);
}
static void setU8(void *C, const void *A, void *R, SetU8Fn F) {
  netResult(C, R, 1, F(ctx(C), get<uint32_t>(A, 0), get<uint8_t>(A, 4)));
}

/// (self) -> result<u64, error-code>; (self, u64) -> result.
using GetU64Fn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint64_t *);
using SetU64Fn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint64_t);
static void getU64(void *C, const void *A, void *R, GetU64Fn F) {
  uint64_t V = 0;
  if (netResult(C, R, 8, F(ctx(C), get<uint32_t>(A, 0), &V)))
    put<uint64_t>(R, 8, V);
}
static void setU64(void *C, const void *A, void *R, SetU64Fn F) {
  netResult(C, R, 1, F(ctx(C), get<uint32_t>(A, 0), get<uint64_t>(A, 8)));
}

/// (ip-address-family) -> result<own<socket>, error-code>.
using CreateFn = int32_t (*)(weld_wasi_ctx *, uint8_t, uint32_t *);
static void create(void *C, const void *A, void *R, CreateFn F) {
  uint32_t S = 0;
  if (netResult(C, R, 4, F(ctx(C), get<uint8_t>(A, 0), &S)))
    put<uint32_t>(R, 4, S);
}

//===-- wasi:sockets/network, instance-network ----------------------------===//

void bind_instance_network(void *C, const void *, void *R) {
  uint32_t N = weld_wasi_instance_network(ctx(C));
  if (!N)
    outOfMemory(C);
  put<uint32_t>(R, 0, N);
}

/// network-error-code(borrow<error>) -> option<error-code>.
void bind_network_error_code(void *C, const void *A, void *R) {
  uint8_t Some = 0, Code = 0;
  check(C, weld_wasi_network_error_code(ctx(C), get<uint32_t>(A, 0), &Some,
                                        &Code));
  put<uint8_t>(R, 0, Some);
  // The host gives the discriminant plus one, as for its statuses.
  put<uint8_t>(R, 1, Some && Code ? uint8_t(Code - 1) : 0);
}

//===-- wasi:sockets/tcp, tcp-create-socket -------------------------------===//

void bind_create_tcp_socket(void *C, const void *A, void *R) {
  create(C, A, R, weld_wasi_create_tcp_socket);
}

void bind_tcp_start_bind(void *C, const void *A, void *R) {
  addressOp(C, A, R, weld_wasi_tcp_start_bind);
}
void bind_tcp_finish_bind(void *C, const void *A, void *R) {
  unitOp(C, A, R, weld_wasi_tcp_finish_bind);
}
void bind_tcp_start_connect(void *C, const void *A, void *R) {
  addressOp(C, A, R, weld_wasi_tcp_start_connect);
}

/// -> result<tuple<own<input-stream>, own<output-stream>>, error-code>.
void bind_tcp_finish_connect(void *C, const void *A, void *R) {
  uint32_t In = 0, Out = 0;
  if (netResult(C, R, 4,
                weld_wasi_tcp_finish_connect(ctx(C), get<uint32_t>(A, 0), &In,
                                             &Out))) {
    put<uint32_t>(R, 4, In);
    put<uint32_t>(R, 8, Out);
  }
}

void bind_tcp_start_listen(void *C, const void *A, void *R) {
  unitOp(C, A, R, weld_wasi_tcp_start_listen);
}
void bind_tcp_finish_listen(void *C, const void *A, void *R) {
  unitOp(C, A, R, weld_wasi_tcp_finish_listen);
}

/// -> result<tuple<own<tcp-socket>, own<input-stream>,
/// own<output-stream>>, error-code>.
void bind_tcp_accept(void *C, const void *A, void *R) {
  uint32_t S = 0, In = 0, Out = 0;
  if (netResult(C, R, 4,
                weld_wasi_tcp_accept(ctx(C), get<uint32_t>(A, 0), &S, &In,
                                     &Out))) {
    put<uint32_t>(R, 4, S);
    put<uint32_t>(R, 8, In);
    put<uint32_t>(R, 12, Out);
  }
}

void bind_tcp_local_address(void *C, const void *A, void *R) {
  getAddress(C, A, R, weld_wasi_tcp_local_address);
}
void bind_tcp_remote_address(void *C, const void *A, void *R) {
  getAddress(C, A, R, weld_wasi_tcp_remote_address);
}

void bind_tcp_is_listening(void *C, const void *A, void *R) {
  uint8_t V = 0;
  check(C, weld_wasi_tcp_is_listening(ctx(C), get<uint32_t>(A, 0), &V));
  put<uint8_t>(R, 0, V != 0);
}
void bind_tcp_address_family(void *C, const void *A, void *R) {
  family(C, A, R, weld_wasi_tcp_address_family);
}

void bind_tcp_set_listen_backlog_size(void *C, const void *A, void *R) {
  setU64(C, A, R, weld_wasi_tcp_set_listen_backlog_size);
}
void bind_tcp_keep_alive_enabled(void *C, const void *A, void *R) {
  getU8(C, A, R, weld_wasi_tcp_keep_alive_enabled);
}
void bind_tcp_set_keep_alive_enabled(void *C, const void *A, void *R) {
  setU8(C, A, R, weld_wasi_tcp_set_keep_alive_enabled);
}
void bind_tcp_keep_alive_idle_time(void *C, const void *A, void *R) {
  getU64(C, A, R, weld_wasi_tcp_keep_alive_idle_time);
}
void bind_tcp_set_keep_alive_idle_time(void *C, const void *A, void *R) {
  setU64(C, A, R, weld_wasi_tcp_set_keep_alive_idle_time);
}
void bind_tcp_keep_alive_interval(void *C, const void *A, void *R) {
  getU64(C, A, R, weld_wasi_tcp_keep_alive_interval);
}
void bind_tcp_set_keep_alive_interval(void *C, const void *A, void *R) {
  setU64(C, A, R, weld_wasi_tcp_set_keep_alive_interval);
}

/// keep-alive-count: result<u32, error-code> (payload at 4), u32 at 4.
void bind_tcp_keep_alive_count(void *C, const void *A, void *R) {
  uint32_t V = 0;
  if (netResult(C, R, 4,
                weld_wasi_tcp_keep_alive_count(ctx(C), get<uint32_t>(A, 0),
                                               &V)))
    put<uint32_t>(R, 4, V);
}
void bind_tcp_set_keep_alive_count(void *C, const void *A, void *R) {
  netResult(C, R, 1,
            weld_wasi_tcp_set_keep_alive_count(ctx(C), get<uint32_t>(A, 0),
                                               get<uint32_t>(A, 4)));
}

void bind_tcp_hop_limit(void *C, const void *A, void *R) {
  getU8(C, A, R, weld_wasi_tcp_hop_limit);
}
void bind_tcp_set_hop_limit(void *C, const void *A, void *R) {
  setU8(C, A, R, weld_wasi_tcp_set_hop_limit);
}
void bind_tcp_receive_buffer_size(void *C, const void *A, void *R) {
  getU64(C, A, R, weld_wasi_tcp_receive_buffer_size);
}
void bind_tcp_set_receive_buffer_size(void *C, const void *A, void *R) {
  setU64(C, A, R, weld_wasi_tcp_set_receive_buffer_size);
}
void bind_tcp_send_buffer_size(void *C, const void *A, void *R) {
  getU64(C, A, R, weld_wasi_tcp_send_buffer_size);
}
void bind_tcp_set_send_buffer_size(void *C, const void *A, void *R) {
  setU64(C, A, R, weld_wasi_tcp_set_send_buffer_size);
}
void bind_tcp_subscribe(void *C, const void *A, void *R) {
  subscribe(C, A, R, weld_wasi_tcp_subscribe);
}
void bind_tcp_shutdown(void *C, const void *A, void *R) {
  setU8(C, A, R, weld_wasi_tcp_shutdown);
}

//===-- wasi:sockets/udp, udp-create-socket -------------------------------===//

void bind_create_udp_socket(void *C, const void *A, void *R) {
  create(C, A, R, weld_wasi_create_udp_socket);
}

void bind_udp_start_bind(void *C, const void *A, void *R) {
  addressOp(C, A, R, weld_wasi_udp_start_bind);
}
void bind_udp_finish_bind(void *C, const void *A, void *R) {
  unitOp(C, A, R, weld_wasi_udp_finish_bind);
}

/// stream(option<ip-socket-address>: tag at 4, address at 8) ->
/// result<tuple<own<incoming-datagram-stream>,
/// own<outgoing-datagram-stream>>, error-code>.
void bind_udp_stream(void *C, const void *A, void *R) {
  weld_wasi_socket_address Remote{};
  bool Some = get<uint8_t>(A, 4) != 0;
  if (Some)
    Remote = socketAddress(A, 8);
  uint32_t In = 0, Out = 0;
  if (netResult(C, R, 4,
                weld_wasi_udp_stream(ctx(C), get<uint32_t>(A, 0),
                                     Some ? &Remote : nullptr, &In, &Out))) {
    put<uint32_t>(R, 4, In);
    put<uint32_t>(R, 8, Out);
  }
}

void bind_udp_local_address(void *C, const void *A, void *R) {
  getAddress(C, A, R, weld_wasi_udp_local_address);
}
void bind_udp_remote_address(void *C, const void *A, void *R) {
  getAddress(C, A, R, weld_wasi_udp_remote_address);
}
void bind_udp_address_family(void *C, const void *A, void *R) {
  family(C, A, R, weld_wasi_udp_address_family);
}
void bind_udp_unicast_hop_limit(void *C, const void *A, void *R) {
  getU8(C, A, R, weld_wasi_udp_unicast_hop_limit);
}
void bind_udp_set_unicast_hop_limit(void *C, const void *A, void *R) {
  setU8(C, A, R, weld_wasi_udp_set_unicast_hop_limit);
}
void bind_udp_receive_buffer_size(void *C, const void *A, void *R) {
  getU64(C, A, R, weld_wasi_udp_receive_buffer_size);
}
void bind_udp_set_receive_buffer_size(void *C, const void *A, void *R) {
  setU64(C, A, R, weld_wasi_udp_set_receive_buffer_size);
}
void bind_udp_send_buffer_size(void *C, const void *A, void *R) {
  getU64(C, A, R, weld_wasi_udp_send_buffer_size);
}
void bind_udp_set_send_buffer_size(void *C, const void *A, void *R) {
  setU64(C, A, R, weld_wasi_udp_set_send_buffer_size);
}
void bind_udp_subscribe(void *C, const void *A, void *R) {
  subscribe(C, A, R, weld_wasi_udp_subscribe);
}

/// receive(max-results: u64) -> result<list<incoming-datagram>,
/// error-code>: the host's datagrams are rewritten in the native layout
/// into the host's scratch memory; their bytes stay in the context's.
void bind_incoming_receive(void *C, const void *A, void *R) {
  const weld_wasi_incoming_datagram *In = nullptr;
  size_t N = 0;
  if (!netResult(C, R, 8,
                 weld_wasi_incoming_datagram_stream_receive(
                     ctx(C), get<uint32_t>(A, 0), get<uint64_t>(A, 8), &In,
                     &N)))
    return;
  auto *Out = static_cast<char *>(scratch(C, N * IncomingDatagramSize));
  for (size_t I = 0; I < N; ++I) {
    char *E = Out + I * IncomingDatagramSize;
    putSpan(E, 0, In[I].data.ptr, In[I].data.len);
    putSocketAddress(E, 16, In[I].remote_address);
  }
  putSpan(R, 8, N ? Out : nullptr, N);
}

void bind_incoming_subscribe(void *C, const void *A, void *R) {
  subscribe(C, A, R, weld_wasi_incoming_datagram_stream_subscribe);
}

void bind_outgoing_check_send(void *C, const void *A, void *R) {
  getU64(C, A, R, weld_wasi_outgoing_datagram_stream_check_send);
}

/// send(datagrams: list<outgoing-datagram>) -> result<u64, error-code>:
/// the list (native layout, at 8) is rewritten as weld_wasi structs.
void bind_outgoing_send(void *C, const void *A, void *R) {
  Span L = span(A, 8);
  if (L.Len > SIZE_MAX / sizeof(weld_wasi_outgoing_datagram))
    outOfMemory(C);
  auto *Ds = static_cast<weld_wasi_outgoing_datagram *>(
      scratch(C, L.Len * sizeof(weld_wasi_outgoing_datagram)));
  for (size_t I = 0; I < L.Len; ++I) {
    const char *E = L.Ptr + I * OutgoingDatagramSize;
    Span Data = span(E, 0);
    Ds[I] = weld_wasi_outgoing_datagram{};
    Ds[I].data = {reinterpret_cast<const uint8_t *>(Data.Ptr), Data.Len};
    Ds[I].has_remote_address = get<uint8_t>(E, 16) != 0;
    if (Ds[I].has_remote_address)
      Ds[I].remote_address = socketAddress(E, 20);
  }
  uint64_t Sent = 0;
  if (netResult(C, R, 8,
                weld_wasi_outgoing_datagram_stream_send(
                    ctx(C), get<uint32_t>(A, 0), Ds, L.Len, &Sent)))
    put<uint64_t>(R, 8, Sent);
}

void bind_outgoing_subscribe(void *C, const void *A, void *R) {
  subscribe(C, A, R, weld_wasi_outgoing_datagram_stream_subscribe);
}

//===-- wasi:sockets/ip-name-lookup ---------------------------------------===//

/// resolve-addresses(borrow<network>, name: string) ->
/// result<own<resolve-address-stream>, error-code>.
void bind_resolve_addresses(void *C, const void *A, void *R) {
  Span Name = span(A, 8);
  uint32_t S = 0;
  if (netResult(C, R, 4,
                weld_wasi_resolve_addresses(ctx(C), get<uint32_t>(A, 0),
                                            Name.Ptr, Name.Len, &S)))
    put<uint32_t>(R, 4, S);
}

/// -> result<option<ip-address>, error-code>: the option at 2 (its tag),
/// the ip-address at 4.
void bind_resolve_next_address(void *C, const void *A, void *R) {
  uint8_t Some = 0;
  weld_wasi_ip_address Addr{};
  if (!netResult(C, R, 2,
                 weld_wasi_resolve_next_address(ctx(C), get<uint32_t>(A, 0),
                                                &Some, &Addr)))
    return;
  put<uint8_t>(R, 2, Some != 0);
  if (Some)
    putIpAddress(R, 4, Addr);
}

void bind_resolve_subscribe(void *C, const void *A, void *R) {
  subscribe(C, A, R, weld_wasi_resolve_address_stream_subscribe);
}

} // namespace weld::wasibind
