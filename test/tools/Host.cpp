//===- Host.cpp - a test host for compiled core modules -------------------===//
//
// The spectest module follows the official suite's conventions: print
// functions that do nothing observable here, globals holding 666 / 666.6,
// a funcref table of 10..20 elements and a memory of 1..2 pages.
//
//===----------------------------------------------------------------------===//

#include "Host.h"

#include <cstring>
#include <dlfcn.h>

namespace weld::host {

// The print functions have the native prototype of compiled code: the
// context pointer first, then the parameters.
static void printNone(void *) {}
static void printI32(void *, int32_t) {}
static void printI64(void *, int64_t) {}
static void printF32(void *, float) {}
static void printF64(void *, double) {}
static void printI32F32(void *, int32_t, float) {}
static void printF64F64(void *, double, double) {}

Host::Host() : Store(weld_store_new()) { makeSpectest(); }

Host::~Host() {
  weld_store_delete(Store);
  for (weld_funcref *F : HostFuncs)
    delete F;
  for (weld_global *G : HostGlobals)
    delete G;
  // Shared objects stay loaded: their signature strings may still be
  // referenced by tables of other instances until the store is gone.
  for (void *H : Handles)
    dlclose(H);
}

void Host::makeSpectest() {
  auto Func = [&](const char *Name, void *Code, const char *Sig) {
    auto *F = new weld_funcref{Code, nullptr, Sig, nullptr};
    HostFuncs.push_back(F);
    Spectest[Name] = {WELD_EXTERN_FUNC, F};
  };
  Func("print", (void *)printNone, ":");
  Func("print_i32", (void *)printI32, "i:");
  Func("print_i64", (void *)printI64, "I:");
  Func("print_f32", (void *)printF32, "f:");
  Func("print_f64", (void *)printF64, "F:");
  Func("print_i32_f32", (void *)printI32F32, "if:");
  Func("print_f64_f64", (void *)printF64F64, "FF:");
  auto Global = [&](const char *Name, uint8_t Type, weld_value V) {
    auto *G = new weld_global();
    G->value = V;
    G->type = Type;
    G->mutable_ = 0;
    HostGlobals.push_back(G);
    Spectest[Name] = {WELD_EXTERN_GLOBAL, G};
  };
  weld_value V;
  std::memset(&V, 0, sizeof V);
  V.i32 = 666;
  Global("global_i32", WELD_I32, V);
  std::memset(&V, 0, sizeof V);
  V.i64 = 666;
  Global("global_i64", WELD_I64, V);
  std::memset(&V, 0, sizeof V);
  V.f32 = 666.6f;
  Global("global_f32", WELD_F32, V);
  std::memset(&V, 0, sizeof V);
  V.f64 = 666.6;
  Global("global_f64", WELD_F64, V);
  Spectest["table"] = {WELD_EXTERN_TABLE,
                       weld_store_new_table(Store, WELD_FUNCREF, 10, 20)};
  Spectest["memory"] = {WELD_EXTERN_MEMORY,
                        weld_store_new_memory(Store, 1, 2)};
}

const weld_module *Host::load(const std::string &Path, std::string &Error) {
  void *H = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!H) {
    const char *E = dlerror();
    Error = E ? E : "dlopen failed";
    return nullptr;
  }
  Handles.push_back(H);
  auto *M = static_cast<const weld_module *>(dlsym(H, "weld_module"));
  if (!M) {
    Error = "no weld_module symbol in " + Path;
    return nullptr;
  }
  if (M->abi_version != WELD_ABI_VERSION) {
    Error = "ABI version mismatch in " + Path;
    return nullptr;
  }
  return M;
}

void *Host::findExport(const Instance &I, const std::string &Name,
                       uint8_t Kind) {
  int32_t Idx = weld_instance_find_export_n(I.Inst, Name.data(), Name.size());
  if (Idx < 0 || I.Module->exports[Idx].kind != Kind)
    return nullptr;
  return weld_instance_export(I.Inst, uint32_t(Idx));
}

bool Host::resolve(const weld_import &Imp, Extern &Out) {
  std::string Module(Imp.module, Imp.module_len);
  std::string Name(Imp.name, Imp.name_len);
  if (Module == "spectest") {
    auto It = Spectest.find(Name);
    if (It == Spectest.end())
      return false;
    Out = It->second;
    return true;
  }
  auto It = Registered.find(Module);
  if (It == Registered.end())
    return false;
  const Instance &I = It->second;
  int32_t Idx = weld_instance_find_export_n(I.Inst, Imp.name, Imp.name_len);
  if (Idx < 0)
    return false;
  Out.Kind = I.Module->exports[Idx].kind;
  Out.Object = weld_instance_export(I.Inst, uint32_t(Idx));
  return true;
}

bool Host::link(const weld_module *M, std::vector<void *> &Imports,
                std::string &Error) {
  Imports.assign(M->num_imports, nullptr);
  for (uint32_t K = 0; K < M->num_imports; ++K) {
    const weld_import &Imp = M->imports[K];
    Extern E;
    if (!resolve(Imp, E)) {
      Error = std::string("unknown import ") + Imp.module + "." + Imp.name;
      return false;
    }
    if (E.Kind != Imp.kind) {
      Error = std::string("incompatible import type ") + Imp.module + "." +
              Imp.name;
      return false;
    }
    Imports[K] = E.Object;
  }
  if (const char *Msg = weld_link_check(M, Imports.data())) {
    Error = Msg;
    return false;
  }
  return true;
}

weld_trap_kind Host::instantiate(const weld_module *M,
                                 std::vector<void *> &Imports,
                                 Instance &Out) {
  Out.Module = M;
  return weld_instantiate(Store, M, Imports.data(), &Out.Inst);
}

void signatureArity(const char *Sig, size_t &Params, size_t &Results) {
  const char *Colon = std::strchr(Sig, ':');
  Params = Colon ? size_t(Colon - Sig) : std::strlen(Sig);
  Results = Colon ? std::strlen(Colon + 1) : 0;
}

} // namespace weld::host
