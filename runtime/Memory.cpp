//===- Memory.cpp - linear memories ----------------------------------------===//
//
// Each memory reserves its whole address range up front (on 64-bit hosts
// 8 GiB: 4 GiB of addressable memory plus a 4 GiB guard, so that
// base + zext(addr) + offset never leaves the reservation) and grows by
// making more of it accessible. The base therefore never moves, which lets
// compiled code load it once per function. Bulk operations check bounds
// explicitly and never fault.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

using namespace weld::rt;

/// Pages a 32-bit memory can ever have.
static constexpr uint64_t MaxPages32 = 65536;

static uint64_t reservationBytes() {
  // 4 GiB of addresses + 4 GiB of offsets + the widest access (16 bytes),
  // rounded up to a page that stays inaccessible.
  if (sizeof(void *) >= 8)
    return (8ull << 30) + WELD_PAGE_SIZE;
  // 32-bit hosts cannot afford guards; they need explicit bounds checks and
  // a reservation of the maximum size.
  return 1ull << 30;
}

weld_memory *weld::rt::createMemory(weld_store *S, uint64_t MinPages,
                                    uint64_t MaxPages) {
  uint64_t Reserve = reservationBytes();
  if (MinPages > MaxPages32 || MinPages * WELD_PAGE_SIZE > Reserve)
    return nullptr;
  auto *M = static_cast<weld_memory *>(calloc(1, sizeof(weld_memory)));
  if (!M)
    return nullptr;
  void *Base = mmap(nullptr, Reserve, PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (Base == MAP_FAILED) {
    free(M);
    return nullptr;
  }
  uint64_t Bytes = MinPages * WELD_PAGE_SIZE;
  if (Bytes && mprotect(Base, Bytes, PROT_READ | PROT_WRITE) != 0) {
    munmap(Base, Reserve);
    free(M);
    return nullptr;
  }
  M->base = static_cast<uint8_t *>(Base);
  M->size = Bytes;
  M->max_pages = MaxPages;
  M->reserved = Reserve;
  M->store = S;
  uintptr_t B = reinterpret_cast<uintptr_t>(Base);
  if (!registerReservation(B, B + Reserve, M) ||
      !own(S, OwnedObject::Memory, M)) {
    destroyMemory(M);
    return nullptr;
  }
  return M;
}

void weld::rt::destroyMemory(weld_memory *M) {
  unregisterReservation(M);
  munmap(M->base, M->reserved);
  free(M);
}

extern "C" weld_memory *weld_memory_new(void *Vmctx, uint64_t MinPages,
                                        uint64_t MaxPages, uint64_t Flags) {
  (void)Flags;
  weld_memory *M = createMemory(storeOf(Vmctx), MinPages, MaxPages);
  if (!M)
    weld_trap(Vmctx, WELD_TRAP_OUT_OF_MEMORY);
  return M;
}

extern "C" weld_memory *weld_store_new_memory(weld_store *S, uint64_t MinPages,
                                              uint64_t MaxPages) {
  return createMemory(S, MinPages, MaxPages);
}

extern "C" int64_t weld_memory_grow(weld_memory *M, uint64_t Delta) {
  uint64_t Old = M->size / WELD_PAGE_SIZE;
  uint64_t Limit = M->max_pages < MaxPages32 ? M->max_pages : MaxPages32;
  if (Delta > Limit - Old)
    return -1;
  if (Delta == 0)
    return static_cast<int64_t>(Old);
  uint64_t NewBytes = (Old + Delta) * WELD_PAGE_SIZE;
  if (NewBytes > M->reserved)
    return -1;
  if (mprotect(M->base + M->size, NewBytes - M->size,
               PROT_READ | PROT_WRITE) != 0)
    return -1;
  M->size = NewBytes;
  return static_cast<int64_t>(Old);
}

/// True when [Addr, Addr + Len) lies within Size bytes (no wrap-around).
static bool inBounds(uint64_t Addr, uint64_t Len, uint64_t Size) {
  return Addr <= Size && Len <= Size - Addr;
}

extern "C" void weld_memory_fill(void *Vmctx, weld_memory *M, uint64_t Dst,
                                 int32_t Value, uint64_t Len) {
  if (!inBounds(Dst, Len, M->size))
    weld_trap(Vmctx, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  memset(M->base + Dst, Value & 0xFF, Len);
}

extern "C" void weld_memory_copy(void *Vmctx, weld_memory *Dst,
                                 weld_memory *Src, uint64_t DstAddr,
                                 uint64_t SrcAddr, uint64_t Len) {
  if (!inBounds(DstAddr, Len, Dst->size) || !inBounds(SrcAddr, Len, Src->size))
    weld_trap(Vmctx, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  memmove(Dst->base + DstAddr, Src->base + SrcAddr, Len);
}

extern "C" void weld_memory_init(void *Vmctx, weld_memory *M,
                                 const uint8_t *Data, uint64_t SegLen,
                                 uint64_t Dst, uint64_t Src, uint64_t Len) {
  if (!inBounds(Dst, Len, M->size) || !inBounds(Src, Len, SegLen))
    weld_trap(Vmctx, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  if (Len)
    memcpy(M->base + Dst, Data + Src, Len);
}
