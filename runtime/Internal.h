//===- Internal.h - runtime-private declarations ----------------*- C++ -*-===//
//
// Shared between the runtime's source files only: the trap frame, the
// store's bookkeeping of what it owns, and the registry of memory
// reservations the fault handler consults.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_RUNTIME_INTERNAL_H
#define WELD_RUNTIME_INTERNAL_H

#include "weld/runtime.h"

#include <setjmp.h>

/// One host entry into guest code: where a trap unwinds to.
struct weld_trap_frame {
  sigjmp_buf Buf;
  weld_trap_frame *Prev;
  int Kind;
};

/// An instance: its vmctx block and its place in the store's list.
struct weld_instance {
  void *Vmctx;
  const weld_module *Module;
  weld_instance *Next;
};

namespace weld::rt {

/// What a store owns; hangs off weld_store::owned.
struct OwnedObject {
  enum Kind { Memory, Table, Instance } K;
  void *Ptr;
  OwnedObject *Next;
};

/// Records that S owns Ptr (freed with the store). False when out of memory.
bool own(weld_store *S, OwnedObject::Kind K, void *Ptr);

/// Runs Fn(Arg) under a trap guard of S; returns the trap kind or NONE.
weld_trap_kind runGuarded(weld_store *S, void (*Fn)(void *), void *Arg);

/// Raises Kind in store S (used by runtime functions that know the store).
[[noreturn]] void trapInStore(weld_store *S, weld_trap_kind Kind);

/// Adds/removes [Begin, End) as a reservation of Mem for the fault handler;
/// adding installs the handler on first use.
bool registerReservation(uintptr_t Begin, uintptr_t End, weld_memory *Mem);
void unregisterReservation(weld_memory *Mem);

/// Creates a memory owned by S, or NULL.
weld_memory *createMemory(weld_store *S, uint64_t MinPages, uint64_t MaxPages);
void destroyMemory(weld_memory *M);
/// Creates a table owned by S, or NULL.
weld_table *createTable(weld_store *S, uint8_t ElemType, uint64_t Min,
                        uint64_t Max, void *Init);
void destroyTable(weld_table *T);

inline weld_store *storeOf(void *Vmctx) {
  return static_cast<weld_vmctx_header *>(Vmctx)->store;
}

} // namespace weld::rt

#endif
