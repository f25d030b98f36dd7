//===- WasiFilesystemTest.cpp - wasi:filesystem host and its sandbox ------===//
//
// Every test runs twice: with openat2(2) resolution and with the portable
// component walk, so both ways of confining paths face every escape
// vector. The fixture builds a sandbox next to a secret file and plants
// symlinks that try to reach it.
//
//===----------------------------------------------------------------------===//

#include "weld/wasi.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <atomic>
#include <fcntl.h>
#include <stdlib.h>
#include <string>
#include <thread>
#include <linux/fs.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace {

std::string readHostFile(const std::string &Path) {
  std::string S;
  int Fd = open(Path.c_str(), O_RDONLY);
  if (Fd < 0)
    return "<missing>";
  char Buf[256];
  ssize_t N;
  while ((N = read(Fd, Buf, sizeof(Buf))) > 0)
    S.append(Buf, size_t(N));
  close(Fd);
  return S;
}

void writeHostFile(const std::string &Path, const std::string &Text) {
  int Fd = open(Path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(Fd, 0);
  ASSERT_EQ(write(Fd, Text.data(), Text.size()), ssize_t(Text.size()));
  close(Fd);
}

bool hostExists(const std::string &Path) {
  struct stat St;
  return lstat(Path.c_str(), &St) == 0;
}

class WasiFs : public ::testing::TestWithParam<bool> {
protected:
  std::string Root, Box;
  weld_wasi_ctx *C = nullptr;
  uint32_t Dir = 0;

  void SetUp() override {
    char Tmpl[] = "/tmp/weld-wasi-fs-XXXXXX";
    ASSERT_NE(mkdtemp(Tmpl), nullptr);
    Root = Tmpl;
    Box = Root + "/sandbox";
    ASSERT_EQ(mkdir(Box.c_str(), 0755), 0);
    writeHostFile(Root + "/secret", "top secret");
    writeHostFile(Box + "/file.txt", "hello");
    ASSERT_EQ(mkdir((Box + "/sub").c_str(), 0755), 0);
    ASSERT_EQ(mkdir((Box + "/sub/deeper").c_str(), 0755), 0);
    writeHostFile(Box + "/sub/inner.txt", "inner");
    link("sub/inner.txt", "link_in");
    link("sub", "link_dir");
    link((Root + "/secret").c_str(), "link_out_abs");
    link("../secret", "link_out_rel");
    link("chain2", "chain1");
    link("sub/../../secret", "chain2");
    link("../../secret", "sub/link_up");
    link("..", "dirlink_out");
    link("loop2", "loop1");
    link("loop1", "loop2");
    link("../file.txt", "sub/ok_up");
    link("../newfile", "dangling_out");
    link("made.txt", "dangling_in");
    open(GetParam());
  }

  void link(const char *Target, const char *Name) {
    ASSERT_EQ(symlink(Target, (Box + "/" + Name).c_str()), 0) << Name;
  }

  void open(bool Walk, bool ReadOnly = false) {
    if (C)
      weld_wasi_ctx_free(C);
    weld_wasi_policy *P = weld_wasi_policy_new();
    ASSERT_EQ(weld_wasi_policy_preopen(P, (Box + "::/sandbox").c_str(),
                                       ReadOnly),
              nullptr);
    const char *Argv[] = {"prog"};
    const char *Error = nullptr;
    C = weld_wasi_ctx_new(P, 1, Argv, &Error);
    weld_wasi_policy_free(P);
    ASSERT_NE(C, nullptr) << Error;
    weld_wasi_ctx_force_path_walk(C, Walk);
    const weld_wasi_preopen *Pre;
    size_t N;
    ASSERT_EQ(weld_wasi_get_directories(C, &Pre, &N), 0);
    ASSERT_EQ(N, 1u);
    EXPECT_EQ(std::string(Pre[0].path.ptr, Pre[0].path.len), "/sandbox");
    Dir = Pre[0].descriptor;
  }

  void TearDown() override {
    weld_wasi_ctx_free(C);
    std::string Cmd = "rm -rf '" + Root + "'";
    ASSERT_EQ(system(Cmd.c_str()), 0);
  }

  /// open-at for reading; the status, and the descriptor in *Out.
  int32_t openRead(const std::string &Path, bool Follow = true,
                   uint32_t *Out = nullptr) {
    uint32_t D = 0;
    int32_t R = weld_wasi_descriptor_open_at(
        C, Dir, Follow ? WELD_WASI_PATH_SYMLINK_FOLLOW : 0, Path.data(),
        Path.size(), 0, WELD_WASI_DESCRIPTOR_READ, &D);
    if (Out)
      *Out = D;
    else if (R == 0)
      weld_wasi_drop(C, WELD_WASI_KIND_DESCRIPTOR, D);
    return R;
  }

  std::string readAll(uint32_t D) {
    weld_wasi_bytes B;
    uint8_t Eof;
    EXPECT_EQ(weld_wasi_descriptor_read(C, D, 1000, 0, &B, &Eof), 0);
    return std::string(reinterpret_cast<const char *>(B.ptr), B.len);
  }

  std::string contentsOf(const std::string &Path) {
    uint32_t D;
    if (openRead(Path, true, &D) != 0)
      return "<error>";
    std::string S = readAll(D);
    weld_wasi_drop(C, WELD_WASI_KIND_DESCRIPTOR, D);
    return S;
  }
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Resolution, WasiFs, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool> &I) {
                           return I.param ? "Walk" : "Openat2";
                         });

TEST_P(WasiFs, EscapesAreNotPermitted) {
  const char *Escapes[] = {"../secret",
                           "sub/../../secret",
                           "/etc/passwd",
                           "/",
                           "..",
                           "link_out_abs",
                           "link_out_rel",
                           "chain1",
                           "sub/link_up",
                           "dirlink_out/secret",
                           "dirlink_out/sandbox/file.txt",
                           "link_dir/../../secret",
                           "sub/deeper/../../../secret",
                           "./../sandbox/file.txt"};
  for (const char *P : Escapes)
    EXPECT_EQ(openRead(P), WELD_WASI_FS_NOT_PERMITTED) << P;
}

TEST_P(WasiFs, LegitimatePathsResolve) {
  EXPECT_EQ(contentsOf("file.txt"), "hello");
  EXPECT_EQ(contentsOf("sub/inner.txt"), "inner");
  EXPECT_EQ(contentsOf("sub/../file.txt"), "hello");
  EXPECT_EQ(contentsOf("./sub/./inner.txt"), "inner");
  EXPECT_EQ(contentsOf("sub//deeper/../inner.txt"), "inner");
  EXPECT_EQ(contentsOf("link_in"), "inner");
  EXPECT_EQ(contentsOf("link_dir/inner.txt"), "inner");
  EXPECT_EQ(contentsOf("sub/ok_up"), "hello");
  EXPECT_EQ(contentsOf("link_dir/../file.txt"), "hello");
}

TEST_P(WasiFs, SymlinkFollowFlagAndLoops) {
  // Without symlink-follow a final symlink is not opened.
  EXPECT_EQ(openRead("link_in", false), WELD_WASI_FS_LOOP);
  // Intermediate symlinks are always followed (inside the sandbox).
  EXPECT_EQ(openRead("link_dir/inner.txt", false), 0);
  EXPECT_EQ(openRead("loop1"), WELD_WASI_FS_LOOP);
  EXPECT_EQ(openRead("missing"), WELD_WASI_FS_NO_ENTRY);
  EXPECT_EQ(openRead(""), WELD_WASI_FS_NO_ENTRY);
}

TEST_P(WasiFs, CreatingThroughAnOutwardSymlinkIsRefused) {
  uint32_t D;
  std::string P = "dangling_out";
  EXPECT_EQ(weld_wasi_descriptor_open_at(
                C, Dir, WELD_WASI_PATH_SYMLINK_FOLLOW, P.data(), P.size(),
                WELD_WASI_OPEN_CREATE, WELD_WASI_DESCRIPTOR_WRITE, &D),
            WELD_WASI_FS_NOT_PERMITTED);
  EXPECT_FALSE(hostExists(Root + "/newfile"));
  // A dangling symlink inside the sandbox creates its target there.
  P = "dangling_in";
  ASSERT_EQ(weld_wasi_descriptor_open_at(
                C, Dir, WELD_WASI_PATH_SYMLINK_FOLLOW, P.data(), P.size(),
                WELD_WASI_OPEN_CREATE, WELD_WASI_DESCRIPTOR_WRITE, &D),
            0);
  EXPECT_TRUE(hostExists(Box + "/made.txt"));
}

TEST_P(WasiFs, PathOperationsStayInside) {
  weld_wasi_stat St;
  auto statAt = [&](const std::string &P, bool Follow) {
    return weld_wasi_descriptor_stat_at(
        C, Dir, Follow ? WELD_WASI_PATH_SYMLINK_FOLLOW : 0, P.data(),
        P.size(), &St);
  };
  EXPECT_EQ(statAt("../secret", true), WELD_WASI_FS_NOT_PERMITTED);
  EXPECT_EQ(statAt("link_out_abs", true), WELD_WASI_FS_NOT_PERMITTED);
  // The link itself is inside: lstat is fine.
  ASSERT_EQ(statAt("link_out_abs", false), 0);
  EXPECT_EQ(St.type, WELD_WASI_TYPE_SYMBOLIC_LINK);

  std::string P = "../made";
  EXPECT_EQ(weld_wasi_descriptor_create_directory_at(C, Dir, P.data(),
                                                     P.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  P = "../secret";
  EXPECT_EQ(weld_wasi_descriptor_unlink_file_at(C, Dir, P.data(), P.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  P = "dirlink_out/secret";
  EXPECT_EQ(weld_wasi_descriptor_unlink_file_at(C, Dir, P.data(), P.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  EXPECT_TRUE(hostExists(Root + "/secret"));
  std::string From = "file.txt", To = "../stolen";
  EXPECT_EQ(weld_wasi_descriptor_rename_at(C, Dir, From.data(), From.size(),
                                           Dir, To.data(), To.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  From = "link_out_rel";
  To = "hardlink";
  EXPECT_EQ(weld_wasi_descriptor_link_at(
                C, Dir, WELD_WASI_PATH_SYMLINK_FOLLOW, From.data(),
                From.size(), Dir, To.data(), To.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  std::string Target = "/etc/passwd", Name = "new_abs_link";
  EXPECT_EQ(weld_wasi_descriptor_symlink_at(C, Dir, Target.data(),
                                            Target.size(), Name.data(),
                                            Name.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  weld_wasi_new_timestamp Now = {1, {}, {}};
  P = "link_out_rel";
  EXPECT_EQ(weld_wasi_descriptor_set_times_at(
                C, Dir, WELD_WASI_PATH_SYMLINK_FOLLOW, P.data(), P.size(),
                &Now, &Now),
            WELD_WASI_FS_NOT_PERMITTED);
  weld_wasi_string S;
  P = "link_out_abs";
  EXPECT_EQ(weld_wasi_descriptor_readlink_at(C, Dir, P.data(), P.size(), &S),
            WELD_WASI_FS_NOT_PERMITTED);
  P = "link_in";
  ASSERT_EQ(weld_wasi_descriptor_readlink_at(C, Dir, P.data(), P.size(), &S),
            0);
  EXPECT_EQ(std::string(S.ptr, S.len), "sub/inner.txt");
}

TEST_P(WasiFs, OpenFlagsAndErrorCodes) {
  uint32_t D;
  auto openAt = [&](const std::string &P, uint8_t OFlags, uint8_t Flags) {
    return weld_wasi_descriptor_open_at(C, Dir, 0, P.data(), P.size(), OFlags,
                                        Flags, &D);
  };
  EXPECT_EQ(openAt("file.txt", WELD_WASI_OPEN_CREATE | WELD_WASI_OPEN_EXCLUSIVE,
                   WELD_WASI_DESCRIPTOR_WRITE),
            WELD_WASI_FS_EXIST);
  EXPECT_EQ(openAt("file.txt", WELD_WASI_OPEN_DIRECTORY,
                   WELD_WASI_DESCRIPTOR_READ),
            WELD_WASI_FS_NOT_DIRECTORY);
  EXPECT_EQ(openAt("sub", 0, WELD_WASI_DESCRIPTOR_WRITE),
            WELD_WASI_FS_IS_DIRECTORY);
  EXPECT_EQ(openAt("file.txt/", 0, WELD_WASI_DESCRIPTOR_READ),
            WELD_WASI_FS_NOT_DIRECTORY);
  EXPECT_EQ(openAt("nope/x", WELD_WASI_OPEN_CREATE,
                   WELD_WASI_DESCRIPTOR_WRITE),
            WELD_WASI_FS_NO_ENTRY);

  // Truncate, then the descriptor's flags govern what it may do.
  ASSERT_EQ(openAt("file.txt", WELD_WASI_OPEN_TRUNCATE,
                   WELD_WASI_DESCRIPTOR_WRITE),
            0);
  weld_wasi_bytes B;
  uint8_t Eof;
  EXPECT_EQ(weld_wasi_descriptor_read(C, D, 10, 0, &B, &Eof),
            WELD_WASI_FS_BAD_DESCRIPTOR);
  uint64_t Written;
  const uint8_t Data[] = {'a', 'b', 'c'};
  EXPECT_EQ(weld_wasi_descriptor_write(C, D, Data, 3, 2, &Written), 0);
  EXPECT_EQ(Written, 3u);
  uint8_t Flags;
  EXPECT_EQ(weld_wasi_descriptor_get_flags(C, D, &Flags), 0);
  EXPECT_EQ(Flags, WELD_WASI_DESCRIPTOR_WRITE);
  EXPECT_EQ(std::string(readHostFile(Box + "/file.txt")),
            std::string("\0\0abc", 5));
  uint32_t Sub;
  ASSERT_EQ(openAt("sub", WELD_WASI_OPEN_DIRECTORY, WELD_WASI_DESCRIPTOR_READ),
            0);
  Sub = D;
  // The subdirectory was opened without mutate-directory.
  std::string P = "x";
  EXPECT_EQ(weld_wasi_descriptor_create_directory_at(C, Sub, P.data(),
                                                     P.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  EXPECT_EQ(weld_wasi_descriptor_open_at(C, D, 0, P.data(), P.size(), 0,
                                         WELD_WASI_DESCRIPTOR_READ, &D),
            WELD_WASI_FS_NO_ENTRY);
  // Directory operations on a file descriptor.
  uint32_t F;
  ASSERT_EQ(openRead("file.txt", true, &F), 0);
  EXPECT_EQ(weld_wasi_descriptor_open_at(C, F, 0, P.data(), P.size(), 0,
                                         WELD_WASI_DESCRIPTOR_READ, &D),
            WELD_WASI_FS_NOT_DIRECTORY);
}

TEST_P(WasiFs, ReadOnlyPreopenRefusesMutation) {
  open(GetParam(), /*ReadOnly=*/true);
  uint32_t D;
  std::string P = "new.txt";
  EXPECT_EQ(weld_wasi_descriptor_open_at(C, Dir, 0, P.data(), P.size(),
                                         WELD_WASI_OPEN_CREATE,
                                         WELD_WASI_DESCRIPTOR_WRITE, &D),
            WELD_WASI_FS_NOT_PERMITTED);
  P = "file.txt";
  EXPECT_EQ(weld_wasi_descriptor_unlink_file_at(C, Dir, P.data(), P.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  EXPECT_EQ(contentsOf("file.txt"), "hello");
}

TEST_P(WasiFs, Streams) {
  uint32_t D, Out, In, Err;
  std::string P = "log.txt";
  ASSERT_EQ(weld_wasi_descriptor_open_at(
                C, Dir, 0, P.data(), P.size(), WELD_WASI_OPEN_CREATE,
                WELD_WASI_DESCRIPTOR_READ | WELD_WASI_DESCRIPTOR_WRITE, &D),
            0);
  ASSERT_EQ(weld_wasi_descriptor_write_via_stream(C, D, 0, &Out), 0);
  uint64_t Permit;
  ASSERT_EQ(weld_wasi_output_stream_check_write(C, Out, &Permit, &Err), 0);
  ASSERT_GE(Permit, 5u);
  EXPECT_EQ(weld_wasi_output_stream_write(
                C, Out, reinterpret_cast<const uint8_t *>("first"), 5, &Err),
            0);
  EXPECT_EQ(weld_wasi_output_stream_blocking_flush(C, Out, &Err), 0);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_OUTPUT_STREAM, Out), 0);
  ASSERT_EQ(weld_wasi_descriptor_append_via_stream(C, D, &Out), 0);
  EXPECT_EQ(weld_wasi_output_stream_blocking_write_and_flush(
                C, Out, reinterpret_cast<const uint8_t *>("+more"), 5, &Err),
            0);
  ASSERT_EQ(weld_wasi_output_stream_check_write(C, Out, &Permit, &Err), 0);
  EXPECT_EQ(weld_wasi_output_stream_write_zeroes(C, Out, 2, &Err), 0);
  // Writing more than check-write allowed is a trap.
  EXPECT_EQ(weld_wasi_output_stream_write(C, Out, nullptr, Permit, &Err),
            WELD_WASI_TRAP);
  EXPECT_EQ(readHostFile(Box + "/log.txt"), std::string("first+more\0\0", 12));

  ASSERT_EQ(weld_wasi_descriptor_read_via_stream(C, D, 6, &In), 0);
  weld_wasi_bytes B;
  ASSERT_EQ(weld_wasi_input_stream_blocking_read(C, In, 4, &B, &Err), 0);
  EXPECT_EQ(std::string(reinterpret_cast<const char *>(B.ptr), B.len), "more");
  uint64_t Skipped;
  EXPECT_EQ(weld_wasi_input_stream_skip(C, In, 100, &Skipped, &Err), 0);
  EXPECT_EQ(Skipped, 2u);
  EXPECT_EQ(weld_wasi_input_stream_read(C, In, 10, &B, &Err),
            WELD_WASI_STREAM_CLOSED);
  // A file stream's pollable is always ready.
  uint32_t Poll;
  uint8_t Ready;
  ASSERT_EQ(weld_wasi_input_stream_subscribe(C, In, &Poll), 0);
  EXPECT_EQ(weld_wasi_pollable_ready(C, Poll, &Ready), 0);
  EXPECT_EQ(Ready, 1);
  // A stream with a live pollable cannot be dropped; the descriptor can.
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_INPUT_STREAM, In), WELD_WASI_TRAP);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_DESCRIPTOR, D), 0);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, Poll), 0);
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_INPUT_STREAM, In), 0);
  // Reading a directory descriptor through a stream is refused.
  EXPECT_EQ(weld_wasi_descriptor_read_via_stream(C, Dir, 0, &In),
            WELD_WASI_FS_IS_DIRECTORY);
}

TEST_P(WasiFs, DirectoryListingStatAndMutation) {
  std::string P = "newdir";
  ASSERT_EQ(weld_wasi_descriptor_create_directory_at(C, Dir, P.data(),
                                                     P.size()),
            0);
  EXPECT_EQ(weld_wasi_descriptor_create_directory_at(C, Dir, P.data(),
                                                     P.size()),
            WELD_WASI_FS_EXIST);
  uint32_t S;
  ASSERT_EQ(weld_wasi_descriptor_read_directory(C, Dir, &S), 0);
  std::vector<std::string> Names;
  for (;;) {
    uint8_t Some;
    weld_wasi_directory_entry E;
    ASSERT_EQ(weld_wasi_directory_entry_stream_read(C, S, &Some, &E), 0);
    if (!Some)
      break;
    Names.push_back(std::string(E.name.ptr, E.name.len));
    if (Names.back() == "newdir")
      EXPECT_EQ(E.type, WELD_WASI_TYPE_DIRECTORY);
    if (Names.back() == "link_in")
      EXPECT_EQ(E.type, WELD_WASI_TYPE_SYMBOLIC_LINK);
  }
  std::sort(Names.begin(), Names.end());
  std::vector<std::string> Want = {
      "chain1",  "chain2",   "dangling_in", "dangling_out", "dirlink_out",
      "file.txt", "link_dir", "link_in",    "link_out_abs", "link_out_rel",
      "loop1",    "loop2",    "newdir",     "sub"};
  EXPECT_EQ(Names, Want);

  weld_wasi_stat St;
  P = "file.txt";
  ASSERT_EQ(weld_wasi_descriptor_stat_at(C, Dir, 0, P.data(), P.size(), &St),
            0);
  EXPECT_EQ(St.type, WELD_WASI_TYPE_REGULAR_FILE);
  EXPECT_EQ(St.size, 5u);
  EXPECT_EQ(St.link_count, 1u);
  EXPECT_TRUE(St.data_modification_timestamp.is_some);
  ASSERT_EQ(weld_wasi_descriptor_stat(C, Dir, &St), 0);
  EXPECT_EQ(St.type, WELD_WASI_TYPE_DIRECTORY);

  // Timestamps can be set explicitly.
  weld_wasi_new_timestamp T = {2, {}, {1000000000, 5, 0}};
  weld_wasi_new_timestamp Keep = {0, {}, {}};
  ASSERT_EQ(weld_wasi_descriptor_set_times_at(C, Dir, 0, P.data(), P.size(),
                                              &Keep, &T),
            0);
  ASSERT_EQ(weld_wasi_descriptor_stat_at(C, Dir, 0, P.data(), P.size(), &St),
            0);
  EXPECT_EQ(St.data_modification_timestamp.value.seconds, 1000000000u);
  EXPECT_EQ(St.data_modification_timestamp.value.nanoseconds, 5u);

  // Same object, metadata hashes.
  uint32_t A, B;
  ASSERT_EQ(openRead("file.txt", true, &A), 0);
  ASSERT_EQ(openRead("sub/ok_up", true, &B), 0);
  uint8_t Same;
  EXPECT_EQ(weld_wasi_descriptor_is_same_object(C, A, B, &Same), 0);
  EXPECT_EQ(Same, 1);
  weld_wasi_metadata_hash H1, H2, H3;
  EXPECT_EQ(weld_wasi_descriptor_metadata_hash(C, A, &H1), 0);
  P = "link_in";
  EXPECT_EQ(weld_wasi_descriptor_metadata_hash_at(
                C, Dir, WELD_WASI_PATH_SYMLINK_FOLLOW, P.data(), P.size(),
                &H2),
            0);
  EXPECT_EQ(weld_wasi_descriptor_metadata_hash(C, B, &H3), 0);
  EXPECT_TRUE(H1.lower == H3.lower && H1.upper == H3.upper);
  EXPECT_FALSE(H1.lower == H2.lower && H1.upper == H2.upper);

  // Rename, unlink, remove-directory.
  std::string From = "file.txt", To = "sub/renamed.txt";
  ASSERT_EQ(weld_wasi_descriptor_rename_at(C, Dir, From.data(), From.size(),
                                           Dir, To.data(), To.size()),
            0);
  EXPECT_EQ(readHostFile(Box + "/sub/renamed.txt"), "hello");
  EXPECT_EQ(weld_wasi_descriptor_unlink_file_at(C, Dir, To.data(), To.size()),
            0);
  EXPECT_FALSE(hostExists(Box + "/sub/renamed.txt"));
  P = "sub";
  EXPECT_EQ(weld_wasi_descriptor_unlink_file_at(C, Dir, P.data(), P.size()),
            WELD_WASI_FS_IS_DIRECTORY);
  EXPECT_EQ(weld_wasi_descriptor_remove_directory_at(C, Dir, P.data(),
                                                     P.size()),
            WELD_WASI_FS_NOT_EMPTY);
  P = "newdir";
  EXPECT_EQ(weld_wasi_descriptor_remove_directory_at(C, Dir, P.data(),
                                                     P.size()),
            0);
  // Hard links and relative symlinks inside the sandbox work.
  From = "sub/inner.txt";
  To = "hard.txt";
  EXPECT_EQ(weld_wasi_descriptor_link_at(C, Dir, 0, From.data(), From.size(),
                                         Dir, To.data(), To.size()),
            0);
  std::string Target = "sub/inner.txt", Name = "soft.txt";
  EXPECT_EQ(weld_wasi_descriptor_symlink_at(C, Dir, Target.data(),
                                            Target.size(), Name.data(),
                                            Name.size()),
            0);
  EXPECT_EQ(contentsOf("hard.txt"), "inner");
  EXPECT_EQ(contentsOf("soft.txt"), "inner");
}

TEST_P(WasiFs, SetSizeSyncAdviseAndType) {
  uint32_t D;
  std::string P = "file.txt";
  ASSERT_EQ(weld_wasi_descriptor_open_at(
                C, Dir, 0, P.data(), P.size(), 0,
                WELD_WASI_DESCRIPTOR_READ | WELD_WASI_DESCRIPTOR_WRITE, &D),
            0);
  EXPECT_EQ(weld_wasi_descriptor_set_size(C, D, 2), 0);
  EXPECT_EQ(readHostFile(Box + "/file.txt"), "he");
  EXPECT_EQ(weld_wasi_descriptor_sync(C, D), 0);
  EXPECT_EQ(weld_wasi_descriptor_sync_data(C, D), 0);
  EXPECT_EQ(weld_wasi_descriptor_advise(C, D, 0, 0,
                                        WELD_WASI_ADVICE_SEQUENTIAL),
            0);
  uint8_t Type;
  EXPECT_EQ(weld_wasi_descriptor_get_type(C, D, &Type), 0);
  EXPECT_EQ(Type, WELD_WASI_TYPE_REGULAR_FILE);
  weld_wasi_bytes B;
  uint8_t Eof;
  ASSERT_EQ(weld_wasi_descriptor_read(C, D, 10, 0, &B, &Eof), 0);
  EXPECT_EQ(B.len, 2u);
  EXPECT_EQ(Eof, 1);
  // Handles are checked: a dropped descriptor's handle traps.
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_DESCRIPTOR, D), 0);
  EXPECT_EQ(weld_wasi_descriptor_get_type(C, D, &Type), WELD_WASI_TRAP);
  EXPECT_EQ(std::string(weld_wasi_trap_message(C)),
            "unknown handle index " + std::to_string(D));
  EXPECT_EQ(weld_wasi_drop(C, WELD_WASI_KIND_DESCRIPTOR, D), WELD_WASI_TRAP);
  // Dropping names the handle, in wasmtime's words.
  EXPECT_EQ(std::string(weld_wasi_trap_message(C)),
            "unknown handle index " + std::to_string(D));
}

TEST_P(WasiFs, OddPathsAreRejectedCleanly) {
  std::string Nul("file.txt\0x", 10);
  EXPECT_EQ(openRead(Nul), WELD_WASI_FS_INVALID);
  std::string Long(5000, 'a');
  EXPECT_EQ(openRead(Long), WELD_WASI_FS_NAME_TOO_LONG);
  std::string LongName(300, 'b');
  EXPECT_EQ(openRead(LongName), WELD_WASI_FS_NAME_TOO_LONG);
  // "." and ".." as final components of mutating operations.
  std::string P = ".";
  EXPECT_EQ(weld_wasi_descriptor_create_directory_at(C, Dir, P.data(),
                                                     P.size()),
            WELD_WASI_FS_EXIST);
  P = "sub/..";
  EXPECT_NE(weld_wasi_descriptor_remove_directory_at(C, Dir, P.data(),
                                                     P.size()),
            0);
  P = "..";
  EXPECT_EQ(weld_wasi_descriptor_remove_directory_at(C, Dir, P.data(),
                                                     P.size()),
            WELD_WASI_FS_NOT_PERMITTED);
  EXPECT_TRUE(hostExists(Box + "/sub"));
  // The preopen itself is reachable as ".".
  weld_wasi_stat St;
  P = ".";
  EXPECT_EQ(weld_wasi_descriptor_stat_at(C, Dir, 0, P.data(), P.size(), &St),
            0);
  EXPECT_EQ(St.type, WELD_WASI_TYPE_DIRECTORY);
}

// A concurrent process swaps a directory of the sandbox with a symlink
// that points out of it, as fast as it can, while the guest opens a file
// beneath that name. The guest may see the inside file or an error, never
// the secret.
TEST_P(WasiFs, RenameRacesNeverEscape) {
  ASSERT_EQ(mkdir((Box + "/swap").c_str(), 0755), 0);
  writeHostFile(Box + "/swap/secret", "inside");
  link("..", "swapalt");
  std::atomic<bool> Stop{false};
  std::string A = Box + "/swap", B = Box + "/swapalt";
  std::thread Swapper([&] {
    while (!Stop.load())
      syscall(SYS_renameat2, AT_FDCWD, A.c_str(), AT_FDCWD, B.c_str(),
              RENAME_EXCHANGE);
  });
  int Inside = 0, Refused = 0;
  for (int I = 0; I < 4000; ++I) {
    std::string Got = contentsOf("swap/secret");
    ASSERT_NE(Got, "top secret") << "escaped after " << I << " tries";
    (Got == "inside" ? Inside : Refused)++;
  }
  Stop = true;
  Swapper.join();
  EXPECT_GT(Inside + Refused, 0);
  RecordProperty("inside", Inside);
  RecordProperty("refused", Refused);
}

TEST_P(WasiFs, SpliceBetweenFileStreams) {
  uint32_t Src, Dst, In, Out, Err;
  ASSERT_EQ(openRead("sub/inner.txt", true, &Src), 0);
  std::string P = "copy.txt";
  ASSERT_EQ(weld_wasi_descriptor_open_at(C, Dir, 0, P.data(), P.size(),
                                         WELD_WASI_OPEN_CREATE,
                                         WELD_WASI_DESCRIPTOR_WRITE, &Dst),
            0);
  ASSERT_EQ(weld_wasi_descriptor_read_via_stream(C, Src, 1, &In), 0);
  ASSERT_EQ(weld_wasi_descriptor_write_via_stream(C, Dst, 0, &Out), 0);
  uint64_t Moved;
  ASSERT_EQ(weld_wasi_output_stream_splice(C, Out, In, 2, &Moved, &Err), 0);
  EXPECT_EQ(Moved, 2u);
  ASSERT_EQ(weld_wasi_output_stream_blocking_splice(C, Out, In, 100, &Moved,
                                                    &Err),
            0);
  EXPECT_EQ(Moved, 2u);
  EXPECT_EQ(weld_wasi_output_stream_splice(C, Out, In, 100, &Moved, &Err),
            WELD_WASI_STREAM_CLOSED);
  EXPECT_EQ(readHostFile(Box + "/copy.txt"), "nner");
}
