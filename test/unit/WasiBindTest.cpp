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
