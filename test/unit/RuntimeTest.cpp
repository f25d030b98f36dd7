//===- RuntimeTest.cpp - runtime library unit tests -----------------------===//

#include "weld/runtime.h"

#include "gtest/gtest.h"

#include <pthread.h>
#include <string>

TEST(Runtime, TrapMessagesMatchSpecWording) {
  EXPECT_EQ(std::string(weld_trap_message(WELD_TRAP_INT_DIV_BY_ZERO)),
            "integer divide by zero");
  EXPECT_EQ(std::string(weld_trap_message(WELD_TRAP_UNREACHABLE)),
            "unreachable");
  EXPECT_EQ(std::string(weld_trap_message((weld_trap_kind)9999)),
            "unknown trap");
}

// A fake instance context: the header is all the runtime reads.
static weld_vmctx_header FakeVmctx;

static void trapDivByZero(const weld_funcref *F, weld_value *) {
  weld_trap(F->vmctx, WELD_TRAP_INT_DIV_BY_ZERO);
}

static void touchMemory(const weld_funcref *F, weld_value *V) {
  auto *M = static_cast<weld_memory *>(V[0].ref);
  volatile uint8_t *P = M->base + static_cast<uint64_t>(V[1].i64);
  *P = 1;
  V[0].i32 = *P;
}

TEST(Runtime, TrapUnwindsToTheHostEntry) {
  weld_store *S = weld_store_new();
  FakeVmctx.store = S;
  weld_funcref F = {nullptr, &FakeVmctx, ":", trapDivByZero};
  weld_value V[1];
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_INT_DIV_BY_ZERO);
  // The store is usable again after a trap.
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_INT_DIV_BY_ZERO);
  EXPECT_EQ(S->trap_frame, nullptr);
  weld_store_delete(S);
}

TEST(Runtime, GuardPageFaultBecomesOutOfBounds) {
  weld_store *S = weld_store_new();
  weld_memory *M = weld_store_new_memory(S, 1, 2);
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->size, WELD_PAGE_SIZE);
  weld_funcref F = {nullptr, &FakeVmctx, ":", touchMemory};
  weld_value V[2];
  V[0].ref = M;
  V[1].i64 = 100;
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_NONE);
  EXPECT_EQ(V[0].i32, 1);
  V[0].ref = M;
  V[1].i64 = WELD_PAGE_SIZE;
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  // Growing makes the page accessible; the base does not move.
  uint8_t *Base = M->base;
  EXPECT_EQ(weld_memory_grow(M, 1), 1);
  EXPECT_EQ(M->base, Base);
  V[0].ref = M;
  V[1].i64 = WELD_PAGE_SIZE;
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_NONE);
  EXPECT_EQ(weld_memory_grow(M, 1), -1);
  EXPECT_EQ(weld_memory_grow(M, 0), 2);
  // Far beyond the memory, still inside the reservation.
  V[0].ref = M;
  V[1].i64 = 0xFFFFFFFFll + 100;
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  weld_store_delete(S);
}

static void fillOutOfBounds(const weld_funcref *F, weld_value *V) {
  weld_memory_fill(F->vmctx, static_cast<weld_memory *>(V[0].ref),
                   WELD_PAGE_SIZE - 1, 7, 2);
}

TEST(Runtime, BulkMemoryChecksBounds) {
  weld_store *S = weld_store_new();
  FakeVmctx.store = S;
  weld_memory *M = weld_store_new_memory(S, 1, WELD_NO_MAX);
  weld_funcref F = {nullptr, &FakeVmctx, ":", fillOutOfBounds};
  weld_value V[1];
  V[0].ref = M;
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  EXPECT_EQ(M->base[WELD_PAGE_SIZE - 1], 0);
  weld_store_delete(S);
}

TEST(Runtime, TablesGrowAndCheckLimits) {
  weld_store *S = weld_store_new();
  weld_table *T = weld_store_new_table(S, WELD_FUNCREF, 2, 5);
  ASSERT_NE(T, nullptr);
  EXPECT_EQ(T->size, 2u);
  int X;
  EXPECT_EQ(weld_table_grow(T, &X, 3), 2);
  EXPECT_EQ(T->elements[4], &X);
  EXPECT_EQ(weld_table_grow(T, &X, 1), -1);
  EXPECT_EQ(weld_signature_equal("ii:i", "ii:i"), 1);
  EXPECT_EQ(weld_signature_equal("ii:i", "i:i"), 0);
  weld_store_delete(S);
}

static void recurse(const weld_funcref *F, weld_value *V) {
  // Mimics a compiled prologue's stack check.
  char Here;
  auto *S = static_cast<weld_vmctx_header *>(F->vmctx)->store;
  if (reinterpret_cast<uintptr_t>(&Here) < S->stack_limit)
    weld_trap(F->vmctx, WELD_TRAP_STACK_EXHAUSTED);
  volatile char Pad[256];
  Pad[0] = 0;
  recurse(F, V);
  V[0].i32 = Pad[0];
}

TEST(Runtime, StackLimitIsSetForGuests) {
  weld_store *S = weld_store_new();
  FakeVmctx.store = S;
  weld_funcref F = {nullptr, &FakeVmctx, ":", recurse};
  weld_value V[1];
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_STACK_EXHAUSTED);
  weld_store_delete(S);
}

static void recordLimit(const weld_funcref *F, weld_value *V) {
  auto *S = static_cast<weld_vmctx_header *>(F->vmctx)->store;
  V[0].i64 = static_cast<int64_t>(S->stack_limit);
}

/// The stack limit the runtime sets on this thread, and the one derived
/// from glibc's view of the thread's stack (low end + 1 MiB).
static void limitAndExpected(uintptr_t &Limit, uintptr_t &Expected) {
  weld_store *S = weld_store_new();
  weld_vmctx_header Vmctx = {};
  Vmctx.store = S;
  weld_funcref F = {nullptr, &Vmctx, ":", recordLimit};
  weld_value V[1] = {};
  EXPECT_EQ(weld_call(S, &F, V), WELD_TRAP_NONE);
  weld_store_delete(S);
  Limit = static_cast<uintptr_t>(V[0].i64);
  pthread_attr_t Attr;
  void *Addr = nullptr;
  size_t Size = 0;
  ASSERT_EQ(pthread_getattr_np(pthread_self(), &Attr), 0);
  ASSERT_EQ(pthread_attr_getstack(&Attr, &Addr, &Size), 0);
  pthread_attr_destroy(&Attr);
  Expected = reinterpret_cast<uintptr_t>(Addr) + 1024 * 1024;
}

// The main thread's limit comes from AT_EXECFN and RLIMIT_STACK rather
// than /proc/self/maps; it must agree with what glibc reads there.
TEST(Runtime, MainThreadStackLimitMatchesGlibc) {
  uintptr_t Limit = 0, Expected = 0;
  limitAndExpected(Limit, Expected);
  EXPECT_EQ(Limit, Expected);
}

static void *limitOnThread(void *Out) {
  auto *P = static_cast<uintptr_t *>(Out);
  limitAndExpected(P[0], P[1]);
  return nullptr;
}

TEST(Runtime, OtherThreadStackLimitMatchesGlibc) {
  pthread_attr_t Attr;
  pthread_attr_init(&Attr);
  pthread_attr_setstacksize(&Attr, 4 << 20);
  pthread_t T;
  uintptr_t Out[2] = {};
  ASSERT_EQ(pthread_create(&T, &Attr, limitOnThread, Out), 0);
  pthread_join(T, nullptr);
  pthread_attr_destroy(&Attr);
  EXPECT_EQ(Out[0], Out[1]);
}
