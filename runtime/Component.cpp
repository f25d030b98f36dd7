//===- Component.cpp - component instances and canonical-ABI builtins ----===//
//
// The runtime half of compiled components (weld/component.h): instance
// blocks, handle tables with the spec's free-list discipline, borrow
// scopes, and string transfer (validation, transcoding between UTF-8,
// UTF-16 and latin1+utf16, with the destination's realloc called in exactly
// the order CanonicalABI.md's store_string algorithms call it).
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include "weld/component.h"

#include <stdlib.h>
#include <string.h>

using namespace weld::rt;

namespace {

/// One element of a handle table (CanonicalABI.md ResourceHandle).
struct Handle {
  uint32_t Rt; /* 0: empty slot */
  uint32_t Rep;
  uint32_t Own;
  uint32_t Lends;
  weld_call_scope *Scope;
};

/// A component instance's handles table: element 0 is reserved; freed
/// indices are reused last-in first-out, as the spec's Table does.
struct HandleTable {
  Handle *Elems;
  uint32_t Size, Cap;
  uint32_t *Free;
  uint32_t NumFree, FreeCap;
  HandleTable *NextAlloc;
};

constexpr uint32_t MaxTableLength = (1u << 28) - 1;

struct Lend {
  HandleTable *Table;
  uint32_t Index;
};

} // namespace

static weld_store *storeOfBlock(void *Block) {
  return static_cast<weld_component_header *>(Block)->store;
}

[[noreturn]] static void trapBlock(void *Block, weld_trap_kind K) {
  trapInStore(storeOfBlock(Block), K);
}

static HandleTable *tableOf(void *Block, void **Slot) {
  if (*Slot)
    return static_cast<HandleTable *>(*Slot);
  auto *T = static_cast<HandleTable *>(calloc(1, sizeof(HandleTable)));
  if (!T)
    trapBlock(Block, WELD_TRAP_OUT_OF_MEMORY);
  T->Size = 1; // index 0 is reserved
  T->Cap = 16;
  T->Elems = static_cast<Handle *>(calloc(T->Cap, sizeof(Handle)));
  if (!T->Elems)
    trapBlock(Block, WELD_TRAP_OUT_OF_MEMORY);
  auto *H = static_cast<weld_component_header *>(Block);
  T->NextAlloc = static_cast<HandleTable *>(H->reserved[0]);
  H->reserved[0] = T;
  *Slot = T;
  return T;
}

static uint32_t tableAdd(void *Block, HandleTable *T, const Handle &E) {
  uint32_t I;
  if (T->NumFree) {
    I = T->Free[--T->NumFree];
  } else {
    I = T->Size;
    if (I > MaxTableLength)
      trapBlock(Block, WELD_TRAP_OUT_OF_MEMORY);
    if (I == T->Cap) {
      auto *N = static_cast<Handle *>(realloc(T->Elems, 2 * T->Cap * sizeof(Handle)));
      if (!N)
        trapBlock(Block, WELD_TRAP_OUT_OF_MEMORY);
      memset(N + T->Cap, 0, T->Cap * sizeof(Handle));
      T->Elems = N;
      T->Cap *= 2;
    }
    ++T->Size;
  }
  T->Elems[I] = E;
  return I;
}

static Handle &tableGet(void *Block, HandleTable *T, uint32_t I) {
  if (I >= T->Size || T->Elems[I].Rt == 0)
    trapBlock(Block, WELD_TRAP_UNKNOWN_HANDLE);
  return T->Elems[I];
}

static Handle tableRemove(void *Block, HandleTable *T, uint32_t I) {
  Handle E = tableGet(Block, T, I);
  T->Elems[I].Rt = 0;
  if (T->NumFree == T->FreeCap) {
    uint32_t Cap = T->FreeCap ? 2 * T->FreeCap : 16;
    auto *N = static_cast<uint32_t *>(realloc(T->Free, Cap * sizeof(uint32_t)));
    if (!N)
      trapBlock(Block, WELD_TRAP_OUT_OF_MEMORY);
    T->Free = N;
    T->FreeCap = Cap;
  }
  T->Free[T->NumFree++] = I;
  return E;
}

//===-- Resource builtins -----------------------------------------------===//

extern "C" uint32_t weld_resource_new(void *Block, void **Table, uint32_t Rt,
                                      uint32_t Rep) {
  return tableAdd(Block, tableOf(Block, Table), {Rt, Rep, 1, 0, nullptr});
}

extern "C" uint32_t weld_resource_rep(void *Block, void **Table, uint32_t Rt,
                                      uint32_t I) {
  Handle &H = tableGet(Block, tableOf(Block, Table), I);
  if (H.Rt != Rt)
    trapBlock(Block, WELD_TRAP_HANDLE_MISUSE);
  return H.Rep;
}

extern "C" int64_t weld_resource_drop(void *Block, void **Table, uint32_t Rt,
                                      uint32_t I) {
  Handle H = tableRemove(Block, tableOf(Block, Table), I);
  if (H.Rt != Rt || H.Lends != 0)
    trapBlock(Block, WELD_TRAP_HANDLE_MISUSE);
  if (H.Own)
    return H.Rep;
  if (H.Scope)
    --H.Scope->num_borrows;
  return -1;
}

extern "C" uint32_t weld_resource_lift_own(void *Block, void **Table,
                                           uint32_t Rt, uint32_t I) {
  Handle H = tableRemove(Block, tableOf(Block, Table), I);
  if (H.Rt != Rt || H.Lends != 0 || !H.Own)
    trapBlock(Block, WELD_TRAP_HANDLE_MISUSE);
  return H.Rep;
}

extern "C" uint32_t weld_resource_lift_borrow(void *Block, void **Table,
                                              uint32_t Rt, uint32_t I,
                                              weld_call_scope *S) {
  HandleTable *T = tableOf(Block, Table);
  Handle &H = tableGet(Block, T, I);
  if (H.Rt != Rt)
    trapBlock(Block, WELD_TRAP_HANDLE_MISUSE);
  ++H.Lends;
  if (S->num_lends == S->capacity) {
    uint32_t Cap = S->capacity ? 2 * S->capacity : 4;
    auto *N = static_cast<Lend *>(realloc(S->lends, Cap * sizeof(Lend)));
    if (!N)
      trapBlock(Block, WELD_TRAP_OUT_OF_MEMORY);
    S->lends = reinterpret_cast<uint32_t *>(N);
    S->capacity = Cap;
  }
  reinterpret_cast<Lend *>(S->lends)[S->num_lends++] = {T, I};
  return H.Rep;
}

extern "C" uint32_t weld_resource_lower_own(void *Block, void **Table,
                                            uint32_t Rt, uint32_t Rep) {
  return tableAdd(Block, tableOf(Block, Table), {Rt, Rep, 1, 0, nullptr});
}

extern "C" uint32_t weld_resource_lower_borrow(void *Block, void **Table,
                                               uint32_t Rt, uint32_t Rep,
                                               weld_call_scope *S) {
  ++S->num_borrows;
  return tableAdd(Block, tableOf(Block, Table), {Rt, Rep, 0, 0, S});
}

extern "C" void weld_scope_finish(void *Block, weld_call_scope *S) {
  auto *Lends = reinterpret_cast<Lend *>(S->lends);
  for (uint32_t I = 0; I < S->num_lends; ++I)
    --Lends[I].Table->Elems[Lends[I].Index].Lends;
  free(Lends);
  S->lends = nullptr;
  S->num_lends = S->capacity = 0;
  if (S->num_borrows)
    trapBlock(Block, WELD_TRAP_BORROWS_REMAIN);
}

extern "C" uint64_t weld_host_realloc(void *Block, uint64_t Old,
                                      uint64_t OldSize, uint64_t Align,
                                      uint64_t NewSize) {
  (void)OldSize;
  (void)Align;
  void *P = realloc(reinterpret_cast<void *>(Old), NewSize ? NewSize : 1);
  if (!P)
    trapBlock(Block, WELD_TRAP_OUT_OF_MEMORY);
  return reinterpret_cast<uintptr_t>(P);
}

//===-- Strings ---------------------------------------------------------===//

namespace {
/// A decoded source string: code points, and how it was encoded.
struct Decoded {
  uint32_t *Cps = nullptr;
  uint64_t N = 0;
  /// The source's encoding after resolving the latin1+utf16 tag
  /// (0 utf8, 1 utf16, 3 latin1) and its code units.
  uint32_t Simple = 0;
  uint64_t Units = 0;
};

/// The destination memory of a transfer.
struct Dst {
  void *Block;
  weld_string_transfer *T;
  uint8_t *base() const { return T->dst_mem ? T->dst_mem->base : nullptr; }
  uint64_t size() const { return T->dst_mem ? T->dst_mem->size : ~0ull; }
  uint64_t realloc(uint64_t Old, uint64_t OldSize, uint64_t Al, uint64_t New) {
    return T->realloc(Block, Old, OldSize, Al, New);
  }
  void check(uint64_t Ptr, uint64_t Len, uint64_t Al) {
    if (Al > 1 && (Ptr & (Al - 1)))
      trapBlock(Block, WELD_TRAP_UNALIGNED_POINTER);
    if (Ptr + Len > size() || Ptr + Len < Ptr)
      trapBlock(Block, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  }
  uint8_t *at(uint64_t Ptr) { return base() + Ptr; }
};
} // namespace

static uint64_t utf8Length(const uint32_t *Cps, uint64_t N) {
  uint64_t L = 0;
  for (uint64_t I = 0; I < N; ++I)
    L += Cps[I] < 0x80 ? 1 : Cps[I] < 0x800 ? 2 : Cps[I] < 0x10000 ? 3 : 4;
  return L;
}

static uint8_t *putUtf8(uint8_t *P, uint32_t C) {
  if (C < 0x80) {
    *P++ = C;
  } else if (C < 0x800) {
    *P++ = 0xC0 | (C >> 6);
    *P++ = 0x80 | (C & 0x3F);
  } else if (C < 0x10000) {
    *P++ = 0xE0 | (C >> 12);
    *P++ = 0x80 | ((C >> 6) & 0x3F);
    *P++ = 0x80 | (C & 0x3F);
  } else {
    *P++ = 0xF0 | (C >> 18);
    *P++ = 0x80 | ((C >> 12) & 0x3F);
    *P++ = 0x80 | ((C >> 6) & 0x3F);
    *P++ = 0x80 | (C & 0x3F);
  }
  return P;
}

static uint64_t utf16Units(const uint32_t *Cps, uint64_t N) {
  uint64_t L = 0;
  for (uint64_t I = 0; I < N; ++I)
    L += Cps[I] >= 0x10000 ? 2 : 1;
  return L;
}

static uint8_t *putUtf16(uint8_t *P, uint32_t C) {
  auto Unit = [&](uint32_t U) {
    *P++ = U & 0xFF;
    *P++ = U >> 8;
  };
  if (C >= 0x10000) {
    C -= 0x10000;
    Unit(0xD800 | (C >> 10));
    Unit(0xDC00 | (C & 0x3FF));
  } else {
    Unit(C);
  }
  return P;
}

/// load_string_from_range: bounds, alignment and encoding checks, decoded.
static Decoded decode(void *Block, const weld_string_transfer *T) {
  Decoded D;
  const uint64_t Tag = T->src_base ? (1ull << 31) : (1ull << 63);
  uint64_t Units = T->src_len, Bytes;
  uint64_t Align = 1;
  switch (T->src_encoding) {
  case 0:
    D.Simple = 0;
    Bytes = Units;
    break;
  case 1:
    D.Simple = 1;
    Bytes = 2 * Units;
    Align = 2;
    break;
  default:
    Align = 2;
    if (Units & Tag) {
      Units ^= Tag;
      D.Simple = 1;
      Bytes = 2 * Units;
    } else {
      D.Simple = 3;
      Bytes = Units;
    }
    break;
  }
  D.Units = Units;
  if (Bytes > (1u << 28) - 1)
    trapBlock(Block, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  if (T->src_ptr & (Align - 1))
    trapBlock(Block, WELD_TRAP_UNALIGNED_POINTER);
  if (T->src_ptr + Bytes > T->src_size)
    trapBlock(Block, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  const uint8_t *S = (T->src_base ? T->src_base : nullptr) + T->src_ptr;
  D.Cps = static_cast<uint32_t *>(malloc((Units ? Units : 1) * 4));
  if (!D.Cps)
    trapBlock(Block, WELD_TRAP_OUT_OF_MEMORY);
  uint64_t I = 0;
  auto Bad = [&] {
    free(D.Cps);
    trapBlock(Block, WELD_TRAP_INVALID_STRING);
  };
  if (D.Simple == 3) {
    for (; I < Units; ++I)
      D.Cps[D.N++] = S[I];
  } else if (D.Simple == 1) {
    for (; I < Units; ++I) {
      uint32_t U = S[2 * I] | (S[2 * I + 1] << 8);
      if (U >= 0xD800 && U < 0xDC00) {
        if (I + 1 >= Units)
          Bad();
        uint32_t L = S[2 * I + 2] | (S[2 * I + 3] << 8);
        if (L < 0xDC00 || L >= 0xE000)
          Bad();
        U = 0x10000 + ((U - 0xD800) << 10) + (L - 0xDC00);
        ++I;
      } else if (U >= 0xDC00 && U < 0xE000) {
        Bad();
      }
      D.Cps[D.N++] = U;
    }
  } else {
    while (I < Units) {
      uint32_t C = S[I];
      unsigned Len = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3
                                 : (C >> 3) == 30 ? 4 : 0;
      if (!Len || I + Len > Units)
        Bad();
      if (Len > 1) {
        C &= 0x3F >> (Len - 1);
        for (unsigned K = 1; K < Len; ++K) {
          if ((S[I + K] & 0xC0) != 0x80)
            Bad();
          C = (C << 6) | (S[I + K] & 0x3F);
        }
        static const uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (C < Min[Len] || C > 0x10FFFF || (C >= 0xD800 && C < 0xE000))
          Bad();
      }
      D.Cps[D.N++] = C;
      I += Len;
    }
  }
  return D;
}

/// store_string_to_utf8 (from UTF-16 or Latin-1 sources).
static void storeToUtf8(Dst &O, const Decoded &D, uint64_t WorstCase) {
  uint64_t Units = D.Units;
  uint64_t Ptr = O.realloc(0, 0, 1, Units);
  O.check(Ptr, Units, 1);
  for (uint64_t I = 0; I < D.N; ++I) {
    if (D.Cps[I] < 0x80) {
      O.at(Ptr)[I] = D.Cps[I];
      continue;
    }
    Ptr = O.realloc(Ptr, Units, 1, WorstCase);
    O.check(Ptr, WorstCase, 1);
    uint8_t *P = O.at(Ptr) + I;
    for (uint64_t K = I; K < D.N; ++K)
      P = putUtf8(P, D.Cps[K]);
    uint64_t Len = utf8Length(D.Cps, D.N);
    if (WorstCase > Len) {
      Ptr = O.realloc(Ptr, WorstCase, 1, Len);
      O.check(Ptr, Len, 1);
    }
    O.T->out_ptr = Ptr;
    O.T->out_len = Len;
    return;
  }
  O.T->out_ptr = Ptr;
  O.T->out_len = Units;
}

/// Copies with one code unit size (store_string_copy).
static void storeCopy(Dst &O, const Decoded &D, unsigned UnitSize,
                      bool Latin1Out) {
  uint64_t Bytes = UnitSize * D.Units;
  uint64_t Ptr = O.realloc(0, 0, UnitSize == 1 && !Latin1Out ? 1 : 2, Bytes);
  O.check(Ptr, Bytes, UnitSize == 1 && !Latin1Out ? 1 : 2);
  uint8_t *P = O.at(Ptr);
  for (uint64_t I = 0; I < D.N; ++I) {
    if (Latin1Out)
      *P++ = D.Cps[I];
    else if (UnitSize == 1)
      P = putUtf8(P, D.Cps[I]);
    else
      P = putUtf16(P, D.Cps[I]);
  }
  O.T->out_ptr = Ptr;
  O.T->out_len = D.Units;
}

static void storeUtf8ToUtf16(Dst &O, const Decoded &D) {
  uint64_t Worst = 2 * D.Units;
  uint64_t Ptr = O.realloc(0, 0, 2, Worst);
  O.check(Ptr, Worst, 2);
  uint8_t *P = O.at(Ptr);
  for (uint64_t I = 0; I < D.N; ++I)
    P = putUtf16(P, D.Cps[I]);
  uint64_t Len = 2 * utf16Units(D.Cps, D.N);
  if (Len < Worst) {
    Ptr = O.realloc(Ptr, Worst, 2, Len);
    O.check(Ptr, Len, 2);
  }
  O.T->out_ptr = Ptr;
  O.T->out_len = Len / 2;
}

static void storeToLatin1OrUtf16(Dst &O, const Decoded &D, uint64_t Tag) {
  uint64_t Units = D.Units;
  uint64_t Ptr = O.realloc(0, 0, 2, Units);
  O.check(Ptr, Units, 2);
  uint64_t Len = 0;
  for (uint64_t I = 0; I < D.N; ++I) {
    if (D.Cps[I] < 0x100) {
      O.at(Ptr)[Len++] = D.Cps[I];
      continue;
    }
    uint64_t Worst = 2 * Units;
    Ptr = O.realloc(Ptr, Units, 2, Worst);
    O.check(Ptr, Worst, 2);
    uint8_t *B = O.at(Ptr);
    for (uint64_t J = Len; J-- > 0;) {
      B[2 * J] = B[J];
      B[2 * J + 1] = 0;
    }
    uint8_t *P = B + 2 * Len;
    for (uint64_t K = I; K < D.N; ++K)
      P = putUtf16(P, D.Cps[K]);
    uint64_t Bytes = 2 * utf16Units(D.Cps, D.N);
    if (Worst > Bytes) {
      Ptr = O.realloc(Ptr, Worst, 2, Bytes);
      O.check(Ptr, Bytes, 2);
    }
    O.T->out_ptr = Ptr;
    O.T->out_len = (Bytes / 2) | Tag;
    return;
  }
  if (Len < Units) {
    Ptr = O.realloc(Ptr, Units, 2, Len);
    O.check(Ptr, Len, 2);
  }
  O.T->out_ptr = Ptr;
  O.T->out_len = Len;
}

static void storeProbablyUtf16(Dst &O, const Decoded &D, uint64_t Tag) {
  uint64_t Bytes = 2 * D.Units;
  uint64_t Ptr = O.realloc(0, 0, 2, Bytes);
  O.check(Ptr, Bytes, 2);
  uint8_t *P = O.at(Ptr);
  bool Wide = false;
  for (uint64_t I = 0; I < D.N; ++I) {
    P = putUtf16(P, D.Cps[I]);
    Wide |= D.Cps[I] >= 0x100;
  }
  if (Wide) {
    O.T->out_ptr = Ptr;
    O.T->out_len = D.Units | Tag;
    return;
  }
  uint8_t *B = O.at(Ptr);
  for (uint64_t I = 0; I < D.N; ++I)
    B[I] = B[2 * I];
  Ptr = O.realloc(Ptr, Bytes, 1, D.N);
  O.check(Ptr, D.N, 1);
  O.T->out_ptr = Ptr;
  O.T->out_len = D.N;
}

/// Whether S[0, N) is well-formed UTF-8 (no overlongs, surrogates or code
/// points beyond U+10FFFF). Runs of ASCII are checked 32 bytes at a time.
static bool validUtf8(const uint8_t *S, uint64_t N) {
  uint64_t I = 0;
  while (I < N) {
    while (I + 32 <= N) {
      uint64_t W[4];
      memcpy(W, S + I, 32);
      if ((W[0] | W[1] | W[2] | W[3]) & 0x8080808080808080ull)
        break;
      I += 32;
    }
    while (I < N && S[I] < 0x80)
      ++I;
    if (I == N)
      return true;
    uint32_t C = S[I];
    unsigned Len = (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4
                                                                         : 0;
    if (!Len || I + Len > N)
      return false;
    C &= 0x3F >> (Len - 1);
    for (unsigned K = 1; K < Len; ++K) {
      if ((S[I + K] & 0xC0) != 0x80)
        return false;
      C = (C << 6) | (S[I + K] & 0x3F);
    }
    static const uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (C < Min[Len] || C > 0x10FFFF || (C >= 0xD800 && C < 0xE000))
      return false;
    I += Len;
  }
  return true;
}

/// UTF-8 to UTF-8, the common case: validate in place and copy the bytes
/// (no code-point buffer). Same checks, in the same order, as decode()
/// followed by storeCopy().
static void copyUtf8(void *Block, weld_string_transfer *T) {
  uint64_t Units = T->src_len;
  if (Units > (1u << 28) - 1)
    trapBlock(Block, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  if (T->src_ptr + Units > T->src_size)
    trapBlock(Block, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  const uint8_t *S = (T->src_base ? T->src_base : nullptr) + T->src_ptr;
  if (!validUtf8(S, Units))
    trapBlock(Block, WELD_TRAP_INVALID_STRING);
  Dst O{Block, T};
  uint64_t Ptr = O.realloc(0, 0, 1, Units);
  O.check(Ptr, Units, 1);
  if (Units)
    memcpy(O.at(Ptr), S, Units);
  T->out_ptr = Ptr;
  T->out_len = Units;
}

extern "C" void weld_canon_string(void *Block, weld_string_transfer *T) {
  if (T->src_encoding == 0 && T->dst_encoding == 0)
    return copyUtf8(Block, T);
  Decoded D = decode(Block, T);
  Dst O{Block, T};
  uint64_t Tag = T->dst_mem ? (1ull << 31) : (1ull << 63);
  // Free the code points before anything can trap (realloc may trap).
  uint32_t *Cps = D.Cps;
  switch (T->dst_encoding) {
  case 0:
    if (D.Simple == 0)
      storeCopy(O, D, 1, false);
    else if (D.Simple == 1)
      storeToUtf8(O, D, D.Units * 3);
    else
      storeToUtf8(O, D, D.Units * 2);
    break;
  case 1:
    if (D.Simple == 0)
      storeUtf8ToUtf16(O, D);
    else
      storeCopy(O, D, 2, false);
    break;
  default:
    if (T->src_encoding != 2)
      storeToLatin1OrUtf16(O, D, Tag);
    else if (D.Simple == 3)
      storeCopy(O, D, 1, true);
    else
      storeProbablyUtf16(O, D, Tag);
    break;
  }
  free(Cps);
}

//===-- Instances -------------------------------------------------------===//

namespace {
struct InitArgs {
  const weld_component *C;
  weld_component_instance *I;
};
struct CallArgs {
  weld_component_entry Entry;
  weld_component_instance *I;
  const void *Args;
  void *Results;
};
} // namespace

static void runComponentInit(void *P) {
  auto *A = static_cast<InitArgs *>(P);
  A->C->init(A->I);
}

static void runEntry(void *P) {
  auto *A = static_cast<CallArgs *>(P);
  A->Entry(A->I, A->Args, A->Results);
}

extern "C" weld_trap_kind
weld_component_instantiate(const weld_component *C,
                           weld_host_func const *Imports, void *HostCtx,
                           weld_component_instance **Out) {
  *Out = nullptr;
  if (C->abi_version != WELD_COMPONENT_ABI_VERSION)
    return WELD_TRAP_OUT_OF_MEMORY;
  weld_store *S = weld_store_new();
  size_t Size = (C->block_size + 15) & ~size_t(15);
  void *Block = S ? aligned_alloc(16, Size) : nullptr;
  if (!Block) {
    weld_store_delete(S);
    return WELD_TRAP_OUT_OF_MEMORY;
  }
  memset(Block, 0, Size);
  auto *H = static_cast<weld_component_header *>(Block);
  H->store = S;
  H->magic = WELD_COMPONENT_MAGIC;
  H->version = WELD_COMPONENT_ABI_VERSION;
  H->component = C;
  H->imports = Imports;
  H->host_ctx = HostCtx;
  *Out = static_cast<weld_component_instance *>(Block);
  InitArgs A{C, *Out};
  return runGuarded(S, runComponentInit, &A);
}

extern "C" weld_trap_kind weld_component_call(weld_component_instance *I,
                                              uint32_t Export,
                                              const void *Args,
                                              void *Results) {
  auto *H = reinterpret_cast<weld_component_header *>(I);
  if (Export >= H->component->num_exports ||
      !H->component->exports[Export].entry)
    return WELD_TRAP_UNREACHABLE;
  CallArgs A{H->component->exports[Export].entry, I, Args, Results};
  return runGuarded(H->store, runEntry, &A);
}

extern "C" void weld_component_destroy(weld_component_instance *I) {
  if (!I)
    return;
  auto *H = reinterpret_cast<weld_component_header *>(I);
  for (auto *T = static_cast<HandleTable *>(H->reserved[0]); T;) {
    HandleTable *Next = T->NextAlloc;
    free(T->Elems);
    free(T->Free);
    free(T);
    T = Next;
  }
  weld_store_delete(H->store);
  free(I);
}

extern "C" void weld_component_free(void *P) { free(P); }
