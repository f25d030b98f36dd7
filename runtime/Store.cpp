//===- Store.cpp - stores, instances and host entries ----------------------===//
//
// The host-facing half of the runtime: a store owns instances, memories and
// tables; instantiation and calls run guest code under a trap guard.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <stdlib.h>
#include <string.h>

using namespace weld::rt;

bool weld::rt::own(weld_store *S, OwnedObject::Kind K, void *Ptr) {
  auto *O = static_cast<OwnedObject *>(malloc(sizeof(OwnedObject)));
  if (!O)
    return false;
  O->K = K;
  O->Ptr = Ptr;
  O->Next = static_cast<OwnedObject *>(S->owned);
  S->owned = O;
  return true;
}

extern "C" weld_store *weld_store_new(void) {
  return static_cast<weld_store *>(calloc(1, sizeof(weld_store)));
}

extern "C" void weld_store_delete(weld_store *S) {
  if (!S)
    return;
  auto *O = static_cast<OwnedObject *>(S->owned);
  while (O) {
    OwnedObject *Next = O->Next;
    switch (O->K) {
    case OwnedObject::Memory:
      destroyMemory(static_cast<weld_memory *>(O->Ptr));
      break;
    case OwnedObject::Table:
      destroyTable(static_cast<weld_table *>(O->Ptr));
      break;
    case OwnedObject::Instance: {
      auto *I = static_cast<weld_instance *>(O->Ptr);
      free(I->Vmctx);
      free(I);
      break;
    }
    }
    free(O);
    O = Next;
  }
  free(S);
}

static const char *linkError(const weld_import &I, const void *P) {
  if (!P)
    return "unknown import";
  switch (I.kind) {
  case WELD_EXTERN_FUNC: {
    auto *F = static_cast<const weld_funcref *>(P);
    if (strcmp(F->signature, I.signature) != 0)
      return "incompatible import type";
    return nullptr;
  }
  case WELD_EXTERN_GLOBAL: {
    auto *G = static_cast<const weld_global *>(P);
    if (G->type != I.value_type || G->mutable_ != I.mutable_)
      return "incompatible import type";
    return nullptr;
  }
  case WELD_EXTERN_MEMORY: {
    auto *M = static_cast<const weld_memory *>(P);
    if (M->size / WELD_PAGE_SIZE < I.min)
      return "incompatible import type";
    if (I.has_max && (M->max_pages == WELD_NO_MAX || M->max_pages > I.max))
      return "incompatible import type";
    return nullptr;
  }
  case WELD_EXTERN_TABLE: {
    auto *T = static_cast<const weld_table *>(P);
    if (T->elem_type != I.value_type || T->size < I.min)
      return "incompatible import type";
    if (I.has_max && (T->max == WELD_NO_MAX || T->max > I.max))
      return "incompatible import type";
    return nullptr;
  }
  }
  return "unknown import kind";
}

extern "C" const char *weld_link_check(const weld_module *M,
                                       void *const *Imports) {
  if (M->abi_version != WELD_ABI_VERSION)
    return "module compiled for another runtime ABI version";
  for (uint32_t I = 0; I < M->num_imports; ++I)
    if (const char *Err = linkError(M->imports[I], Imports[I]))
      return Err;
  return nullptr;
}

namespace {
struct InitCall {
  const weld_module *M;
  void *Vmctx;
  void *const *Imports;
};
} // namespace

static void runInit(void *Arg) {
  auto *C = static_cast<InitCall *>(Arg);
  C->M->init(C->Vmctx, C->Imports);
}

extern "C" weld_trap_kind weld_instantiate(weld_store *S, const weld_module *M,
                                           void *const *Imports,
                                           weld_instance **Out) {
  *Out = nullptr;
  size_t Size = (M->vmctx_size + 15) & ~size_t(15);
  if (Size < sizeof(weld_vmctx_header))
    Size = sizeof(weld_vmctx_header);
  void *Vmctx = aligned_alloc(16, Size);
  auto *I = static_cast<weld_instance *>(calloc(1, sizeof(weld_instance)));
  if (!Vmctx || !I || !own(S, OwnedObject::Instance, I)) {
    free(Vmctx);
    free(I);
    return WELD_TRAP_OUT_OF_MEMORY;
  }
  memset(Vmctx, 0, Size);
  auto *H = static_cast<weld_vmctx_header *>(Vmctx);
  H->store = S;
  H->module = M;
  H->instance = I;
  I->Vmctx = Vmctx;
  I->Module = M;
  *Out = I;
  InitCall C{M, Vmctx, Imports};
  return runGuarded(S, runInit, &C);
}

extern "C" void *weld_instance_vmctx(weld_instance *I) { return I->Vmctx; }

extern "C" void *weld_instance_export(weld_instance *I, uint32_t Index) {
  if (Index >= I->Module->num_exports)
    return nullptr;
  char *Slot =
      static_cast<char *>(I->Vmctx) + I->Module->exports[Index].vmctx_offset;
  return *reinterpret_cast<void **>(Slot);
}

extern "C" int32_t weld_instance_find_export_n(weld_instance *I,
                                               const char *Name, size_t Len) {
  for (uint32_t E = 0; E < I->Module->num_exports; ++E) {
    const weld_export &X = I->Module->exports[E];
    if (X.name_len == Len && memcmp(X.name, Name, Len) == 0)
      return static_cast<int32_t>(E);
  }
  return -1;
}

extern "C" int32_t weld_instance_find_export(weld_instance *I,
                                             const char *Name) {
  return weld_instance_find_export_n(I, Name, strlen(Name));
}

namespace {
struct CallArgs {
  const weld_funcref *F;
  weld_value *Values;
};
} // namespace

static void runCall(void *Arg) {
  auto *C = static_cast<CallArgs *>(Arg);
  C->F->array_call(C->F, C->Values);
}

extern "C" weld_trap_kind weld_call(weld_store *S, const weld_funcref *F,
                                    weld_value *Values) {
  if (!F || !F->array_call)
    return WELD_TRAP_UNINITIALIZED_ELEMENT;
  CallArgs C{F, Values};
  return runGuarded(S, runCall, &C);
}
