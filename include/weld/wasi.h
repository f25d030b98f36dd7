/*===- weld/wasi.h - the C ABI of weld's WASI 0.2 host ----------*- C -*-===*\
 *
 * A `wasi:cli/command` component compiled by weld imports the WASI 0.2
 * interfaces (wasi:cli, io, clocks, random, filesystem, sockets). The
 * compiler generates, for every such import, an adapter between the
 * Canonical ABI and the plain C functions declared here. This header is that
 * host side: one weld_wasi_ function per WASI function, each taking the
 * context first and plain C values after it.
 *
 * Conventions (the same for every function, so adapters are mechanical):
 *
 *  - Resources are u32 handles (0 is never valid). Each resource kind has its
 *    own table; a handle carries a generation, so a stale or forged handle is
 *    detected. `borrow` and `own` parameters are both passed as the handle;
 *    functions that create resources write the new handle to an out-param.
 *  - Strings and lists passed in are pointer + length (strings are UTF-8 and
 *    need not be NUL-terminated). Strings and lists returned point into
 *    memory owned by the context, valid until the next weld_wasi_ call on
 *    that context: the adapter copies them into guest memory.
 *  - Fallible functions return an int32_t status: 0 for success; a positive
 *    value is the WIT error discriminant plus one (the enums below are
 *    defined that way, so WELD_WASI_FS_NO_ENTRY is `no-entry` + 1);
 *    WELD_WASI_TRAP (negative) means the guest broke a rule the WASI
 *    contract says traps (bad handle, writing past check-write, dropping a
 *    resource that still has children, empty poll list): the adapter must
 *    trap; weld_wasi_trap_message() says why.
 *  - Stream operations return 0, WELD_WASI_STREAM_LAST_OPERATION_FAILED
 *    (with the new `error` resource in *Err) or WELD_WASI_STREAM_CLOSED.
 *  - Nothing is reachable unless the policy grants it: preopened
 *    directories, environment variables, network addresses. Paths never
 *    leave a preopened directory.
 *
 * One context serves one component instance on one thread.
 *
\*===----------------------------------------------------------------------===*/

#ifndef WELD_WASI_H
#define WELD_WASI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct weld_wasi_ctx weld_wasi_ctx;
typedef struct weld_wasi_policy weld_wasi_policy;

/* A contract violation: the adapter traps. */
#define WELD_WASI_TRAP (-1)
#define WELD_WASI_OK 0

/*===-- Capability policy ---------------------------------------------------===*/

/* A policy says what a context may reach. A new policy grants nothing:
 * no directories, no environment variables, no network; stdio is
 * inherited. Every add function returns NULL on success or a message
 * ("invalid network grant") that the driver prints. */
weld_wasi_policy *weld_wasi_policy_new(void);
void weld_wasi_policy_free(weld_wasi_policy *P);

/* Preopens host directory HOST under the guest name GUEST, from the spec
 * "HOST[::GUEST]" (GUEST defaults to HOST). With ReadOnly the guest cannot
 * create, write, rename or remove anything beneath it. The directory is
 * opened when the context is created. */
const char *weld_wasi_policy_preopen(weld_wasi_policy *P, const char *Spec,
                                     int ReadOnly);
/* Grants an environment variable: "NAME=VALUE" sets it, "NAME" passes the
 * host's value through (or nothing when the host has none). */
const char *weld_wasi_policy_env(weld_wasi_policy *P, const char *Spec);
/* Makes the whole host environment visible (explicit grants still win). */
void weld_wasi_policy_inherit_env(weld_wasi_policy *P);
/* Grants network access to an address: "ADDR", "ADDR/PREFIX", "ADDR:PORT",
 * "ADDR/PREFIX:PORT", "[V6ADDR]:PORT" or "*". A grant covers binding to,
 * connecting to and sending to matching socket addresses; a grant without
 * a port covers every port. It also enables socket creation. */
const char *weld_wasi_policy_allow_net(weld_wasi_policy *P, const char *Spec);
/* Grants every address (wasmtime's -S inherit-network); name lookup is
 * not included, as in wasmtime. */
void weld_wasi_policy_inherit_network(weld_wasi_policy *P);
/* Allows ip-name-lookup (wasmtime's -S allow-ip-name-lookup; off unless
 * granted, whatever the address grants). */
void weld_wasi_policy_allow_name_lookup(weld_wasi_policy *P);
/* What `initial-cwd` returns (none unless set). */
const char *weld_wasi_policy_initial_cwd(weld_wasi_policy *P, const char *Cwd);
/* When set, stdin reads as empty (end of stream) instead of the host's. */
void weld_wasi_policy_null_stdin(weld_wasi_policy *P);
/* Applies one grant by its command-line name, so the driver and a
 * generated main() with grants baked in share one vocabulary:
 *   "dir" HOST[::GUEST]   "dir-ro" HOST[::GUEST]   "env" NAME[=VALUE]
 *   "inherit-env"   "allow-net" ADDR-GRANT   "inherit-network"
 *   "allow-ip-name-lookup"   "cwd" PATH   "null-stdin"
 * Value is ignored by the flag-like names. Returns NULL or a message
 * ("unknown WASI option"). */
const char *weld_wasi_policy_apply(weld_wasi_policy *P, const char *Option,
                                   const char *Value);

/*===-- Contexts ------------------------------------------------------------===*/

/* Creates a context from a policy (copied) and the guest's arguments
 * (copied; Argv[0] is the program name as the guest sees it). Returns NULL
 * and sets *Error (static or context-free text) when a preopened directory
 * cannot be opened. */
weld_wasi_ctx *weld_wasi_ctx_new(const weld_wasi_policy *P, size_t Argc,
                                 const char *const *Argv, const char **Error);
/* Closes every resource of the context and frees it. */
void weld_wasi_ctx_free(weld_wasi_ctx *C);
/* Why the last call returned WELD_WASI_TRAP. */
const char *weld_wasi_trap_message(weld_wasi_ctx *C);
/* Called by `exit` instead of the C library's exit(); may return (exit
 * then returns WELD_WASI_TRAP so the adapter unwinds). */
typedef void (*weld_wasi_exit_fn)(void *User, int32_t Code);
void weld_wasi_ctx_set_exit(weld_wasi_ctx *C, weld_wasi_exit_fn Fn,
                            void *User);
/* Tests only: resolve paths by the portable component walk even where
 * openat2(2) exists. */
void weld_wasi_ctx_force_path_walk(weld_wasi_ctx *C, int On);

/*===-- Common data ---------------------------------------------------------===*/

typedef struct weld_wasi_string {
  const char *ptr;
  size_t len;
} weld_wasi_string;

typedef struct weld_wasi_bytes {
  const uint8_t *ptr;
  size_t len;
} weld_wasi_bytes;

/* Resource kinds, for weld_wasi_drop. */
typedef enum weld_wasi_kind {
  WELD_WASI_KIND_ERROR,
  WELD_WASI_KIND_POLLABLE,
  WELD_WASI_KIND_INPUT_STREAM,
  WELD_WASI_KIND_OUTPUT_STREAM,
  WELD_WASI_KIND_TERMINAL_INPUT,
  WELD_WASI_KIND_TERMINAL_OUTPUT,
  WELD_WASI_KIND_DESCRIPTOR,
  WELD_WASI_KIND_DIRECTORY_ENTRY_STREAM,
  WELD_WASI_KIND_NETWORK,
  WELD_WASI_KIND_TCP_SOCKET,
  WELD_WASI_KIND_UDP_SOCKET,
  WELD_WASI_KIND_INCOMING_DATAGRAM_STREAM,
  WELD_WASI_KIND_OUTGOING_DATAGRAM_STREAM,
  WELD_WASI_KIND_RESOLVE_ADDRESS_STREAM,
  WELD_WASI_KIND_COUNT
} weld_wasi_kind;

/* [resource-drop]: 0, or WELD_WASI_TRAP for a bad handle or a resource that
 * still has children (a pollable of it, the streams of a socket). */
int32_t weld_wasi_drop(weld_wasi_ctx *C, weld_wasi_kind Kind, uint32_t H);

/*===-- wasi:cli ------------------------------------------------------------===*/

typedef struct weld_wasi_env_var {
  weld_wasi_string name;
  weld_wasi_string value;
} weld_wasi_env_var;

/* environment.get-environment: the granted variables, in grant order. */
void weld_wasi_get_environment(weld_wasi_ctx *C, const weld_wasi_env_var **Out,
                               size_t *Count);
/* environment.get-arguments. */
void weld_wasi_get_arguments(weld_wasi_ctx *C, const weld_wasi_string **Out,
                             size_t *Count);
/* environment.initial-cwd: 1 and *Out when the policy sets one, else 0. */
int32_t weld_wasi_initial_cwd(weld_wasi_ctx *C, weld_wasi_string *Out);
/* exit.exit (IsErr: the result was err) and exit.exit-with-code. Flushes
 * nothing (stdout is unbuffered) and ends the process through the exit
 * hook; returns WELD_WASI_TRAP only when the hook returns. */
int32_t weld_wasi_exit(weld_wasi_ctx *C, int32_t IsErr);
int32_t weld_wasi_exit_with_code(weld_wasi_ctx *C, uint8_t Code);
/* stdin.get-stdin, stdout.get-stdout, stderr.get-stderr: new stream handles. */
uint32_t weld_wasi_get_stdin(weld_wasi_ctx *C);
uint32_t weld_wasi_get_stdout(weld_wasi_ctx *C);
uint32_t weld_wasi_get_stderr(weld_wasi_ctx *C);
/* terminal-stdin/stdout/stderr: a terminal handle in *Out and 1 when that
 * stream is a terminal, else 0. */
int32_t weld_wasi_get_terminal_stdin(weld_wasi_ctx *C, uint32_t *Out);
int32_t weld_wasi_get_terminal_stdout(weld_wasi_ctx *C, uint32_t *Out);
int32_t weld_wasi_get_terminal_stderr(weld_wasi_ctx *C, uint32_t *Out);

/*===-- wasi:io -------------------------------------------------------------===*/

/* error.to-debug-string. */
int32_t weld_wasi_error_to_debug_string(weld_wasi_ctx *C, uint32_t Error,
                                        weld_wasi_string *Out);

/* pollable.ready: *Ready = 0/1. pollable.block. */
int32_t weld_wasi_pollable_ready(weld_wasi_ctx *C, uint32_t P, uint8_t *Ready);
int32_t weld_wasi_pollable_block(weld_wasi_ctx *C, uint32_t P);
/* poll: blocks until at least one of In[0..N) is ready; writes the indices
 * of the ready ones, ascending, to Out (room for N) and their number to
 * *Count. An empty list traps. */
int32_t weld_wasi_poll(weld_wasi_ctx *C, const uint32_t *In, size_t N,
                       uint32_t *Out, size_t *Count);

/* stream-error, as returned by the stream functions. */
enum {
  WELD_WASI_STREAM_LAST_OPERATION_FAILED = 1,
  WELD_WASI_STREAM_CLOSED = 2
};

/* input-stream.read / blocking-read: up to Len bytes (read may give 0). */
int32_t weld_wasi_input_stream_read(weld_wasi_ctx *C, uint32_t S, uint64_t Len,
                                    weld_wasi_bytes *Out, uint32_t *Err);
int32_t weld_wasi_input_stream_blocking_read(weld_wasi_ctx *C, uint32_t S,
                                             uint64_t Len, weld_wasi_bytes *Out,
                                             uint32_t *Err);
/* input-stream.skip / blocking-skip: bytes skipped in *Out. */
int32_t weld_wasi_input_stream_skip(weld_wasi_ctx *C, uint32_t S, uint64_t Len,
                                    uint64_t *Out, uint32_t *Err);
int32_t weld_wasi_input_stream_blocking_skip(weld_wasi_ctx *C, uint32_t S,
                                             uint64_t Len, uint64_t *Out,
                                             uint32_t *Err);
/* input-stream.subscribe: a pollable (child of the stream) in *Out. */
int32_t weld_wasi_input_stream_subscribe(weld_wasi_ctx *C, uint32_t S,
                                         uint32_t *Out);

/* output-stream.check-write: bytes the next write may carry. */
int32_t weld_wasi_output_stream_check_write(weld_wasi_ctx *C, uint32_t S,
                                            uint64_t *Out, uint32_t *Err);
/* output-stream.write: traps when Len exceeds the last check-write. */
int32_t weld_wasi_output_stream_write(weld_wasi_ctx *C, uint32_t S,
                                      const uint8_t *Data, size_t Len,
                                      uint32_t *Err);
int32_t weld_wasi_output_stream_blocking_write_and_flush(weld_wasi_ctx *C,
                                                         uint32_t S,
                                                         const uint8_t *Data,
                                                         size_t Len,
                                                         uint32_t *Err);
int32_t weld_wasi_output_stream_flush(weld_wasi_ctx *C, uint32_t S,
                                      uint32_t *Err);
int32_t weld_wasi_output_stream_blocking_flush(weld_wasi_ctx *C, uint32_t S,
                                               uint32_t *Err);
int32_t weld_wasi_output_stream_subscribe(weld_wasi_ctx *C, uint32_t S,
                                          uint32_t *Out);
int32_t weld_wasi_output_stream_write_zeroes(weld_wasi_ctx *C, uint32_t S,
                                             uint64_t Len, uint32_t *Err);
int32_t weld_wasi_output_stream_blocking_write_zeroes_and_flush(
    weld_wasi_ctx *C, uint32_t S, uint64_t Len, uint32_t *Err);
/* output-stream.splice / blocking-splice from input stream Src: bytes moved
 * in *Out. */
int32_t weld_wasi_output_stream_splice(weld_wasi_ctx *C, uint32_t S,
                                       uint32_t Src, uint64_t Len,
                                       uint64_t *Out, uint32_t *Err);
int32_t weld_wasi_output_stream_blocking_splice(weld_wasi_ctx *C, uint32_t S,
                                                uint32_t Src, uint64_t Len,
                                                uint64_t *Out, uint32_t *Err);

/*===-- wasi:clocks ---------------------------------------------------------===*/

typedef struct weld_wasi_datetime {
  uint64_t seconds;
  uint32_t nanoseconds;
  uint32_t pad;
} weld_wasi_datetime;

/* monotonic-clock: nanoseconds since an arbitrary start. */
uint64_t weld_wasi_monotonic_now(weld_wasi_ctx *C);
uint64_t weld_wasi_monotonic_resolution(weld_wasi_ctx *C);
/* subscribe-instant / subscribe-duration: a new pollable. */
uint32_t weld_wasi_monotonic_subscribe_instant(weld_wasi_ctx *C,
                                               uint64_t When);
uint32_t weld_wasi_monotonic_subscribe_duration(weld_wasi_ctx *C,
                                                uint64_t Duration);
/* wall-clock.now / resolution. */
weld_wasi_datetime weld_wasi_wall_now(weld_wasi_ctx *C);
weld_wasi_datetime weld_wasi_wall_resolution(weld_wasi_ctx *C);

/*===-- wasi:random ---------------------------------------------------------===*/

/* random.get-random-bytes / get-random-u64: from the OS's CSPRNG. */
int32_t weld_wasi_get_random_bytes(weld_wasi_ctx *C, uint64_t Len,
                                   weld_wasi_bytes *Out);
uint64_t weld_wasi_get_random_u64(weld_wasi_ctx *C);
/* insecure.get-insecure-random-bytes / u64: a fast per-context generator. */
int32_t weld_wasi_get_insecure_random_bytes(weld_wasi_ctx *C, uint64_t Len,
                                            weld_wasi_bytes *Out);
uint64_t weld_wasi_get_insecure_random_u64(weld_wasi_ctx *C);
/* insecure-seed.insecure-seed: the same pair for the context's lifetime. */
void weld_wasi_insecure_seed(weld_wasi_ctx *C, uint64_t *Lo, uint64_t *Hi);

/*===-- wasi:filesystem -----------------------------------------------------===*/

/* error-code, as WIT discriminant + 1 (0 is success). */
typedef enum weld_wasi_fs_error {
  WELD_WASI_FS_ACCESS = 1,
  WELD_WASI_FS_WOULD_BLOCK,
  WELD_WASI_FS_ALREADY,
  WELD_WASI_FS_BAD_DESCRIPTOR,
  WELD_WASI_FS_BUSY,
  WELD_WASI_FS_DEADLOCK,
  WELD_WASI_FS_QUOTA,
  WELD_WASI_FS_EXIST,
  WELD_WASI_FS_FILE_TOO_LARGE,
  WELD_WASI_FS_ILLEGAL_BYTE_SEQUENCE,
  WELD_WASI_FS_IN_PROGRESS,
  WELD_WASI_FS_INTERRUPTED,
  WELD_WASI_FS_INVALID,
  WELD_WASI_FS_IO,
  WELD_WASI_FS_IS_DIRECTORY,
  WELD_WASI_FS_LOOP,
  WELD_WASI_FS_TOO_MANY_LINKS,
  WELD_WASI_FS_MESSAGE_SIZE,
  WELD_WASI_FS_NAME_TOO_LONG,
  WELD_WASI_FS_NO_DEVICE,
  WELD_WASI_FS_NO_ENTRY,
  WELD_WASI_FS_NO_LOCK,
  WELD_WASI_FS_INSUFFICIENT_MEMORY,
  WELD_WASI_FS_INSUFFICIENT_SPACE,
  WELD_WASI_FS_NOT_DIRECTORY,
  WELD_WASI_FS_NOT_EMPTY,
  WELD_WASI_FS_NOT_RECOVERABLE,
  WELD_WASI_FS_UNSUPPORTED,
  WELD_WASI_FS_NO_TTY,
  WELD_WASI_FS_NO_SUCH_DEVICE,
  WELD_WASI_FS_OVERFLOW,
  WELD_WASI_FS_NOT_PERMITTED,
  WELD_WASI_FS_PIPE,
  WELD_WASI_FS_READ_ONLY,
  WELD_WASI_FS_INVALID_SEEK,
  WELD_WASI_FS_TEXT_FILE_BUSY,
  WELD_WASI_FS_CROSS_DEVICE
} weld_wasi_fs_error;

/* descriptor-type, by WIT discriminant. */
typedef enum weld_wasi_descriptor_type {
  WELD_WASI_TYPE_UNKNOWN,
  WELD_WASI_TYPE_BLOCK_DEVICE,
  WELD_WASI_TYPE_CHARACTER_DEVICE,
  WELD_WASI_TYPE_DIRECTORY,
  WELD_WASI_TYPE_FIFO,
  WELD_WASI_TYPE_SYMBOLIC_LINK,
  WELD_WASI_TYPE_REGULAR_FILE,
  WELD_WASI_TYPE_SOCKET
} weld_wasi_descriptor_type;

/* descriptor-flags, path-flags and open-flags: WIT flag bits. */
enum {
  WELD_WASI_DESCRIPTOR_READ = 1 << 0,
  WELD_WASI_DESCRIPTOR_WRITE = 1 << 1,
  WELD_WASI_DESCRIPTOR_FILE_INTEGRITY_SYNC = 1 << 2,
  WELD_WASI_DESCRIPTOR_DATA_INTEGRITY_SYNC = 1 << 3,
  WELD_WASI_DESCRIPTOR_REQUESTED_WRITE_SYNC = 1 << 4,
  WELD_WASI_DESCRIPTOR_MUTATE_DIRECTORY = 1 << 5,
  WELD_WASI_PATH_SYMLINK_FOLLOW = 1 << 0,
  WELD_WASI_OPEN_CREATE = 1 << 0,
  WELD_WASI_OPEN_DIRECTORY = 1 << 1,
  WELD_WASI_OPEN_EXCLUSIVE = 1 << 2,
  WELD_WASI_OPEN_TRUNCATE = 1 << 3
};

/* advice, by WIT discriminant. */
enum {
  WELD_WASI_ADVICE_NORMAL,
  WELD_WASI_ADVICE_SEQUENTIAL,
  WELD_WASI_ADVICE_RANDOM,
  WELD_WASI_ADVICE_WILL_NEED,
  WELD_WASI_ADVICE_DONT_NEED,
  WELD_WASI_ADVICE_NO_REUSE
};

typedef struct weld_wasi_option_datetime {
  uint8_t is_some;
  uint8_t pad[7];
  weld_wasi_datetime value;
} weld_wasi_option_datetime;

/* descriptor-stat. */
typedef struct weld_wasi_stat {
  uint8_t type; /* weld_wasi_descriptor_type */
  uint8_t pad[7];
  uint64_t link_count;
  uint64_t size;
  weld_wasi_option_datetime data_access_timestamp;
  weld_wasi_option_datetime data_modification_timestamp;
  weld_wasi_option_datetime status_change_timestamp;
} weld_wasi_stat;

/* new-timestamp: tag 0 no-change, 1 now, 2 timestamp (value). */
typedef struct weld_wasi_new_timestamp {
  uint8_t tag;
  uint8_t pad[7];
  weld_wasi_datetime value;
} weld_wasi_new_timestamp;

typedef struct weld_wasi_directory_entry {
  uint8_t type; /* weld_wasi_descriptor_type */
  weld_wasi_string name;
} weld_wasi_directory_entry;

typedef struct weld_wasi_metadata_hash {
  uint64_t lower;
  uint64_t upper;
} weld_wasi_metadata_hash;

typedef struct weld_wasi_preopen {
  uint32_t descriptor; /* a new own<descriptor> */
  weld_wasi_string path;
} weld_wasi_preopen;

/* preopens.get-directories: new descriptor handles for every preopen. */
int32_t weld_wasi_get_directories(weld_wasi_ctx *C,
                                  const weld_wasi_preopen **Out,
                                  size_t *Count);

/* The descriptor methods; D is the descriptor handle. */
int32_t weld_wasi_descriptor_read_via_stream(weld_wasi_ctx *C, uint32_t D,
                                             uint64_t Offset, uint32_t *Out);
int32_t weld_wasi_descriptor_write_via_stream(weld_wasi_ctx *C, uint32_t D,
                                              uint64_t Offset, uint32_t *Out);
int32_t weld_wasi_descriptor_append_via_stream(weld_wasi_ctx *C, uint32_t D,
                                               uint32_t *Out);
int32_t weld_wasi_descriptor_advise(weld_wasi_ctx *C, uint32_t D,
                                    uint64_t Offset, uint64_t Length,
                                    uint8_t Advice);
int32_t weld_wasi_descriptor_sync_data(weld_wasi_ctx *C, uint32_t D);
int32_t weld_wasi_descriptor_get_flags(weld_wasi_ctx *C, uint32_t D,
                                       uint8_t *Out);
int32_t weld_wasi_descriptor_get_type(weld_wasi_ctx *C, uint32_t D,
                                      uint8_t *Out);
int32_t weld_wasi_descriptor_set_size(weld_wasi_ctx *C, uint32_t D,
                                      uint64_t Size);
int32_t weld_wasi_descriptor_set_times(weld_wasi_ctx *C, uint32_t D,
                                       const weld_wasi_new_timestamp *Atime,
                                       const weld_wasi_new_timestamp *Mtime);
/* read: at most Length bytes at Offset; *Eof = 1 at end of file. */
int32_t weld_wasi_descriptor_read(weld_wasi_ctx *C, uint32_t D, uint64_t Length,
                                  uint64_t Offset, weld_wasi_bytes *Out,
                                  uint8_t *Eof);
int32_t weld_wasi_descriptor_write(weld_wasi_ctx *C, uint32_t D,
                                   const uint8_t *Data, size_t Len,
                                   uint64_t Offset, uint64_t *Written);
int32_t weld_wasi_descriptor_read_directory(weld_wasi_ctx *C, uint32_t D,
                                            uint32_t *Out);
int32_t weld_wasi_descriptor_sync(weld_wasi_ctx *C, uint32_t D);
int32_t weld_wasi_descriptor_create_directory_at(weld_wasi_ctx *C, uint32_t D,
                                                 const char *Path, size_t Len);
int32_t weld_wasi_descriptor_stat(weld_wasi_ctx *C, uint32_t D,
                                  weld_wasi_stat *Out);
int32_t weld_wasi_descriptor_stat_at(weld_wasi_ctx *C, uint32_t D,
                                     uint8_t PathFlags, const char *Path,
                                     size_t Len,
                                     weld_wasi_stat *Out);
int32_t weld_wasi_descriptor_set_times_at(weld_wasi_ctx *C, uint32_t D,
                                          uint8_t PathFlags, const char *Path,
                                          size_t Len,
                                          const weld_wasi_new_timestamp *Atime,
                                          const weld_wasi_new_timestamp *Mtime);
int32_t weld_wasi_descriptor_link_at(weld_wasi_ctx *C, uint32_t D,
                                     uint8_t OldPathFlags, const char *OldPath,
                                     size_t OldLen, uint32_t NewD,
                                     const char *NewPath, size_t NewLen);
int32_t weld_wasi_descriptor_open_at(weld_wasi_ctx *C, uint32_t D,
                                     uint8_t PathFlags, const char *Path,
                                     size_t Len, uint8_t OpenFlags,
                                     uint8_t Flags, uint32_t *Out);
int32_t weld_wasi_descriptor_readlink_at(weld_wasi_ctx *C, uint32_t D,
                                         const char *Path, size_t Len,
                                         weld_wasi_string *Out);
int32_t weld_wasi_descriptor_remove_directory_at(weld_wasi_ctx *C, uint32_t D,
                                                 const char *Path, size_t Len);
int32_t weld_wasi_descriptor_rename_at(weld_wasi_ctx *C, uint32_t D,
                                       const char *OldPath, size_t OldLen,
                                       uint32_t NewD, const char *NewPath,
                                       size_t NewLen);
int32_t weld_wasi_descriptor_symlink_at(weld_wasi_ctx *C, uint32_t D,
                                        const char *OldPath, size_t OldLen,
                                        const char *NewPath, size_t NewLen);
int32_t weld_wasi_descriptor_unlink_file_at(weld_wasi_ctx *C, uint32_t D,
                                            const char *Path, size_t Len);
int32_t weld_wasi_descriptor_is_same_object(weld_wasi_ctx *C, uint32_t D,
                                            uint32_t Other, uint8_t *Out);
int32_t weld_wasi_descriptor_metadata_hash(weld_wasi_ctx *C, uint32_t D,
                                           weld_wasi_metadata_hash *Out);
int32_t weld_wasi_descriptor_metadata_hash_at(weld_wasi_ctx *C, uint32_t D,
                                              uint8_t PathFlags,
                                              const char *Path, size_t Len,
                                              weld_wasi_metadata_hash *Out);
/* directory-entry-stream.read-directory-entry: *Some = 0 at the end. */
int32_t weld_wasi_directory_entry_stream_read(weld_wasi_ctx *C, uint32_t S,
                                              uint8_t *Some,
                                              weld_wasi_directory_entry *Out);
/* types.filesystem-error-code: *Some = 1 and *Out (an error code) when the
 * error came from a filesystem operation. */
int32_t weld_wasi_filesystem_error_code(weld_wasi_ctx *C, uint32_t Error,
                                        uint8_t *Some, uint8_t *Out);

/*===-- wasi:sockets --------------------------------------------------------===*/

/* network error-code, as WIT discriminant + 1. */
typedef enum weld_wasi_net_error {
  WELD_WASI_NET_UNKNOWN = 1,
  WELD_WASI_NET_ACCESS_DENIED,
  WELD_WASI_NET_NOT_SUPPORTED,
  WELD_WASI_NET_INVALID_ARGUMENT,
  WELD_WASI_NET_OUT_OF_MEMORY,
  WELD_WASI_NET_TIMEOUT,
  WELD_WASI_NET_CONCURRENCY_CONFLICT,
  WELD_WASI_NET_NOT_IN_PROGRESS,
  WELD_WASI_NET_WOULD_BLOCK,
  WELD_WASI_NET_INVALID_STATE,
  WELD_WASI_NET_NEW_SOCKET_LIMIT,
  WELD_WASI_NET_ADDRESS_NOT_BINDABLE,
  WELD_WASI_NET_ADDRESS_IN_USE,
  WELD_WASI_NET_REMOTE_UNREACHABLE,
  WELD_WASI_NET_CONNECTION_REFUSED,
  WELD_WASI_NET_CONNECTION_RESET,
  WELD_WASI_NET_CONNECTION_ABORTED,
  WELD_WASI_NET_DATAGRAM_TOO_LARGE,
  WELD_WASI_NET_NAME_UNRESOLVABLE,
  WELD_WASI_NET_TEMPORARY_RESOLVER_FAILURE,
  WELD_WASI_NET_PERMANENT_RESOLVER_FAILURE
} weld_wasi_net_error;

/* ip-address-family. */
enum { WELD_WASI_IPV4 = 0, WELD_WASI_IPV6 = 1 };

/* ip-address: family selects v4 (4 octets) or v6 (8 segments, host order). */
typedef struct weld_wasi_ip_address {
  uint8_t family;
  uint8_t pad;
  uint8_t v4[4];
  uint16_t v6[8];
} weld_wasi_ip_address;

/* ip-socket-address (flow_info and scope_id are IPv6 only). */
typedef struct weld_wasi_socket_address {
  weld_wasi_ip_address address;
  uint16_t port;
  uint32_t flow_info;
  uint32_t scope_id;
} weld_wasi_socket_address;

/* shutdown-type. */
enum {
  WELD_WASI_SHUTDOWN_RECEIVE,
  WELD_WASI_SHUTDOWN_SEND,
  WELD_WASI_SHUTDOWN_BOTH
};

/* instance-network.instance-network: a new network handle. */
uint32_t weld_wasi_instance_network(weld_wasi_ctx *C);
/* network-error-code: *Some = 1 and *Out when Error came from a socket. */
int32_t weld_wasi_network_error_code(weld_wasi_ctx *C, uint32_t Error,
                                     uint8_t *Some, uint8_t *Out);

/* tcp-create-socket.create-tcp-socket. */
int32_t weld_wasi_create_tcp_socket(weld_wasi_ctx *C, uint8_t Family,
                                    uint32_t *Out);
int32_t weld_wasi_tcp_start_bind(weld_wasi_ctx *C, uint32_t S, uint32_t Net,
                                 const weld_wasi_socket_address *Local);
int32_t weld_wasi_tcp_finish_bind(weld_wasi_ctx *C, uint32_t S);
int32_t weld_wasi_tcp_start_connect(weld_wasi_ctx *C, uint32_t S, uint32_t Net,
                                    const weld_wasi_socket_address *Remote);
/* finish-connect: the stream pair (children of the socket). */
int32_t weld_wasi_tcp_finish_connect(weld_wasi_ctx *C, uint32_t S,
                                     uint32_t *In, uint32_t *Out);
int32_t weld_wasi_tcp_start_listen(weld_wasi_ctx *C, uint32_t S);
int32_t weld_wasi_tcp_finish_listen(weld_wasi_ctx *C, uint32_t S);
/* accept: a connected socket and its streams. */
int32_t weld_wasi_tcp_accept(weld_wasi_ctx *C, uint32_t S, uint32_t *Socket,
                             uint32_t *In, uint32_t *Out);
int32_t weld_wasi_tcp_local_address(weld_wasi_ctx *C, uint32_t S,
                                    weld_wasi_socket_address *Out);
int32_t weld_wasi_tcp_remote_address(weld_wasi_ctx *C, uint32_t S,
                                     weld_wasi_socket_address *Out);
int32_t weld_wasi_tcp_is_listening(weld_wasi_ctx *C, uint32_t S, uint8_t *Out);
int32_t weld_wasi_tcp_address_family(weld_wasi_ctx *C, uint32_t S,
                                     uint8_t *Out);
int32_t weld_wasi_tcp_set_listen_backlog_size(weld_wasi_ctx *C, uint32_t S,
                                              uint64_t Value);
/* Socket options. Durations are nanoseconds. */
int32_t weld_wasi_tcp_keep_alive_enabled(weld_wasi_ctx *C, uint32_t S,
                                         uint8_t *Out);
int32_t weld_wasi_tcp_set_keep_alive_enabled(weld_wasi_ctx *C, uint32_t S,
                                             uint8_t Value);
int32_t weld_wasi_tcp_keep_alive_idle_time(weld_wasi_ctx *C, uint32_t S,
                                           uint64_t *Out);
int32_t weld_wasi_tcp_set_keep_alive_idle_time(weld_wasi_ctx *C, uint32_t S,
                                               uint64_t Value);
int32_t weld_wasi_tcp_keep_alive_interval(weld_wasi_ctx *C, uint32_t S,
                                          uint64_t *Out);
int32_t weld_wasi_tcp_set_keep_alive_interval(weld_wasi_ctx *C, uint32_t S,
                                              uint64_t Value);
int32_t weld_wasi_tcp_keep_alive_count(weld_wasi_ctx *C, uint32_t S,
                                       uint32_t *Out);
int32_t weld_wasi_tcp_set_keep_alive_count(weld_wasi_ctx *C, uint32_t S,
                                           uint32_t Value);
int32_t weld_wasi_tcp_hop_limit(weld_wasi_ctx *C, uint32_t S, uint8_t *Out);
int32_t weld_wasi_tcp_set_hop_limit(weld_wasi_ctx *C, uint32_t S,
                                    uint8_t Value);
int32_t weld_wasi_tcp_receive_buffer_size(weld_wasi_ctx *C, uint32_t S,
                                          uint64_t *Out);
int32_t weld_wasi_tcp_set_receive_buffer_size(weld_wasi_ctx *C, uint32_t S,
                                              uint64_t Value);
int32_t weld_wasi_tcp_send_buffer_size(weld_wasi_ctx *C, uint32_t S,
                                       uint64_t *Out);
int32_t weld_wasi_tcp_set_send_buffer_size(weld_wasi_ctx *C, uint32_t S,
                                           uint64_t Value);
int32_t weld_wasi_tcp_subscribe(weld_wasi_ctx *C, uint32_t S, uint32_t *Out);
int32_t weld_wasi_tcp_shutdown(weld_wasi_ctx *C, uint32_t S, uint8_t How);

typedef struct weld_wasi_incoming_datagram {
  weld_wasi_bytes data;
  weld_wasi_socket_address remote_address;
} weld_wasi_incoming_datagram;

typedef struct weld_wasi_outgoing_datagram {
  weld_wasi_bytes data;
  uint8_t has_remote_address;
  weld_wasi_socket_address remote_address;
} weld_wasi_outgoing_datagram;

/* udp-create-socket.create-udp-socket. */
int32_t weld_wasi_create_udp_socket(weld_wasi_ctx *C, uint8_t Family,
                                    uint32_t *Out);
int32_t weld_wasi_udp_start_bind(weld_wasi_ctx *C, uint32_t S, uint32_t Net,
                                 const weld_wasi_socket_address *Local);
int32_t weld_wasi_udp_finish_bind(weld_wasi_ctx *C, uint32_t S);
/* udp-socket.stream: Remote may be NULL (none). Earlier streams of the
 * socket stop working. */
int32_t weld_wasi_udp_stream(weld_wasi_ctx *C, uint32_t S,
                             const weld_wasi_socket_address *Remote,
                             uint32_t *In, uint32_t *Out);
int32_t weld_wasi_udp_local_address(weld_wasi_ctx *C, uint32_t S,
                                    weld_wasi_socket_address *Out);
int32_t weld_wasi_udp_remote_address(weld_wasi_ctx *C, uint32_t S,
                                     weld_wasi_socket_address *Out);
int32_t weld_wasi_udp_address_family(weld_wasi_ctx *C, uint32_t S,
                                     uint8_t *Out);
int32_t weld_wasi_udp_unicast_hop_limit(weld_wasi_ctx *C, uint32_t S,
                                        uint8_t *Out);
int32_t weld_wasi_udp_set_unicast_hop_limit(weld_wasi_ctx *C, uint32_t S,
                                            uint8_t Value);
int32_t weld_wasi_udp_receive_buffer_size(weld_wasi_ctx *C, uint32_t S,
                                          uint64_t *Out);
int32_t weld_wasi_udp_set_receive_buffer_size(weld_wasi_ctx *C, uint32_t S,
                                              uint64_t Value);
int32_t weld_wasi_udp_send_buffer_size(weld_wasi_ctx *C, uint32_t S,
                                       uint64_t *Out);
int32_t weld_wasi_udp_set_send_buffer_size(weld_wasi_ctx *C, uint32_t S,
                                           uint64_t Value);
int32_t weld_wasi_udp_subscribe(weld_wasi_ctx *C, uint32_t S, uint32_t *Out);
/* incoming-datagram-stream.receive: at most Max datagrams (maybe none). */
int32_t weld_wasi_incoming_datagram_stream_receive(
    weld_wasi_ctx *C, uint32_t S, uint64_t Max,
    const weld_wasi_incoming_datagram **Out, size_t *Count);
int32_t weld_wasi_incoming_datagram_stream_subscribe(weld_wasi_ctx *C,
                                                     uint32_t S,
                                                     uint32_t *Out);
/* outgoing-datagram-stream.check-send / send (*Sent datagrams). */
int32_t weld_wasi_outgoing_datagram_stream_check_send(weld_wasi_ctx *C,
                                                      uint32_t S,
                                                      uint64_t *Out);
int32_t weld_wasi_outgoing_datagram_stream_send(
    weld_wasi_ctx *C, uint32_t S, const weld_wasi_outgoing_datagram *Datagrams,
    size_t Count, uint64_t *Sent);
int32_t weld_wasi_outgoing_datagram_stream_subscribe(weld_wasi_ctx *C,
                                                     uint32_t S,
                                                     uint32_t *Out);

/* ip-name-lookup.resolve-addresses: a stream of the addresses of Name. */
int32_t weld_wasi_resolve_addresses(weld_wasi_ctx *C, uint32_t Net,
                                    const char *Name, size_t Len,
                                    uint32_t *Out);
/* resolve-address-stream.resolve-next-address: *Some = 0 at the end. */
int32_t weld_wasi_resolve_next_address(weld_wasi_ctx *C, uint32_t S,
                                       uint8_t *Some,
                                       weld_wasi_ip_address *Out);
int32_t weld_wasi_resolve_address_stream_subscribe(weld_wasi_ctx *C,
                                                   uint32_t S, uint32_t *Out);

/*===-- Import names --------------------------------------------------------===*/

/* Every WASI 0.2 import this host serves, for binding generators:
 * X(INTERFACE, NAME, SYMBOL) with the versionless interface name and the
 * component-model function name. Expand it with your own X, e.g.
 *   #define X(I, N, S) {I, N, (void *)&S},
 *   WELD_WASI_FUNCTIONS(X)
 * Resource drops are listed by WELD_WASI_RESOURCES(X) as
 * X(INTERFACE, RESOURCE, KIND) and go through weld_wasi_drop. */
#define WELD_WASI_FUNCTIONS(X)                                                 \
  X("wasi:cli/environment", "get-environment", weld_wasi_get_environment)      \
  X("wasi:cli/environment", "get-arguments", weld_wasi_get_arguments)          \
  X("wasi:cli/environment", "initial-cwd", weld_wasi_initial_cwd)              \
  X("wasi:cli/exit", "exit", weld_wasi_exit)                                   \
  X("wasi:cli/exit", "exit-with-code", weld_wasi_exit_with_code)               \
  X("wasi:cli/stdin", "get-stdin", weld_wasi_get_stdin)                        \
  X("wasi:cli/stdout", "get-stdout", weld_wasi_get_stdout)                     \
  X("wasi:cli/stderr", "get-stderr", weld_wasi_get_stderr)                     \
  X("wasi:cli/terminal-stdin", "get-terminal-stdin",                           \
    weld_wasi_get_terminal_stdin)                                              \
  X("wasi:cli/terminal-stdout", "get-terminal-stdout",                         \
    weld_wasi_get_terminal_stdout)                                             \
  X("wasi:cli/terminal-stderr", "get-terminal-stderr",                         \
    weld_wasi_get_terminal_stderr)                                             \
  X("wasi:io/error", "[method]error.to-debug-string",                          \
    weld_wasi_error_to_debug_string)                                           \
  X("wasi:io/poll", "[method]pollable.ready", weld_wasi_pollable_ready)        \
  X("wasi:io/poll", "[method]pollable.block", weld_wasi_pollable_block)        \
  X("wasi:io/poll", "poll", weld_wasi_poll)                                    \
  X("wasi:io/streams", "[method]input-stream.read",                            \
    weld_wasi_input_stream_read)                                               \
  X("wasi:io/streams", "[method]input-stream.blocking-read",                   \
    weld_wasi_input_stream_blocking_read)                                      \
  X("wasi:io/streams", "[method]input-stream.skip",                            \
    weld_wasi_input_stream_skip)                                               \
  X("wasi:io/streams", "[method]input-stream.blocking-skip",                   \
    weld_wasi_input_stream_blocking_skip)                                      \
  X("wasi:io/streams", "[method]input-stream.subscribe",                       \
    weld_wasi_input_stream_subscribe)                                          \
  X("wasi:io/streams", "[method]output-stream.check-write",                    \
    weld_wasi_output_stream_check_write)                                       \
  X("wasi:io/streams", "[method]output-stream.write",                          \
    weld_wasi_output_stream_write)                                             \
  X("wasi:io/streams", "[method]output-stream.blocking-write-and-flush",       \
    weld_wasi_output_stream_blocking_write_and_flush)                          \
  X("wasi:io/streams", "[method]output-stream.flush",                          \
    weld_wasi_output_stream_flush)                                             \
  X("wasi:io/streams", "[method]output-stream.blocking-flush",                 \
    weld_wasi_output_stream_blocking_flush)                                    \
  X("wasi:io/streams", "[method]output-stream.subscribe",                      \
    weld_wasi_output_stream_subscribe)                                         \
  X("wasi:io/streams", "[method]output-stream.write-zeroes",                   \
    weld_wasi_output_stream_write_zeroes)                                      \
  X("wasi:io/streams",                                                         \
    "[method]output-stream.blocking-write-zeroes-and-flush",                   \
    weld_wasi_output_stream_blocking_write_zeroes_and_flush)                   \
  X("wasi:io/streams", "[method]output-stream.splice",                         \
    weld_wasi_output_stream_splice)                                            \
  X("wasi:io/streams", "[method]output-stream.blocking-splice",                \
    weld_wasi_output_stream_blocking_splice)                                   \
  X("wasi:clocks/monotonic-clock", "now", weld_wasi_monotonic_now)             \
  X("wasi:clocks/monotonic-clock", "resolution",                               \
    weld_wasi_monotonic_resolution)                                            \
  X("wasi:clocks/monotonic-clock", "subscribe-instant",                        \
    weld_wasi_monotonic_subscribe_instant)                                     \
  X("wasi:clocks/monotonic-clock", "subscribe-duration",                       \
    weld_wasi_monotonic_subscribe_duration)                                    \
  X("wasi:clocks/wall-clock", "now", weld_wasi_wall_now)                       \
  X("wasi:clocks/wall-clock", "resolution", weld_wasi_wall_resolution)         \
  X("wasi:random/random", "get-random-bytes", weld_wasi_get_random_bytes)      \
  X("wasi:random/random", "get-random-u64", weld_wasi_get_random_u64)          \
  X("wasi:random/insecure", "get-insecure-random-bytes",                       \
    weld_wasi_get_insecure_random_bytes)                                       \
  X("wasi:random/insecure", "get-insecure-random-u64",                         \
    weld_wasi_get_insecure_random_u64)                                         \
  X("wasi:random/insecure-seed", "insecure-seed", weld_wasi_insecure_seed)     \
  X("wasi:filesystem/preopens", "get-directories", weld_wasi_get_directories)  \
  X("wasi:filesystem/types", "[method]descriptor.read-via-stream",             \
    weld_wasi_descriptor_read_via_stream)                                      \
  X("wasi:filesystem/types", "[method]descriptor.write-via-stream",            \
    weld_wasi_descriptor_write_via_stream)                                     \
  X("wasi:filesystem/types", "[method]descriptor.append-via-stream",           \
    weld_wasi_descriptor_append_via_stream)                                    \
  X("wasi:filesystem/types", "[method]descriptor.advise",                      \
    weld_wasi_descriptor_advise)                                               \
  X("wasi:filesystem/types", "[method]descriptor.sync-data",                   \
    weld_wasi_descriptor_sync_data)                                            \
  X("wasi:filesystem/types", "[method]descriptor.get-flags",                   \
    weld_wasi_descriptor_get_flags)                                            \
  X("wasi:filesystem/types", "[method]descriptor.get-type",                    \
    weld_wasi_descriptor_get_type)                                             \
  X("wasi:filesystem/types", "[method]descriptor.set-size",                    \
    weld_wasi_descriptor_set_size)                                             \
  X("wasi:filesystem/types", "[method]descriptor.set-times",                   \
    weld_wasi_descriptor_set_times)                                            \
  X("wasi:filesystem/types", "[method]descriptor.read",                        \
    weld_wasi_descriptor_read)                                                 \
  X("wasi:filesystem/types", "[method]descriptor.write",                       \
    weld_wasi_descriptor_write)                                                \
  X("wasi:filesystem/types", "[method]descriptor.read-directory",              \
    weld_wasi_descriptor_read_directory)                                       \
  X("wasi:filesystem/types", "[method]descriptor.sync",                        \
    weld_wasi_descriptor_sync)                                                 \
  X("wasi:filesystem/types", "[method]descriptor.create-directory-at",         \
    weld_wasi_descriptor_create_directory_at)                                  \
  X("wasi:filesystem/types", "[method]descriptor.stat",                        \
    weld_wasi_descriptor_stat)                                                 \
  X("wasi:filesystem/types", "[method]descriptor.stat-at",                     \
    weld_wasi_descriptor_stat_at)                                              \
  X("wasi:filesystem/types", "[method]descriptor.set-times-at",                \
    weld_wasi_descriptor_set_times_at)                                         \
  X("wasi:filesystem/types", "[method]descriptor.link-at",                     \
    weld_wasi_descriptor_link_at)                                              \
  X("wasi:filesystem/types", "[method]descriptor.open-at",                     \
    weld_wasi_descriptor_open_at)                                              \
  X("wasi:filesystem/types", "[method]descriptor.readlink-at",                 \
    weld_wasi_descriptor_readlink_at)                                          \
  X("wasi:filesystem/types", "[method]descriptor.remove-directory-at",         \
    weld_wasi_descriptor_remove_directory_at)                                  \
  X("wasi:filesystem/types", "[method]descriptor.rename-at",                   \
    weld_wasi_descriptor_rename_at)                                            \
  X("wasi:filesystem/types", "[method]descriptor.symlink-at",                  \
    weld_wasi_descriptor_symlink_at)                                           \
  X("wasi:filesystem/types", "[method]descriptor.unlink-file-at",              \
    weld_wasi_descriptor_unlink_file_at)                                       \
  X("wasi:filesystem/types", "[method]descriptor.is-same-object",              \
    weld_wasi_descriptor_is_same_object)                                       \
  X("wasi:filesystem/types", "[method]descriptor.metadata-hash",               \
    weld_wasi_descriptor_metadata_hash)                                        \
  X("wasi:filesystem/types", "[method]descriptor.metadata-hash-at",            \
    weld_wasi_descriptor_metadata_hash_at)                                     \
  X("wasi:filesystem/types",                                                   \
    "[method]directory-entry-stream.read-directory-entry",                     \
    weld_wasi_directory_entry_stream_read)                                     \
  X("wasi:filesystem/types", "filesystem-error-code",                          \
    weld_wasi_filesystem_error_code)                                           \
  X("wasi:sockets/instance-network", "instance-network",                       \
    weld_wasi_instance_network)                                                \
  X("wasi:sockets/network", "network-error-code",                              \
    weld_wasi_network_error_code)                                              \
  X("wasi:sockets/tcp-create-socket", "create-tcp-socket",                     \
    weld_wasi_create_tcp_socket)                                               \
  X("wasi:sockets/tcp", "[method]tcp-socket.start-bind",                       \
    weld_wasi_tcp_start_bind)                                                  \
  X("wasi:sockets/tcp", "[method]tcp-socket.finish-bind",                      \
    weld_wasi_tcp_finish_bind)                                                 \
  X("wasi:sockets/tcp", "[method]tcp-socket.start-connect",                    \
    weld_wasi_tcp_start_connect)                                               \
  X("wasi:sockets/tcp", "[method]tcp-socket.finish-connect",                   \
    weld_wasi_tcp_finish_connect)                                              \
  X("wasi:sockets/tcp", "[method]tcp-socket.start-listen",                     \
    weld_wasi_tcp_start_listen)                                                \
  X("wasi:sockets/tcp", "[method]tcp-socket.finish-listen",                    \
    weld_wasi_tcp_finish_listen)                                               \
  X("wasi:sockets/tcp", "[method]tcp-socket.accept", weld_wasi_tcp_accept)     \
  X("wasi:sockets/tcp", "[method]tcp-socket.local-address",                    \
    weld_wasi_tcp_local_address)                                               \
  X("wasi:sockets/tcp", "[method]tcp-socket.remote-address",                   \
    weld_wasi_tcp_remote_address)                                              \
  X("wasi:sockets/tcp", "[method]tcp-socket.is-listening",                     \
    weld_wasi_tcp_is_listening)                                                \
  X("wasi:sockets/tcp", "[method]tcp-socket.address-family",                   \
    weld_wasi_tcp_address_family)                                              \
  X("wasi:sockets/tcp", "[method]tcp-socket.set-listen-backlog-size",          \
    weld_wasi_tcp_set_listen_backlog_size)                                     \
  X("wasi:sockets/tcp", "[method]tcp-socket.keep-alive-enabled",               \
    weld_wasi_tcp_keep_alive_enabled)                                          \
  X("wasi:sockets/tcp", "[method]tcp-socket.set-keep-alive-enabled",           \
    weld_wasi_tcp_set_keep_alive_enabled)                                      \
  X("wasi:sockets/tcp", "[method]tcp-socket.keep-alive-idle-time",             \
    weld_wasi_tcp_keep_alive_idle_time)                                        \
  X("wasi:sockets/tcp", "[method]tcp-socket.set-keep-alive-idle-time",         \
    weld_wasi_tcp_set_keep_alive_idle_time)                                    \
  X("wasi:sockets/tcp", "[method]tcp-socket.keep-alive-interval",              \
    weld_wasi_tcp_keep_alive_interval)                                         \
  X("wasi:sockets/tcp", "[method]tcp-socket.set-keep-alive-interval",          \
    weld_wasi_tcp_set_keep_alive_interval)                                     \
  X("wasi:sockets/tcp", "[method]tcp-socket.keep-alive-count",                 \
    weld_wasi_tcp_keep_alive_count)                                            \
  X("wasi:sockets/tcp", "[method]tcp-socket.set-keep-alive-count",             \
    weld_wasi_tcp_set_keep_alive_count)                                        \
  X("wasi:sockets/tcp", "[method]tcp-socket.hop-limit",                        \
    weld_wasi_tcp_hop_limit)                                                   \
  X("wasi:sockets/tcp", "[method]tcp-socket.set-hop-limit",                    \
    weld_wasi_tcp_set_hop_limit)                                               \
  X("wasi:sockets/tcp", "[method]tcp-socket.receive-buffer-size",              \
    weld_wasi_tcp_receive_buffer_size)                                         \
  X("wasi:sockets/tcp", "[method]tcp-socket.set-receive-buffer-size",          \
    weld_wasi_tcp_set_receive_buffer_size)                                     \
  X("wasi:sockets/tcp", "[method]tcp-socket.send-buffer-size",                 \
    weld_wasi_tcp_send_buffer_size)                                            \
  X("wasi:sockets/tcp", "[method]tcp-socket.set-send-buffer-size",             \
    weld_wasi_tcp_set_send_buffer_size)                                        \
  X("wasi:sockets/tcp", "[method]tcp-socket.subscribe",                        \
    weld_wasi_tcp_subscribe)                                                   \
  X("wasi:sockets/tcp", "[method]tcp-socket.shutdown", weld_wasi_tcp_shutdown) \
  X("wasi:sockets/udp-create-socket", "create-udp-socket",                     \
    weld_wasi_create_udp_socket)                                               \
  X("wasi:sockets/udp", "[method]udp-socket.start-bind",                       \
    weld_wasi_udp_start_bind)                                                  \
  X("wasi:sockets/udp", "[method]udp-socket.finish-bind",                      \
    weld_wasi_udp_finish_bind)                                                 \
  X("wasi:sockets/udp", "[method]udp-socket.stream", weld_wasi_udp_stream)     \
  X("wasi:sockets/udp", "[method]udp-socket.local-address",                    \
    weld_wasi_udp_local_address)                                               \
  X("wasi:sockets/udp", "[method]udp-socket.remote-address",                   \
    weld_wasi_udp_remote_address)                                              \
  X("wasi:sockets/udp", "[method]udp-socket.address-family",                   \
    weld_wasi_udp_address_family)                                              \
  X("wasi:sockets/udp", "[method]udp-socket.unicast-hop-limit",                \
    weld_wasi_udp_unicast_hop_limit)                                           \
  X("wasi:sockets/udp", "[method]udp-socket.set-unicast-hop-limit",            \
    weld_wasi_udp_set_unicast_hop_limit)                                       \
  X("wasi:sockets/udp", "[method]udp-socket.receive-buffer-size",              \
    weld_wasi_udp_receive_buffer_size)                                         \
  X("wasi:sockets/udp", "[method]udp-socket.set-receive-buffer-size",          \
    weld_wasi_udp_set_receive_buffer_size)                                     \
  X("wasi:sockets/udp", "[method]udp-socket.send-buffer-size",                 \
    weld_wasi_udp_send_buffer_size)                                            \
  X("wasi:sockets/udp", "[method]udp-socket.set-send-buffer-size",             \
    weld_wasi_udp_set_send_buffer_size)                                        \
  X("wasi:sockets/udp", "[method]udp-socket.subscribe",                        \
    weld_wasi_udp_subscribe)                                                   \
  X("wasi:sockets/udp", "[method]incoming-datagram-stream.receive",            \
    weld_wasi_incoming_datagram_stream_receive)                                \
  X("wasi:sockets/udp", "[method]incoming-datagram-stream.subscribe",          \
    weld_wasi_incoming_datagram_stream_subscribe)                              \
  X("wasi:sockets/udp", "[method]outgoing-datagram-stream.check-send",         \
    weld_wasi_outgoing_datagram_stream_check_send)                             \
  X("wasi:sockets/udp", "[method]outgoing-datagram-stream.send",               \
    weld_wasi_outgoing_datagram_stream_send)                                   \
  X("wasi:sockets/udp", "[method]outgoing-datagram-stream.subscribe",          \
    weld_wasi_outgoing_datagram_stream_subscribe)                              \
  X("wasi:sockets/ip-name-lookup", "resolve-addresses",                        \
    weld_wasi_resolve_addresses)                                               \
  X("wasi:sockets/ip-name-lookup",                                             \
    "[method]resolve-address-stream.resolve-next-address",                     \
    weld_wasi_resolve_next_address)                                            \
  X("wasi:sockets/ip-name-lookup", "[method]resolve-address-stream.subscribe", \
    weld_wasi_resolve_address_stream_subscribe)

#define WELD_WASI_RESOURCES(X)                                                 \
  X("wasi:io/error", "error", WELD_WASI_KIND_ERROR)                            \
  X("wasi:io/poll", "pollable", WELD_WASI_KIND_POLLABLE)                       \
  X("wasi:io/streams", "input-stream", WELD_WASI_KIND_INPUT_STREAM)            \
  X("wasi:io/streams", "output-stream", WELD_WASI_KIND_OUTPUT_STREAM)          \
  X("wasi:cli/terminal-input", "terminal-input",                               \
    WELD_WASI_KIND_TERMINAL_INPUT)                                             \
  X("wasi:cli/terminal-output", "terminal-output",                             \
    WELD_WASI_KIND_TERMINAL_OUTPUT)                                            \
  X("wasi:filesystem/types", "descriptor", WELD_WASI_KIND_DESCRIPTOR)          \
  X("wasi:filesystem/types", "directory-entry-stream",                         \
    WELD_WASI_KIND_DIRECTORY_ENTRY_STREAM)                                     \
  X("wasi:sockets/network", "network", WELD_WASI_KIND_NETWORK)                 \
  X("wasi:sockets/tcp", "tcp-socket", WELD_WASI_KIND_TCP_SOCKET)               \
  X("wasi:sockets/udp", "udp-socket", WELD_WASI_KIND_UDP_SOCKET)               \
  X("wasi:sockets/udp", "incoming-datagram-stream",                            \
    WELD_WASI_KIND_INCOMING_DATAGRAM_STREAM)                                   \
  X("wasi:sockets/udp", "outgoing-datagram-stream",                            \
    WELD_WASI_KIND_OUTGOING_DATAGRAM_STREAM)                                   \
  X("wasi:sockets/ip-name-lookup", "resolve-address-stream",                   \
    WELD_WASI_KIND_RESOLVE_ADDRESS_STREAM)

#ifdef __cplusplus
}
#endif

#endif /* WELD_WASI_H */
