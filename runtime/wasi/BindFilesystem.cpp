//===- BindFilesystem.cpp - wasi:filesystem imports of a command ----------===//
//
// The wasi:filesystem half of the import bindings (see Bind.cpp for the
// layout rules). Methods take the descriptor handle at offset 0; a path
// flags byte follows at 4 when the method has one, then the path string
// at 8. result<_, error-code> keeps its error at 1, result<own<T>,
// error-code> its payload at 4, and results holding 64-bit values or
// pointers theirs at 8.
//
//===----------------------------------------------------------------------===//

#include "Bind.h"

namespace weld::wasibind {

using StreamFn = int32_t (*)(weld_wasi_ctx *, uint32_t, uint64_t, uint32_t *);

static void viaStream(void *C, const void *A, void *R, StreamFn F) {
  uint32_t S = 0;
  if (fsResult(C, R, 4,
               F(ctx(C), get<uint32_t>(A, 0), get<uint64_t>(A, 8), &S)))
    put<uint32_t>(R, 4, S);
}

void bind_get_directories(void *C, const void *, void *R) {
  const weld_wasi_preopen *P = nullptr;
  size_t N = 0;
  check(C, weld_wasi_get_directories(ctx(C), &P, &N));
  putSpan(R, 0, P, N);
}

void bind_fd_read_via_stream(void *C, const void *A, void *R) {
  viaStream(C, A, R, weld_wasi_descriptor_read_via_stream);
}

void bind_fd_write_via_stream(void *C, const void *A, void *R) {
  viaStream(C, A, R, weld_wasi_descriptor_write_via_stream);
}

void bind_fd_append_via_stream(void *C, const void *A, void *R) {
  uint32_t S = 0;
  if (fsResult(C, R, 4,
               weld_wasi_descriptor_append_via_stream(ctx(C),
                                                      get<uint32_t>(A, 0), &S)))
    put<uint32_t>(R, 4, S);
}

void bind_fd_advise(void *C, const void *A, void *R) {
  fsResult(C, R, 1,
           weld_wasi_descriptor_advise(ctx(C), get<uint32_t>(A, 0),
                                       get<uint64_t>(A, 8),
                                       get<uint64_t>(A, 16),
                                       get<uint8_t>(A, 24)));
}

void bind_fd_sync_data(void *C, const void *A, void *R) {
  fsResult(C, R, 1, weld_wasi_descriptor_sync_data(ctx(C), get<uint32_t>(A, 0)));
}

void bind_fd_sync(void *C, const void *A, void *R) {
  fsResult(C, R, 1, weld_wasi_descriptor_sync(ctx(C), get<uint32_t>(A, 0)));
}

void bind_fd_get_flags(void *C, const void *A, void *R) {
  uint8_t V = 0;
  if (fsResult(C, R, 1,
               weld_wasi_descriptor_get_flags(ctx(C), get<uint32_t>(A, 0), &V)))
    put<uint8_t>(R, 1, V);
}

void bind_fd_get_type(void *C, const void *A, void *R) {
  uint8_t V = 0;
  if (fsResult(C, R, 1,
               weld_wasi_descriptor_get_type(ctx(C), get<uint32_t>(A, 0), &V)))
    put<uint8_t>(R, 1, V);
}

void bind_fd_set_size(void *C, const void *A, void *R) {
  fsResult(C, R, 1,
           weld_wasi_descriptor_set_size(ctx(C), get<uint32_t>(A, 0),
                                         get<uint64_t>(A, 8)));
}

/// new-timestamp is {u8 tag; datetime at 8}: weld_wasi_new_timestamp.
static weld_wasi_new_timestamp timestamp(const void *A, size_t Off) {
  weld_wasi_new_timestamp T{};
  T.tag = get<uint8_t>(A, Off);
  T.value.seconds = get<uint64_t>(A, Off + 8);
  T.value.nanoseconds = get<uint32_t>(A, Off + 16);
  return T;
}

void bind_fd_set_times(void *C, const void *A, void *R) {
  weld_wasi_new_timestamp At = timestamp(A, 8), Mt = timestamp(A, 32);
  fsResult(C, R, 1,
           weld_wasi_descriptor_set_times(ctx(C), get<uint32_t>(A, 0), &At,
                                          &Mt));
}

void bind_fd_set_times_at(void *C, const void *A, void *R) {
  Span P = span(A, 8);
  weld_wasi_new_timestamp At = timestamp(A, 24), Mt = timestamp(A, 48);
  fsResult(C, R, 1,
           weld_wasi_descriptor_set_times_at(ctx(C), get<uint32_t>(A, 0),
                                             get<uint8_t>(A, 4), P.Ptr, P.Len,
                                             &At, &Mt));
}

/// read -> result<tuple<list<u8>, bool>, error-code>.
void bind_fd_read(void *C, const void *A, void *R) {
  weld_wasi_bytes B{};
  uint8_t Eof = 0;
  if (fsResult(C, R, 8,
               weld_wasi_descriptor_read(ctx(C), get<uint32_t>(A, 0),
                                         get<uint64_t>(A, 8),
                                         get<uint64_t>(A, 16), &B, &Eof))) {
    putSpan(R, 8, B.ptr, B.len);
    put<uint8_t>(R, 24, Eof);
  }
}

/// write(buffer: list<u8>, offset) -> result<filesize, error-code>.
void bind_fd_write(void *C, const void *A, void *R) {
  Span D = span(A, 8);
  uint64_t N = 0;
  if (fsResult(C, R, 8,
               weld_wasi_descriptor_write(
                   ctx(C), get<uint32_t>(A, 0),
                   reinterpret_cast<const uint8_t *>(D.Ptr), D.Len,
                   get<uint64_t>(A, 24), &N)))
    put<uint64_t>(R, 8, N);
}

void bind_fd_read_directory(void *C, const void *A, void *R) {
  uint32_t S = 0;
  if (fsResult(C, R, 4,
               weld_wasi_descriptor_read_directory(ctx(C), get<uint32_t>(A, 0),
                                                   &S)))
    put<uint32_t>(R, 4, S);
}

/// (self, path) -> result<_, error-code>.
using PathFn = int32_t (*)(weld_wasi_ctx *, uint32_t, const char *, size_t);
static void pathOp(void *C, const void *A, void *R, PathFn F) {
  Span P = span(A, 8);
  fsResult(C, R, 1, F(ctx(C), get<uint32_t>(A, 0), P.Ptr, P.Len));
}

void bind_fd_create_directory_at(void *C, const void *A, void *R) {
  pathOp(C, A, R, weld_wasi_descriptor_create_directory_at);
}
void bind_fd_remove_directory_at(void *C, const void *A, void *R) {
  pathOp(C, A, R, weld_wasi_descriptor_remove_directory_at);
}
void bind_fd_unlink_file_at(void *C, const void *A, void *R) {
  pathOp(C, A, R, weld_wasi_descriptor_unlink_file_at);
}

/// descriptor-stat is laid out as weld_wasi_stat (96 bytes).
void bind_fd_stat(void *C, const void *A, void *R) {
  weld_wasi_stat S{};
  if (fsResult(C, R, 8,
               weld_wasi_descriptor_stat(ctx(C), get<uint32_t>(A, 0), &S)))
    memcpy(static_cast<char *>(R) + 8, &S, sizeof S);
}

void bind_fd_stat_at(void *C, const void *A, void *R) {
  Span P = span(A, 8);
  weld_wasi_stat S{};
  if (fsResult(C, R, 8,
               weld_wasi_descriptor_stat_at(ctx(C), get<uint32_t>(A, 0),
                                            get<uint8_t>(A, 4), P.Ptr, P.Len,
                                            &S)))
    memcpy(static_cast<char *>(R) + 8, &S, sizeof S);
}

/// link-at(old-path-flags, old-path, new-descriptor, new-path).
void bind_fd_link_at(void *C, const void *A, void *R) {
  Span Old = span(A, 8), New = span(A, 32);
  fsResult(C, R, 1,
           weld_wasi_descriptor_link_at(ctx(C), get<uint32_t>(A, 0),
                                        get<uint8_t>(A, 4), Old.Ptr, Old.Len,
                                        get<uint32_t>(A, 24), New.Ptr,
                                        New.Len));
}

/// open-at(path-flags, path, open-flags, descriptor-flags).
void bind_fd_open_at(void *C, const void *A, void *R) {
  Span P = span(A, 8);
  uint32_t D = 0;
  if (fsResult(C, R, 4,
               weld_wasi_descriptor_open_at(
                   ctx(C), get<uint32_t>(A, 0), get<uint8_t>(A, 4), P.Ptr,
                   P.Len, get<uint8_t>(A, 24), get<uint8_t>(A, 25), &D)))
    put<uint32_t>(R, 4, D);
}

void bind_fd_readlink_at(void *C, const void *A, void *R) {
  Span P = span(A, 8);
  weld_wasi_string S{};
  if (fsResult(C, R, 8,
               weld_wasi_descriptor_readlink_at(ctx(C), get<uint32_t>(A, 0),
                                                P.Ptr, P.Len, &S)))
    putSpan(R, 8, S.ptr, S.len);
}

/// rename-at(old-path, new-descriptor, new-path).
void bind_fd_rename_at(void *C, const void *A, void *R) {
  Span Old = span(A, 8), New = span(A, 32);
  fsResult(C, R, 1,
           weld_wasi_descriptor_rename_at(ctx(C), get<uint32_t>(A, 0), Old.Ptr,
                                          Old.Len, get<uint32_t>(A, 24),
                                          New.Ptr, New.Len));
}

/// symlink-at(old-path, new-path).
void bind_fd_symlink_at(void *C, const void *A, void *R) {
  Span Old = span(A, 8), New = span(A, 24);
  fsResult(C, R, 1,
           weld_wasi_descriptor_symlink_at(ctx(C), get<uint32_t>(A, 0),
                                           Old.Ptr, Old.Len, New.Ptr,
                                           New.Len));
}

void bind_fd_is_same_object(void *C, const void *A, void *R) {
  uint8_t Same = 0;
  check(C, weld_wasi_descriptor_is_same_object(ctx(C), get<uint32_t>(A, 0),
                                               get<uint32_t>(A, 4), &Same));
  put<uint8_t>(R, 0, Same);
}

void bind_fd_metadata_hash(void *C, const void *A, void *R) {
  weld_wasi_metadata_hash H{};
  if (fsResult(C, R, 8,
               weld_wasi_descriptor_metadata_hash(ctx(C), get<uint32_t>(A, 0),
                                                  &H))) {
    put<uint64_t>(R, 8, H.lower);
    put<uint64_t>(R, 16, H.upper);
  }
}

void bind_fd_metadata_hash_at(void *C, const void *A, void *R) {
  Span P = span(A, 8);
  weld_wasi_metadata_hash H{};
  if (fsResult(C, R, 8,
               weld_wasi_descriptor_metadata_hash_at(
                   ctx(C), get<uint32_t>(A, 0), get<uint8_t>(A, 4), P.Ptr,
                   P.Len, &H))) {
    put<uint64_t>(R, 8, H.lower);
    put<uint64_t>(R, 16, H.upper);
  }
}

/// -> result<option<directory-entry>, error-code>: the option at 8, the
/// entry (weld_wasi_directory_entry's layout) at 16.
void bind_dir_read_entry(void *C, const void *A, void *R) {
  uint8_t Some = 0;
  weld_wasi_directory_entry E{};
  if (!fsResult(C, R, 8,
                weld_wasi_directory_entry_stream_read(
                    ctx(C), get<uint32_t>(A, 0), &Some, &E)))
    return;
  put<uint8_t>(R, 8, Some);
  if (!Some)
    return;
  put<uint8_t>(R, 16, E.type);
  putSpan(R, 24, E.name.ptr, E.name.len);
}

/// filesystem-error-code(borrow<error>) -> option<error-code>.
void bind_filesystem_error_code(void *C, const void *A, void *R) {
  uint8_t Some = 0, Code = 0;
  check(C, weld_wasi_filesystem_error_code(ctx(C), get<uint32_t>(A, 0), &Some,
                                           &Code));
  put<uint8_t>(R, 0, Some);
  // The host gives the discriminant plus one, as for its statuses.
  put<uint8_t>(R, 1, Some && Code ? uint8_t(Code - 1) : 0);
}

} // namespace weld::wasibind
