//===- Host.h - a test host for compiled core modules ---------*- C++ -*-===//
//
// The spec-test host and weld-invoke load shared objects produced by
// `weld compile --core --emit=shared`, link their imports (against the
// spectest host module or earlier instances) and call exports through the
// runtime's C API (include/weld/runtime.h). This is the code an embedder
// writes; keeping it here tests that API end to end.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_TEST_TOOLS_HOST_H
#define WELD_TEST_TOOLS_HOST_H

#include "weld/runtime.h"

#include <map>
#include <string>
#include <vector>

namespace weld::host {

/// A loaded and instantiated module.
struct Instance {
  const weld_module *Module = nullptr;
  weld_instance *Inst = nullptr;
};

/// What an import resolved to: a kind and the object pointer.
struct Extern {
  uint8_t Kind = 0;
  void *Object = nullptr;
};

/// Holds one store, the spectest host module and the registered instances.
class Host {
public:
  Host();
  ~Host();
  Host(const Host &) = delete;
  Host &operator=(const Host &) = delete;

  weld_store *store() { return Store; }

  /// dlopens Path and returns its weld_module descriptor, or sets Error.
  const weld_module *load(const std::string &Path, std::string &Error);

  /// Resolves M's imports against spectest and registered instances.
  /// Returns false with Error "unknown import ..." or "incompatible import
  /// type ..." when they cannot be satisfied.
  bool link(const weld_module *M, std::vector<void *> &Imports,
            std::string &Error);

  /// Instantiates M with Imports; returns the trap (NONE on success).
  weld_trap_kind instantiate(const weld_module *M,
                             std::vector<void *> &Imports, Instance &Out);

  /// Makes the exports of I importable under module name Name.
  void registerInstance(const std::string &Name, const Instance &I) {
    Registered[Name] = I;
  }

  /// Looks up export Name of I with kind Kind; nullptr when absent.
  static void *findExport(const Instance &I, const std::string &Name,
                          uint8_t Kind);

private:
  void makeSpectest();
  bool resolve(const weld_import &Imp, Extern &Out);

  weld_store *Store;
  std::vector<void *> Handles;
  std::map<std::string, Instance> Registered;
  std::map<std::string, Extern> Spectest;
  std::vector<weld_funcref *> HostFuncs;
  std::vector<weld_global *> HostGlobals;
};

/// Number of parameters and results of a canonical signature string.
void signatureArity(const char *Sig, size_t &Params, size_t &Results);

} // namespace weld::host

#endif
