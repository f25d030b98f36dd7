//===- Table.cpp - tables of references -------------------------------------===//
//
// A table is a growable array of pointers (funcref records or externrefs).
// Compiled code reads `elements` and `size` directly; growth may move the
// array, so compiled code reloads it after anything that can grow a table.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <stdlib.h>
#include <string.h>

using namespace weld::rt;

/// Largest table we allocate (elements); bigger growth reports failure (-1)
/// as the spec permits, rather than exhausting host memory.
static constexpr uint64_t MaxElements = 1ull << 26;

static bool reserve(weld_table *T, uint64_t N) {
  if (N <= T->capacity)
    return true;
  uint64_t Cap = T->capacity ? T->capacity : 4;
  while (Cap < N)
    Cap *= 2;
  void *E = realloc(T->elements, Cap * sizeof(void *));
  if (!E)
    return false;
  T->elements = static_cast<void **>(E);
  T->capacity = Cap;
  return true;
}

weld_table *weld::rt::createTable(weld_store *S, uint8_t ElemType,
                                  uint64_t Min, uint64_t Max, void *Init) {
  if (Min > MaxElements)
    return nullptr;
  auto *T = static_cast<weld_table *>(calloc(1, sizeof(weld_table)));
  if (!T)
    return nullptr;
  T->elem_type = ElemType;
  T->max = Max;
  if (!reserve(T, Min ? Min : 1) || !own(S, OwnedObject::Table, T)) {
    destroyTable(T);
    return nullptr;
  }
  for (uint64_t I = 0; I < Min; ++I)
    T->elements[I] = Init;
  T->size = Min;
  return T;
}

void weld::rt::destroyTable(weld_table *T) {
  free(T->elements);
  free(T);
}

extern "C" weld_table *weld_table_new(void *Vmctx, int32_t ElemType,
                                      uint64_t Min, uint64_t Max, void *Init) {
  weld_table *T = createTable(storeOf(Vmctx), static_cast<uint8_t>(ElemType),
                              Min, Max, Init);
  if (!T)
    weld_trap(Vmctx, WELD_TRAP_OUT_OF_MEMORY);
  return T;
}

extern "C" weld_table *weld_store_new_table(weld_store *S, uint8_t ElemType,
                                            uint64_t Min, uint64_t Max) {
  return createTable(S, ElemType, Min, Max, nullptr);
}

extern "C" int64_t weld_table_grow(weld_table *T, void *Init, uint64_t Delta) {
  uint64_t Old = T->size;
  uint64_t Limit = T->max < 0xFFFFFFFFull ? T->max : 0xFFFFFFFFull;
  if (Delta > Limit - Old || Old + Delta > MaxElements)
    return -1;
  if (!reserve(T, Old + Delta))
    return -1;
  for (uint64_t I = Old; I < Old + Delta; ++I)
    T->elements[I] = Init;
  T->size = Old + Delta;
  return static_cast<int64_t>(Old);
}

static bool inBounds(uint64_t Idx, uint64_t Len, uint64_t Size) {
  return Idx <= Size && Len <= Size - Idx;
}

extern "C" void weld_table_fill(void *Vmctx, weld_table *T, uint64_t Dst,
                                void *Value, uint64_t Len) {
  if (!inBounds(Dst, Len, T->size))
    weld_trap(Vmctx, WELD_TRAP_OUT_OF_BOUNDS_TABLE);
  for (uint64_t I = 0; I < Len; ++I)
    T->elements[Dst + I] = Value;
}

extern "C" void weld_table_copy(void *Vmctx, weld_table *Dst, weld_table *Src,
                                uint64_t DstIdx, uint64_t SrcIdx,
                                uint64_t Len) {
  if (!inBounds(DstIdx, Len, Dst->size) || !inBounds(SrcIdx, Len, Src->size))
    weld_trap(Vmctx, WELD_TRAP_OUT_OF_BOUNDS_TABLE);
  if (Len)
    memmove(Dst->elements + DstIdx, Src->elements + SrcIdx,
            Len * sizeof(void *));
}

extern "C" void weld_table_init(void *Vmctx, weld_table *T,
                                void *const *Elems, uint64_t SegLen,
                                uint64_t Dst, uint64_t Src, uint64_t Len) {
  if (!inBounds(Dst, Len, T->size) || !inBounds(Src, Len, SegLen))
    weld_trap(Vmctx, WELD_TRAP_OUT_OF_BOUNDS_TABLE);
  if (Len)
    memcpy(T->elements + Dst, Elems + Src, Len * sizeof(void *));
}

extern "C" int32_t weld_signature_equal(const char *A, const char *B) {
  return strcmp(A, B) == 0;
}
