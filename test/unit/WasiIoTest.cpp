//===- WasiIoTest.cpp - wasi:cli, io, clocks and random host --------------===//
//
// The capability policy for arguments and environment variables, resource
// handle rules (generations, children), pollables with real deadlines, the
// clocks and the random generators.
//
//===----------------------------------------------------------------------===//

#include "weld/wasi.h"

#include "gtest/gtest.h"

#include <ctype.h>
#include <map>
#include <memory>
#include <set>
#include <stdlib.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct CtxDeleter {
  void operator()(weld_wasi_ctx *C) const { weld_wasi_ctx_free(C); }
};
using CtxPtr = std::unique_ptr<weld_wasi_ctx, CtxDeleter>;

CtxPtr makeCtx(weld_wasi_policy *P, std::vector<const char *> Argv = {"prog"}) {
  const char *Error = nullptr;
  weld_wasi_ctx *C = weld_wasi_ctx_new(P, Argv.size(), Argv.data(), &Error);
  weld_wasi_policy_free(P);
  EXPECT_NE(C, nullptr) << Error;
  return CtxPtr(C);
}

std::map<std::string, std::string> environmentOf(weld_wasi_ctx *C) {
  const weld_wasi_env_var *Vars;
  size_t N;
  weld_wasi_get_environment(C, &Vars, &N);
  std::map<std::string, std::string> M;
  for (size_t I = 0; I < N; ++I)
    M[std::string(Vars[I].name.ptr, Vars[I].name.len)] =
        std::string(Vars[I].value.ptr, Vars[I].value.len);
  return M;
}

} // namespace

TEST(WasiCli, ArgumentsAreCopied) {
  auto C = makeCtx(weld_wasi_policy_new(), {"prog", "a b", "", "ü"});
  const weld_wasi_string *Args;
  size_t N;
  weld_wasi_get_arguments(C.get(), &Args, &N);
  ASSERT_EQ(N, 4u);
  EXPECT_EQ(std::string(Args[1].ptr, Args[1].len), "a b");
  EXPECT_EQ(Args[2].len, 0u);
  EXPECT_EQ(std::string(Args[3].ptr, Args[3].len), "ü");
  weld_wasi_string Cwd;
  EXPECT_EQ(weld_wasi_initial_cwd(C.get(), &Cwd), 0);
}

TEST(WasiCli, OnlyGrantedEnvironmentIsVisible) {
  setenv("WELD_TEST_VISIBLE", "shown", 1);
  setenv("WELD_TEST_HIDDEN", "secret", 1);
  weld_wasi_policy *P = weld_wasi_policy_new();
  EXPECT_EQ(weld_wasi_policy_env(P, "FOO=bar=baz"), nullptr);
  EXPECT_EQ(weld_wasi_policy_env(P, "WELD_TEST_VISIBLE"), nullptr);
  EXPECT_EQ(weld_wasi_policy_env(P, "WELD_TEST_UNSET_ANYWHERE"), nullptr);
  EXPECT_NE(weld_wasi_policy_env(P, "=x"), nullptr);
  auto C = makeCtx(P);
  auto Env = environmentOf(C.get());
  EXPECT_EQ(Env.size(), 2u);
  EXPECT_EQ(Env["FOO"], "bar=baz");
  EXPECT_EQ(Env["WELD_TEST_VISIBLE"], "shown");
  EXPECT_EQ(Env.count("WELD_TEST_HIDDEN"), 0u);
  EXPECT_EQ(Env.count("PATH"), 0u);

  // Nothing granted: nothing visible.
  auto Empty = makeCtx(weld_wasi_policy_new());
  EXPECT_TRUE(environmentOf(Empty.get()).empty());

  // inherit-env shows everything; explicit grants override host values.
  P = weld_wasi_policy_new();
  weld_wasi_policy_env(P, "WELD_TEST_HIDDEN=overridden");
  weld_wasi_policy_inherit_env(P);
  auto All = makeCtx(P);
  Env = environmentOf(All.get());
  EXPECT_EQ(Env["WELD_TEST_VISIBLE"], "shown");
  EXPECT_EQ(Env["WELD_TEST_HIDDEN"], "overridden");
}

TEST(WasiCli, InitialCwdAndNullStdin) {
  weld_wasi_policy *P = weld_wasi_policy_new();
  weld_wasi_policy_initial_cwd(P, "/sandbox");
  weld_wasi_policy_null_stdin(P);
  auto C = makeCtx(P);
  weld_wasi_string Cwd;
  ASSERT_EQ(weld_wasi_initial_cwd(C.get(), &Cwd), 1);
  EXPECT_EQ(std::string(Cwd.ptr, Cwd.len), "/sandbox");
  uint32_t In = weld_wasi_get_stdin(C.get());
  ASSERT_NE(In, 0u);
  weld_wasi_bytes B;
  uint32_t Err;
  EXPECT_EQ(weld_wasi_input_stream_blocking_read(C.get(), In, 10, &B, &Err),
            WELD_WASI_STREAM_CLOSED);
  uint32_t T;
  EXPECT_EQ(weld_wasi_get_terminal_stdin(C.get(), &T), 0);
}

TEST(WasiCli, ExitGoesThroughTheHook) {
  auto C = makeCtx(weld_wasi_policy_new());
  int32_t Seen = -1;
  weld_wasi_ctx_set_exit(
      C.get(), [](void *U, int32_t Code) { *static_cast<int32_t *>(U) = Code; },
      &Seen);
  EXPECT_EQ(weld_wasi_exit(C.get(), 1), WELD_WASI_TRAP);
  EXPECT_EQ(Seen, 1);
  EXPECT_EQ(weld_wasi_exit_with_code(C.get(), 42), WELD_WASI_TRAP);
  EXPECT_EQ(Seen, 42);
}

TEST(WasiIo, HandlesHaveGenerations) {
  auto C = makeCtx(weld_wasi_policy_new());
  uint32_t A = weld_wasi_monotonic_subscribe_duration(C.get(), 0);
  ASSERT_NE(A, 0u);
  EXPECT_EQ(weld_wasi_drop(C.get(), WELD_WASI_KIND_POLLABLE, A), 0);
  // The slot is reused, but the old handle stays dead.
  uint32_t B = weld_wasi_monotonic_subscribe_duration(C.get(), 0);
  EXPECT_NE(A, B);
  uint8_t Ready;
  EXPECT_EQ(weld_wasi_pollable_ready(C.get(), A, &Ready), WELD_WASI_TRAP);
  EXPECT_EQ(weld_wasi_pollable_ready(C.get(), B, &Ready), 0);
  EXPECT_EQ(Ready, 1);
  // Handles of one kind are not handles of another.
  EXPECT_EQ(weld_wasi_drop(C.get(), WELD_WASI_KIND_DESCRIPTOR, B),
            WELD_WASI_TRAP);
  EXPECT_EQ(weld_wasi_drop(C.get(), WELD_WASI_KIND_POLLABLE, 0),
            WELD_WASI_TRAP);
}

TEST(WasiIo, PollWaitsForDeadlines) {
  auto C = makeCtx(weld_wasi_policy_new());
  uint64_t Start = weld_wasi_monotonic_now(C.get());
  uint32_t Slow = weld_wasi_monotonic_subscribe_duration(C.get(), 5000000000u);
  uint32_t Fast = weld_wasi_monotonic_subscribe_duration(C.get(), 20000000u);
  uint8_t Ready;
  ASSERT_EQ(weld_wasi_pollable_ready(C.get(), Fast, &Ready), 0);
  EXPECT_EQ(Ready, 0);
  uint32_t In[] = {Slow, Fast}, Out[2];
  size_t N;
  ASSERT_EQ(weld_wasi_poll(C.get(), In, 2, Out, &N), 0);
  ASSERT_EQ(N, 1u);
  EXPECT_EQ(Out[0], 1u);
  uint64_t Elapsed = weld_wasi_monotonic_now(C.get()) - Start;
  EXPECT_GE(Elapsed, 20000000u);
  EXPECT_LT(Elapsed, 4000000000u);
  // An instant in the past is ready at once; block returns.
  uint32_t Past = weld_wasi_monotonic_subscribe_instant(C.get(), 0);
  EXPECT_EQ(weld_wasi_pollable_block(C.get(), Past), 0);
  EXPECT_EQ(weld_wasi_poll(C.get(), In, 0, Out, &N), WELD_WASI_TRAP);
}

TEST(WasiClocks, MonotonicAndWall) {
  auto C = makeCtx(weld_wasi_policy_new());
  uint64_t Prev = weld_wasi_monotonic_now(C.get());
  for (int I = 0; I < 1000; ++I) {
    uint64_t Now = weld_wasi_monotonic_now(C.get());
    EXPECT_GE(Now, Prev);
    Prev = Now;
  }
  EXPECT_GT(weld_wasi_monotonic_resolution(C.get()), 0u);
  weld_wasi_datetime W = weld_wasi_wall_now(C.get());
  EXPECT_GT(W.seconds, 1577836800u); // after 2020-01-01
  EXPECT_LT(W.nanoseconds, 1000000000u);
  weld_wasi_datetime R = weld_wasi_wall_resolution(C.get());
  EXPECT_TRUE(R.seconds > 0 || R.nanoseconds > 0);
}

TEST(WasiRandom, BytesAndSeeds) {
  auto C = makeCtx(weld_wasi_policy_new());
  weld_wasi_bytes B;
  ASSERT_EQ(weld_wasi_get_random_bytes(C.get(), 32, &B), 0);
  ASSERT_EQ(B.len, 32u);
  std::string First(reinterpret_cast<const char *>(B.ptr), 32);
  ASSERT_EQ(weld_wasi_get_random_bytes(C.get(), 32, &B), 0);
  EXPECT_NE(First, std::string(reinterpret_cast<const char *>(B.ptr), 32));
  EXPECT_NE(weld_wasi_get_random_u64(C.get()),
            weld_wasi_get_random_u64(C.get()));
  ASSERT_EQ(weld_wasi_get_insecure_random_bytes(C.get(), 13, &B), 0);
  EXPECT_EQ(B.len, 13u);
  EXPECT_NE(weld_wasi_get_insecure_random_u64(C.get()),
            weld_wasi_get_insecure_random_u64(C.get()));
  uint64_t Lo1, Hi1, Lo2, Hi2;
  weld_wasi_insecure_seed(C.get(), &Lo1, &Hi1);
  weld_wasi_insecure_seed(C.get(), &Lo2, &Hi2);
  EXPECT_EQ(Lo1, Lo2);
  EXPECT_EQ(Hi1, Hi2);
  ASSERT_EQ(weld_wasi_get_random_bytes(C.get(), 0, &B), 0);
  EXPECT_EQ(B.len, 0u);
}

TEST(WasiIo, StdoutStreamAndWriteLimits) {
  auto C = makeCtx(weld_wasi_policy_new());
  uint32_t Out = weld_wasi_get_stderr(C.get());
  uint32_t Err;
  uint64_t Permit;
  ASSERT_EQ(weld_wasi_output_stream_check_write(C.get(), Out, &Permit, &Err),
            0);
  EXPECT_GT(Permit, 0u);
  EXPECT_EQ(weld_wasi_output_stream_write(C.get(), Out, nullptr, 0, &Err), 0);
  static uint8_t Big[5000];
  EXPECT_EQ(weld_wasi_output_stream_blocking_write_and_flush(C.get(), Out, Big,
                                                             5000, &Err),
            WELD_WASI_TRAP);
  uint32_t P;
  ASSERT_EQ(weld_wasi_output_stream_subscribe(C.get(), Out, &P), 0);
  uint8_t Ready;
  EXPECT_EQ(weld_wasi_pollable_ready(C.get(), P, &Ready), 0);
  EXPECT_EQ(Ready, 1);
  EXPECT_EQ(weld_wasi_drop(C.get(), WELD_WASI_KIND_OUTPUT_STREAM, Out),
            WELD_WASI_TRAP);
  EXPECT_STREQ(weld_wasi_trap_message(C.get()), "resource has children");
}

TEST(WasiAbi, ImportTableNamesEveryFunctionOnce) {
  struct Entry {
    std::string Interface, Name;
    const void *Symbol;
  };
#define X(I, N, S) {I, N, reinterpret_cast<const void *>(&S)},
  std::vector<Entry> Functions = {WELD_WASI_FUNCTIONS(X)};
#undef X
  std::set<std::string> Seen;
  std::set<const void *> Symbols;
  for (const Entry &E : Functions) {
    EXPECT_TRUE(Seen.insert(E.Interface + "#" + E.Name).second) << E.Name;
    EXPECT_TRUE(Symbols.insert(E.Symbol).second) << E.Name;
    EXPECT_EQ(E.Interface.rfind("wasi:", 0), 0u);
  }
  EXPECT_EQ(Functions.size(), 124u);
  std::set<int> Kinds;
#define X(I, R, K) Kinds.insert(K);
  WELD_WASI_RESOURCES(X)
#undef X
  EXPECT_EQ(Kinds.size(), size_t(WELD_WASI_KIND_COUNT));
}

namespace {
/// The upcase.c test program written against the C ABI directly: copies
/// stdin to stdout in upper case. Runs in a forked child.
int upcaseMain() {
  weld_wasi_policy *P = weld_wasi_policy_new();
  weld_wasi_ctx *C = weld_wasi_ctx_new(P, 0, nullptr, nullptr);
  weld_wasi_policy_free(P);
  uint32_t In = weld_wasi_get_stdin(C), Out = weld_wasi_get_stdout(C);
  // Nothing was written yet: a non-blocking read gives no bytes.
  weld_wasi_bytes B;
  uint32_t Err;
  if (weld_wasi_input_stream_read(C, In, 100, &B, &Err) != 0 || B.len != 0)
    return 3;
  uint32_t Ready;
  if (weld_wasi_input_stream_subscribe(C, In, &Ready) != 0)
    return 4;
  uint8_t IsReady = 1;
  weld_wasi_pollable_ready(C, Ready, &IsReady);
  if (IsReady)
    return 5;
  // Tell the parent to send the input.
  if (write(2, "g", 1) != 1)
    return 6;
  if (weld_wasi_pollable_block(C, Ready) != 0)
    return 7;
  weld_wasi_drop(C, WELD_WASI_KIND_POLLABLE, Ready);
  for (;;) {
    int32_t R = weld_wasi_input_stream_blocking_read(C, In, 3, &B, &Err);
    if (R == WELD_WASI_STREAM_CLOSED)
      break;
    if (R != 0)
      return 8;
    std::string Up(reinterpret_cast<const char *>(B.ptr), B.len);
    for (char &Ch : Up)
      Ch = char(toupper(Ch));
    if (weld_wasi_output_stream_blocking_write_and_flush(
            C, Out, reinterpret_cast<const uint8_t *>(Up.data()), Up.size(),
            &Err) != 0)
      return 9;
  }
  weld_wasi_ctx_free(C);
  return 0;
}
} // namespace

TEST(WasiCli, StdioThroughPipes) {
  int ToChild[2], FromChild[2], Signal[2];
  ASSERT_EQ(pipe(ToChild), 0);
  ASSERT_EQ(pipe(FromChild), 0);
  ASSERT_EQ(pipe(Signal), 0);
  pid_t Pid = fork();
  ASSERT_GE(Pid, 0);
  if (Pid == 0) {
    dup2(ToChild[0], 0);
    dup2(FromChild[1], 1);
    dup2(Signal[1], 2);
    close(ToChild[1]);
    close(FromChild[0]);
    close(Signal[0]);
    _exit(upcaseMain());
  }
  close(ToChild[0]);
  close(FromChild[1]);
  close(Signal[1]);
  char G;
  ASSERT_EQ(read(Signal[0], &G, 1), 1);
  const std::string Input = "hello, weld\nsecond line\n";
  ASSERT_EQ(write(ToChild[1], Input.data(), Input.size()),
            ssize_t(Input.size()));
  close(ToChild[1]);
  std::string Output;
  char Buf[256];
  ssize_t N;
  while ((N = read(FromChild[0], Buf, sizeof(Buf))) > 0)
    Output.append(Buf, size_t(N));
  int Status = 0;
  ASSERT_EQ(waitpid(Pid, &Status, 0), Pid);
  EXPECT_TRUE(WIFEXITED(Status));
  EXPECT_EQ(WEXITSTATUS(Status), 0);
  EXPECT_EQ(Output, "HELLO, WELD\nSECOND LINE\n");
  close(FromChild[0]);
  close(Signal[0]);
}

TEST(WasiCli, PolicyOptionsByName) {
  setenv("WELD_TEST_BY_NAME", "v", 1);
  weld_wasi_policy *P = weld_wasi_policy_new();
  EXPECT_EQ(weld_wasi_policy_apply(P, "env", "A=1"), nullptr);
  EXPECT_EQ(weld_wasi_policy_apply(P, "env", "WELD_TEST_BY_NAME"), nullptr);
  EXPECT_EQ(weld_wasi_policy_apply(P, "cwd", "/app"), nullptr);
  EXPECT_EQ(weld_wasi_policy_apply(P, "allow-net", "127.0.0.1"), nullptr);
  EXPECT_EQ(weld_wasi_policy_apply(P, "dir-ro", "/tmp::/t"), nullptr);
  EXPECT_EQ(weld_wasi_policy_apply(P, "null-stdin", nullptr), nullptr);
  EXPECT_NE(weld_wasi_policy_apply(P, "env", nullptr), nullptr);
  EXPECT_NE(weld_wasi_policy_apply(P, "allow-net", "nowhere"), nullptr);
  EXPECT_NE(weld_wasi_policy_apply(P, "mount-everything", nullptr), nullptr);
  auto C = makeCtx(P);
  auto Env = environmentOf(C.get());
  EXPECT_EQ(Env.size(), 2u);
  EXPECT_EQ(Env["A"], "1");
  const weld_wasi_preopen *Pre;
  size_t N;
  ASSERT_EQ(weld_wasi_get_directories(C.get(), &Pre, &N), 0);
  ASSERT_EQ(N, 1u);
  uint8_t Flags;
  ASSERT_EQ(weld_wasi_descriptor_get_flags(C.get(), Pre[0].descriptor, &Flags),
            0);
  EXPECT_EQ(Flags, WELD_WASI_DESCRIPTOR_READ);
  uint32_t S;
  EXPECT_EQ(weld_wasi_create_tcp_socket(C.get(), WELD_WASI_IPV4, &S), 0);
}
