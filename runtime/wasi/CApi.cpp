//===- CApi.cpp - the flat C ABI of the WASI host (weld/wasi.h) -----------===//
//
// Generated bindings call these functions; each forwards to the C++ core
// (Core.h) with nothing but argument adaptation, so the ABI stays a thin,
// stable shell over an implementation free to change. Policy and context
// construction live in Context.cpp.
//
//===----------------------------------------------------------------------===//

#include "Core.h"

#include <stdlib.h>
#include <time.h>

using namespace weld::wasi;

extern "C" {

const char *weld_wasi_trap_message(weld_wasi_ctx *C) {
  return C->TrapMessage ? C->TrapMessage : "";
}

void weld_wasi_ctx_set_exit(weld_wasi_ctx *C, weld_wasi_exit_fn Fn,
                            void *User) {
  C->ExitFn = Fn;
  C->ExitUser = User;
}

void weld_wasi_ctx_force_path_walk(weld_wasi_ctx *C, int On) {
  C->Resolver.ForceWalk = On != 0;
}

int32_t weld_wasi_drop(weld_wasi_ctx *C, weld_wasi_kind Kind, uint32_t H) {
  return drop(*C, Kind, H);
}

//===-- wasi:cli ----------------------------------------------------------===//

void weld_wasi_get_environment(weld_wasi_ctx *C, const weld_wasi_env_var **Out,
                               size_t *Count) {
  *Out = C->Env.data();
  *Count = C->Env.size();
}

void weld_wasi_get_arguments(weld_wasi_ctx *C, const weld_wasi_string **Out,
                             size_t *Count) {
  *Out = C->Args.data();
  *Count = C->Args.size();
}

int32_t weld_wasi_initial_cwd(weld_wasi_ctx *C, weld_wasi_string *Out) {
  if (!C->Policy.Cwd)
    return 0;
  *Out = {C->Policy.Cwd, strlen(C->Policy.Cwd)};
  return 1;
}

int32_t weld_wasi_exit_with_code(weld_wasi_ctx *C, uint8_t Code) {
  if (C->ExitFn) {
    C->ExitFn(C->ExitUser, Code);
    return trap(*C, "exit");
  }
  exit(Code);
}

int32_t weld_wasi_exit(weld_wasi_ctx *C, int32_t IsErr) {
  return weld_wasi_exit_with_code(C, IsErr ? 1 : 0);
}

uint32_t weld_wasi_get_stdin(weld_wasi_ctx *C) {
  return newStdStream(*C, 0, true);
}
uint32_t weld_wasi_get_stdout(weld_wasi_ctx *C) {
  return newStdStream(*C, 1, false);
}
uint32_t weld_wasi_get_stderr(weld_wasi_ctx *C) {
  return newStdStream(*C, 2, false);
}
int32_t weld_wasi_get_terminal_stdin(weld_wasi_ctx *C, uint32_t *Out) {
  return terminalFor(*C, 0, true, Out);
}
int32_t weld_wasi_get_terminal_stdout(weld_wasi_ctx *C, uint32_t *Out) {
  return terminalFor(*C, 1, false, Out);
}
int32_t weld_wasi_get_terminal_stderr(weld_wasi_ctx *C, uint32_t *Out) {
  return terminalFor(*C, 2, false, Out);
}

//===-- wasi:io -----------------------------------------------------------===//

int32_t weld_wasi_error_to_debug_string(weld_wasi_ctx *C, uint32_t Error,
                                        weld_wasi_string *Out) {
  return errorToDebugString(*C, Error, Out);
}
int32_t weld_wasi_pollable_ready(weld_wasi_ctx *C, uint32_t P,
                                 uint8_t *Ready) {
  return pollableReady(*C, P, Ready);
}
int32_t weld_wasi_pollable_block(weld_wasi_ctx *C, uint32_t P) {
  return pollableBlock(*C, P);
}
int32_t weld_wasi_poll(weld_wasi_ctx *C, const uint32_t *In, size_t N,
                       uint32_t *Out, size_t *Count) {
  return poll(*C, In, N, Out, Count);
}

int32_t weld_wasi_input_stream_read(weld_wasi_ctx *C, uint32_t S,
                                    uint64_t Len, weld_wasi_bytes *Out,
                                    uint32_t *Err) {
  return inputRead(*C, S, Len, false, Out, Err);
}
int32_t weld_wasi_input_stream_blocking_read(weld_wasi_ctx *C, uint32_t S,
                                             uint64_t Len,
                                             weld_wasi_bytes *Out,
                                             uint32_t *Err) {
  return inputRead(*C, S, Len, true, Out, Err);
}
int32_t weld_wasi_input_stream_skip(weld_wasi_ctx *C, uint32_t S,
                                    uint64_t Len, uint64_t *Out,
                                    uint32_t *Err) {
  return inputSkip(*C, S, Len, false, Out, Err);
}
int32_t weld_wasi_input_stream_blocking_skip(weld_wasi_ctx *C, uint32_t S,
                                             uint64_t Len, uint64_t *Out,
                                             uint32_t *Err) {
  return inputSkip(*C, S, Len, true, Out, Err);
}

/// subscribe for a resource of kind K: the handle must be live.
static int32_t subscribeTo(weld_wasi_ctx *C, weld_wasi_kind K, uint32_t S,
                           uint32_t *Out) {
  if (!C->Tables[K].get(S))
    return unknownHandle(*C, S);
  *Out = subscribe(*C, K, S);
  return *Out ? Ok : trap(*C, "out of memory");
}

int32_t weld_wasi_input_stream_subscribe(weld_wasi_ctx *C, uint32_t S,
                                         uint32_t *Out) {
  return subscribeTo(C, WELD_WASI_KIND_INPUT_STREAM, S, Out);
}
int32_t weld_wasi_output_stream_check_write(weld_wasi_ctx *C, uint32_t S,
                                            uint64_t *Out, uint32_t *Err) {
  return checkWrite(*C, S, Out, Err);
}
int32_t weld_wasi_output_stream_write(weld_wasi_ctx *C, uint32_t S,
                                      const uint8_t *Data, size_t Len,
                                      uint32_t *Err) {
  return write(*C, S, Data, Len, Err);
}
int32_t weld_wasi_output_stream_blocking_write_and_flush(weld_wasi_ctx *C,
                                                         uint32_t S,
                                                         const uint8_t *Data,
                                                         size_t Len,
                                                         uint32_t *Err) {
  return blockingWriteAndFlush(*C, S, Data, Len, false, Err);
}
int32_t weld_wasi_output_stream_flush(weld_wasi_ctx *C, uint32_t S,
                                      uint32_t *Err) {
  return flush(*C, S, false, Err);
}
int32_t weld_wasi_output_stream_blocking_flush(weld_wasi_ctx *C, uint32_t S,
                                               uint32_t *Err) {
  return flush(*C, S, true, Err);
}
int32_t weld_wasi_output_stream_subscribe(weld_wasi_ctx *C, uint32_t S,
                                          uint32_t *Out) {
  return subscribeTo(C, WELD_WASI_KIND_OUTPUT_STREAM, S, Out);
}
int32_t weld_wasi_output_stream_write_zeroes(weld_wasi_ctx *C, uint32_t S,
                                             uint64_t Len, uint32_t *Err) {
  return writeZeroes(*C, S, Len, Err);
}
int32_t weld_wasi_output_stream_blocking_write_zeroes_and_flush(
    weld_wasi_ctx *C, uint32_t S, uint64_t Len, uint32_t *Err) {
  if (Len > 4096)
    return trap(*C, "output-stream: blocking write of more than 4096 bytes");
  return blockingWriteAndFlush(*C, S, nullptr, size_t(Len), true, Err);
}
int32_t weld_wasi_output_stream_splice(weld_wasi_ctx *C, uint32_t S,
                                       uint32_t Src, uint64_t Len,
                                       uint64_t *Out, uint32_t *Err) {
  return splice(*C, S, Src, Len, false, Out, Err);
}
int32_t weld_wasi_output_stream_blocking_splice(weld_wasi_ctx *C, uint32_t S,
                                                uint32_t Src, uint64_t Len,
                                                uint64_t *Out, uint32_t *Err) {
  return splice(*C, S, Src, Len, true, Out, Err);
}

//===-- wasi:clocks -------------------------------------------------------===//

uint64_t weld_wasi_monotonic_now(weld_wasi_ctx *) { return monotonicNow(); }

uint64_t weld_wasi_monotonic_resolution(weld_wasi_ctx *) {
  timespec T;
  clock_getres(CLOCK_MONOTONIC, &T);
  return uint64_t(T.tv_sec) * 1000000000u + uint64_t(T.tv_nsec);
}

uint32_t weld_wasi_monotonic_subscribe_instant(weld_wasi_ctx *C,
                                               uint64_t When) {
  return subscribeDeadline(*C, When);
}

uint32_t weld_wasi_monotonic_subscribe_duration(weld_wasi_ctx *C,
                                                uint64_t Duration) {
  uint64_t Now = monotonicNow();
  uint64_t When = Duration > UINT64_MAX - Now ? UINT64_MAX : Now + Duration;
  return subscribeDeadline(*C, When);
}

static weld_wasi_datetime datetimeOf(const timespec &T) {
  weld_wasi_datetime D = {uint64_t(T.tv_sec), uint32_t(T.tv_nsec), 0};
  return D;
}

weld_wasi_datetime weld_wasi_wall_now(weld_wasi_ctx *) {
  timespec T;
  clock_gettime(CLOCK_REALTIME, &T);
  return datetimeOf(T);
}

weld_wasi_datetime weld_wasi_wall_resolution(weld_wasi_ctx *) {
  timespec T;
  clock_getres(CLOCK_REALTIME, &T);
  return datetimeOf(T);
}

//===-- wasi:random -------------------------------------------------------===//

static int32_t randomBytes(weld_wasi_ctx *C, uint64_t Len, bool Secure,
                           weld_wasi_bytes *Out) {
  C->Scratch.reset();
  if (Len > SIZE_MAX / 2)
    return trap(*C, "out of memory");
  auto *Buf = static_cast<uint8_t *>(C->Scratch.alloc(Len ? size_t(Len) : 1));
  if (!Buf)
    return trap(*C, "out of memory");
  if (Secure) {
    if (fillRandom(Buf, size_t(Len)) != Ok)
      return trap(*C, "the system's random source failed");
  } else {
    for (size_t I = 0; I < Len; I += 8) {
      uint64_t V = insecureNext(*C);
      memcpy(Buf + I, &V, Len - I < 8 ? size_t(Len - I) : 8);
    }
  }
  *Out = {Buf, size_t(Len)};
  return Ok;
}

int32_t weld_wasi_get_random_bytes(weld_wasi_ctx *C, uint64_t Len,
                                   weld_wasi_bytes *Out) {
  return randomBytes(C, Len, true, Out);
}

uint64_t weld_wasi_get_random_u64(weld_wasi_ctx *C) {
  uint64_t V = 0;
  if (fillRandom(reinterpret_cast<uint8_t *>(&V), sizeof(V)) != Ok)
    abort(); // no safe value to return; the system is broken
  (void)C;
  return V;
}

int32_t weld_wasi_get_insecure_random_bytes(weld_wasi_ctx *C, uint64_t Len,
                                            weld_wasi_bytes *Out) {
  return randomBytes(C, Len, false, Out);
}

uint64_t weld_wasi_get_insecure_random_u64(weld_wasi_ctx *C) {
  return insecureNext(*C);
}

void weld_wasi_insecure_seed(weld_wasi_ctx *C, uint64_t *Lo, uint64_t *Hi) {
  *Lo = C->Seed[0];
  *Hi = C->Seed[1];
}

//===-- wasi:filesystem ---------------------------------------------------===//

int32_t weld_wasi_get_directories(weld_wasi_ctx *C,
                                  const weld_wasi_preopen **Out,
                                  size_t *Count) {
  return getDirectories(*C, Out, Count);
}
int32_t weld_wasi_descriptor_read_via_stream(weld_wasi_ctx *C, uint32_t D,
                                             uint64_t Offset, uint32_t *Out) {
  return readViaStream(*C, D, Offset, Out);
}
int32_t weld_wasi_descriptor_write_via_stream(weld_wasi_ctx *C, uint32_t D,
                                              uint64_t Offset, uint32_t *Out) {
  return writeViaStream(*C, D, Offset, false, Out);
}
int32_t weld_wasi_descriptor_append_via_stream(weld_wasi_ctx *C, uint32_t D,
                                               uint32_t *Out) {
  return writeViaStream(*C, D, 0, true, Out);
}
int32_t weld_wasi_descriptor_advise(weld_wasi_ctx *C, uint32_t D,
                                    uint64_t Offset, uint64_t Length,
                                    uint8_t Advice) {
  return advise(*C, D, Offset, Length, Advice);
}
int32_t weld_wasi_descriptor_sync_data(weld_wasi_ctx *C, uint32_t D) {
  return syncData(*C, D, false);
}
int32_t weld_wasi_descriptor_get_flags(weld_wasi_ctx *C, uint32_t D,
                                       uint8_t *Out) {
  return getFlags(*C, D, Out);
}
int32_t weld_wasi_descriptor_get_type(weld_wasi_ctx *C, uint32_t D,
                                      uint8_t *Out) {
  return getType(*C, D, Out);
}
int32_t weld_wasi_descriptor_set_size(weld_wasi_ctx *C, uint32_t D,
                                      uint64_t Size) {
  return setSize(*C, D, Size);
}
int32_t weld_wasi_descriptor_set_times(weld_wasi_ctx *C, uint32_t D,
                                       const weld_wasi_new_timestamp *Atime,
                                       const weld_wasi_new_timestamp *Mtime) {
  return setTimes(*C, D, Atime, Mtime);
}
int32_t weld_wasi_descriptor_read(weld_wasi_ctx *C, uint32_t D,
                                  uint64_t Length, uint64_t Offset,
                                  weld_wasi_bytes *Out, uint8_t *Eof) {
  return readAt(*C, D, Length, Offset, Out, Eof);
}
int32_t weld_wasi_descriptor_write(weld_wasi_ctx *C, uint32_t D,
                                   const uint8_t *Data, size_t Len,
                                   uint64_t Offset, uint64_t *Written) {
  return writeAt(*C, D, Data, Len, Offset, Written);
}
int32_t weld_wasi_descriptor_read_directory(weld_wasi_ctx *C, uint32_t D,
                                            uint32_t *Out) {
  return readDirectory(*C, D, Out);
}
int32_t weld_wasi_descriptor_sync(weld_wasi_ctx *C, uint32_t D) {
  return syncData(*C, D, true);
}
int32_t weld_wasi_descriptor_create_directory_at(weld_wasi_ctx *C, uint32_t D,
                                                 const char *Path,
                                                 size_t Len) {
  return createDirectoryAt(*C, D, Path, Len);
}
int32_t weld_wasi_descriptor_stat(weld_wasi_ctx *C, uint32_t D,
                                  weld_wasi_stat *Out) {
  return stat(*C, D, Out);
}
int32_t weld_wasi_descriptor_stat_at(weld_wasi_ctx *C, uint32_t D,
                                     uint8_t PathFlags, const char *Path,
                                     size_t Len,
                                     weld_wasi_stat *Out) {
  return statAt(*C, D, PathFlags, Path, Len, Out);
}
int32_t weld_wasi_descriptor_set_times_at(
    weld_wasi_ctx *C, uint32_t D, uint8_t PathFlags, const char *Path,
    size_t Len, const weld_wasi_new_timestamp *Atime,
    const weld_wasi_new_timestamp *Mtime) {
  return setTimesAt(*C, D, PathFlags, Path, Len, Atime, Mtime);
}
int32_t weld_wasi_descriptor_link_at(weld_wasi_ctx *C, uint32_t D,
                                     uint8_t OldPathFlags,
                                     const char *OldPath, size_t OldLen,
                                     uint32_t NewD, const char *NewPath,
                                     size_t NewLen) {
  return linkAt(*C, D, OldPathFlags, OldPath, OldLen, NewD, NewPath, NewLen);
}
int32_t weld_wasi_descriptor_open_at(weld_wasi_ctx *C, uint32_t D,
                                     uint8_t PathFlags, const char *Path,
                                     size_t Len, uint8_t OpenFlags,
                                     uint8_t Flags, uint32_t *Out) {
  return openAt(*C, D, PathFlags, Path, Len, OpenFlags, Flags, Out);
}
int32_t weld_wasi_descriptor_readlink_at(weld_wasi_ctx *C, uint32_t D,
                                         const char *Path, size_t Len,
                                         weld_wasi_string *Out) {
  return readlinkAt(*C, D, Path, Len, Out);
}
int32_t weld_wasi_descriptor_remove_directory_at(weld_wasi_ctx *C, uint32_t D,
                                                 const char *Path,
                                                 size_t Len) {
  return removeDirectoryAt(*C, D, Path, Len);
}
int32_t weld_wasi_descriptor_rename_at(weld_wasi_ctx *C, uint32_t D,
                                       const char *OldPath, size_t OldLen,
                                       uint32_t NewD, const char *NewPath,
                                       size_t NewLen) {
  return renameAt(*C, D, OldPath, OldLen, NewD, NewPath, NewLen);
}
int32_t weld_wasi_descriptor_symlink_at(weld_wasi_ctx *C, uint32_t D,
                                        const char *OldPath, size_t OldLen,
                                        const char *NewPath, size_t NewLen) {
  return symlinkAt(*C, D, OldPath, OldLen, NewPath, NewLen);
}
int32_t weld_wasi_descriptor_unlink_file_at(weld_wasi_ctx *C, uint32_t D,
                                            const char *Path, size_t Len) {
  return unlinkFileAt(*C, D, Path, Len);
}
int32_t weld_wasi_descriptor_is_same_object(weld_wasi_ctx *C, uint32_t D,
                                            uint32_t Other, uint8_t *Out) {
  return isSameObject(*C, D, Other, Out);
}
int32_t weld_wasi_descriptor_metadata_hash(weld_wasi_ctx *C, uint32_t D,
                                           weld_wasi_metadata_hash *Out) {
  return metadataHash(*C, D, Out);
}
int32_t weld_wasi_descriptor_metadata_hash_at(weld_wasi_ctx *C, uint32_t D,
                                              uint8_t PathFlags,
                                              const char *Path, size_t Len,
                                              weld_wasi_metadata_hash *Out) {
  return metadataHashAt(*C, D, PathFlags, Path, Len, Out);
}
int32_t weld_wasi_directory_entry_stream_read(weld_wasi_ctx *C, uint32_t S,
                                              uint8_t *Some,
                                              weld_wasi_directory_entry *Out) {
  return readDirectoryEntry(*C, S, Some, Out);
}
int32_t weld_wasi_filesystem_error_code(weld_wasi_ctx *C, uint32_t Error,
                                        uint8_t *Some, uint8_t *Out) {
  return filesystemErrorCode(*C, Error, Some, Out);
}

//===-- wasi:sockets ------------------------------------------------------===//

uint32_t weld_wasi_instance_network(weld_wasi_ctx *C) {
  auto *N = allocObject<Network>();
  return N ? insertObject(*C, WELD_WASI_KIND_NETWORK, N) : 0;
}
int32_t weld_wasi_network_error_code(weld_wasi_ctx *C, uint32_t Error,
                                     uint8_t *Some, uint8_t *Out) {
  return networkErrorCode(*C, Error, Some, Out);
}
int32_t weld_wasi_create_tcp_socket(weld_wasi_ctx *C, uint8_t Family,
                                    uint32_t *Out) {
  return createTcpSocket(*C, Family, Out);
}
int32_t weld_wasi_tcp_start_bind(weld_wasi_ctx *C, uint32_t S, uint32_t Net,
                                 const weld_wasi_socket_address *Local) {
  return tcpStartBind(*C, S, Net, Local);
}
int32_t weld_wasi_tcp_finish_bind(weld_wasi_ctx *C, uint32_t S) {
  return tcpFinishBind(*C, S);
}
int32_t weld_wasi_tcp_start_connect(weld_wasi_ctx *C, uint32_t S, uint32_t Net,
                                    const weld_wasi_socket_address *Remote) {
  return tcpStartConnect(*C, S, Net, Remote);
}
int32_t weld_wasi_tcp_finish_connect(weld_wasi_ctx *C, uint32_t S,
                                     uint32_t *In, uint32_t *Out) {
  return tcpFinishConnect(*C, S, In, Out);
}
int32_t weld_wasi_tcp_start_listen(weld_wasi_ctx *C, uint32_t S) {
  return tcpStartListen(*C, S);
}
int32_t weld_wasi_tcp_finish_listen(weld_wasi_ctx *C, uint32_t S) {
  return tcpFinishListen(*C, S);
}
int32_t weld_wasi_tcp_accept(weld_wasi_ctx *C, uint32_t S, uint32_t *Socket,
                             uint32_t *In, uint32_t *Out) {
  return tcpAccept(*C, S, Socket, In, Out);
}
int32_t weld_wasi_tcp_local_address(weld_wasi_ctx *C, uint32_t S,
                                    weld_wasi_socket_address *Out) {
  return tcpAddress(*C, S, false, Out);
}
int32_t weld_wasi_tcp_remote_address(weld_wasi_ctx *C, uint32_t S,
                                     weld_wasi_socket_address *Out) {
  return tcpAddress(*C, S, true, Out);
}
int32_t weld_wasi_tcp_is_listening(weld_wasi_ctx *C, uint32_t S,
                                   uint8_t *Out) {
  return tcpIsListening(*C, S, Out);
}
int32_t weld_wasi_tcp_address_family(weld_wasi_ctx *C, uint32_t S,
                                     uint8_t *Out) {
  return tcpAddressFamily(*C, S, Out);
}
int32_t weld_wasi_tcp_set_listen_backlog_size(weld_wasi_ctx *C, uint32_t S,
                                              uint64_t Value) {
  return tcpSetListenBacklogSize(*C, S, Value);
}

// Option getters and setters differ only in the option and the C type.
#define WELD_TCP_OPTION(Get, Set, Opt, CType)                                 \
  int32_t Get(weld_wasi_ctx *C, uint32_t S, CType *Out) {                     \
    uint64_t V = 0;                                                           \
    int32_t R = tcpGetOption(*C, S, SockOpt::Opt, &V);                        \
    *Out = CType(V);                                                          \
    return R;                                                                 \
  }                                                                           \
  int32_t Set(weld_wasi_ctx *C, uint32_t S, CType Value) {                    \
    return tcpSetOption(*C, S, SockOpt::Opt, Value);                          \
  }
WELD_TCP_OPTION(weld_wasi_tcp_keep_alive_enabled,
                weld_wasi_tcp_set_keep_alive_enabled, KeepAlive, uint8_t)
WELD_TCP_OPTION(weld_wasi_tcp_keep_alive_idle_time,
                weld_wasi_tcp_set_keep_alive_idle_time, KeepIdle, uint64_t)
WELD_TCP_OPTION(weld_wasi_tcp_keep_alive_interval,
                weld_wasi_tcp_set_keep_alive_interval, KeepInterval, uint64_t)
WELD_TCP_OPTION(weld_wasi_tcp_keep_alive_count,
                weld_wasi_tcp_set_keep_alive_count, KeepCount, uint32_t)
WELD_TCP_OPTION(weld_wasi_tcp_hop_limit, weld_wasi_tcp_set_hop_limit,
                HopLimit, uint8_t)
WELD_TCP_OPTION(weld_wasi_tcp_receive_buffer_size,
                weld_wasi_tcp_set_receive_buffer_size, RecvBuf, uint64_t)
WELD_TCP_OPTION(weld_wasi_tcp_send_buffer_size,
                weld_wasi_tcp_set_send_buffer_size, SendBuf, uint64_t)
#undef WELD_TCP_OPTION

int32_t weld_wasi_tcp_subscribe(weld_wasi_ctx *C, uint32_t S, uint32_t *Out) {
  return subscribeTo(C, WELD_WASI_KIND_TCP_SOCKET, S, Out);
}
int32_t weld_wasi_tcp_shutdown(weld_wasi_ctx *C, uint32_t S, uint8_t How) {
  return tcpShutdown(*C, S, How);
}

int32_t weld_wasi_create_udp_socket(weld_wasi_ctx *C, uint8_t Family,
                                    uint32_t *Out) {
  return createUdpSocket(*C, Family, Out);
}
int32_t weld_wasi_udp_start_bind(weld_wasi_ctx *C, uint32_t S, uint32_t Net,
                                 const weld_wasi_socket_address *Local) {
  return udpStartBind(*C, S, Net, Local);
}
int32_t weld_wasi_udp_finish_bind(weld_wasi_ctx *C, uint32_t S) {
  return udpFinishBind(*C, S);
}
int32_t weld_wasi_udp_stream(weld_wasi_ctx *C, uint32_t S,
                             const weld_wasi_socket_address *Remote,
                             uint32_t *In, uint32_t *Out) {
  return udpStream(*C, S, Remote, In, Out);
}
int32_t weld_wasi_udp_local_address(weld_wasi_ctx *C, uint32_t S,
                                    weld_wasi_socket_address *Out) {
  return udpAddress(*C, S, false, Out);
}
int32_t weld_wasi_udp_remote_address(weld_wasi_ctx *C, uint32_t S,
                                     weld_wasi_socket_address *Out) {
  return udpAddress(*C, S, true, Out);
}
int32_t weld_wasi_udp_address_family(weld_wasi_ctx *C, uint32_t S,
                                     uint8_t *Out) {
  return udpAddressFamily(*C, S, Out);
}

#define WELD_UDP_OPTION(Get, Set, Opt, CType)                                 \
  int32_t Get(weld_wasi_ctx *C, uint32_t S, CType *Out) {                     \
    uint64_t V = 0;                                                           \
    int32_t R = udpGetOption(*C, S, SockOpt::Opt, &V);                        \
    *Out = CType(V);                                                          \
    return R;                                                                 \
  }                                                                           \
  int32_t Set(weld_wasi_ctx *C, uint32_t S, CType Value) {                    \
    return udpSetOption(*C, S, SockOpt::Opt, Value);                          \
  }
WELD_UDP_OPTION(weld_wasi_udp_unicast_hop_limit,
                weld_wasi_udp_set_unicast_hop_limit, HopLimit, uint8_t)
WELD_UDP_OPTION(weld_wasi_udp_receive_buffer_size,
                weld_wasi_udp_set_receive_buffer_size, RecvBuf, uint64_t)
WELD_UDP_OPTION(weld_wasi_udp_send_buffer_size,
                weld_wasi_udp_set_send_buffer_size, SendBuf, uint64_t)
#undef WELD_UDP_OPTION

int32_t weld_wasi_udp_subscribe(weld_wasi_ctx *C, uint32_t S, uint32_t *Out) {
  return subscribeTo(C, WELD_WASI_KIND_UDP_SOCKET, S, Out);
}
int32_t weld_wasi_incoming_datagram_stream_receive(
    weld_wasi_ctx *C, uint32_t S, uint64_t Max,
    const weld_wasi_incoming_datagram **Out, size_t *Count) {
  return udpReceive(*C, S, Max, Out, Count);
}
int32_t weld_wasi_incoming_datagram_stream_subscribe(weld_wasi_ctx *C,
                                                     uint32_t S,
                                                     uint32_t *Out) {
  return subscribeTo(C, WELD_WASI_KIND_INCOMING_DATAGRAM_STREAM, S, Out);
}
int32_t weld_wasi_outgoing_datagram_stream_check_send(weld_wasi_ctx *C,
                                                      uint32_t S,
                                                      uint64_t *Out) {
  return udpCheckSend(*C, S, Out);
}
int32_t weld_wasi_outgoing_datagram_stream_send(
    weld_wasi_ctx *C, uint32_t S, const weld_wasi_outgoing_datagram *Datagrams,
    size_t Count, uint64_t *Sent) {
  return udpSend(*C, S, Datagrams, Count, Sent);
}
int32_t weld_wasi_outgoing_datagram_stream_subscribe(weld_wasi_ctx *C,
                                                     uint32_t S,
                                                     uint32_t *Out) {
  return subscribeTo(C, WELD_WASI_KIND_OUTGOING_DATAGRAM_STREAM, S, Out);
}
int32_t weld_wasi_resolve_addresses(weld_wasi_ctx *C, uint32_t Net,
                                    const char *Name, size_t Len,
                                    uint32_t *Out) {
  return resolveAddresses(*C, Net, Name, Len, Out);
}
int32_t weld_wasi_resolve_next_address(weld_wasi_ctx *C, uint32_t S,
                                       uint8_t *Some,
                                       weld_wasi_ip_address *Out) {
  return resolveNextAddress(*C, S, Some, Out);
}
int32_t weld_wasi_resolve_address_stream_subscribe(weld_wasi_ctx *C,
                                                   uint32_t S, uint32_t *Out) {
  return subscribeTo(C, WELD_WASI_KIND_RESOLVE_ADDRESS_STREAM, S, Out);
}

} // extern "C"
