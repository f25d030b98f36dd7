//===- ComponentHost.cpp - runs a converted component .wast against weld --===//
//
// usage: weld-component-host SCRIPT.json DIR
//
// SCRIPT.json is `wasm-tools json-from-wast` output for a component-model
// script. For each component X.wasm named there, the runner
// (utils/spectest_component.py) has already run `weld compile` and left
// DIR/X.wasm.so (when weld succeeded) and DIR/X.wasm.status (its exit status)
// and DIR/X.wasm.err (its message). This host dlopens each shared object,
// instantiates it through its weld_component descriptor, converts the
// script's component values to the host ABI (the canonical ABI's memory
// layout with 64-bit native pointers, see weld/component.h) using the
// export's type string, calls, converts the results back and compares.
// It prints a line per failure and last "RESULT passed failed skipped".
//
//===----------------------------------------------------------------------===//

#include "ComponentValues.h"
#include "weld/component.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <dlfcn.h>
#include <fstream>
#include <map>
#include <memory>

using namespace llvm;

namespace {

using namespace weld::chost;

struct Loaded {
  const weld_component *C = nullptr;
  weld_component_instance *I = nullptr;
};

class Runner {
public:
  explicit Runner(std::string Dir) : Dir(std::move(Dir)) {}
  ~Runner() {
    for (auto &I : Owned)
      I.C->destroy(I.I);
  }
  void run(const json::Array &Commands);
  unsigned Passed = 0, Failed = 0, Skipped = 0;

private:
  void fail(int64_t Line, const std::string &Msg) {
    ++Failed;
    outs() << "FAIL line " << Line << ": " << Msg << "\n";
  }
  /// Messages starting "skip: " skip the command and the assertions on
  /// its instance.
  void skipOrFail(int64_t Line, const std::string &Msg) {
    CurrentSkipped = StringRef(Msg).starts_with("skip: ");
    if (!CurrentSkipped)
      return fail(Line, Msg);
    ++Skipped;
    outs() << "SKIP line " << Line << ": " << Msg.substr(6) << "\n";
  }
  bool CurrentSkipped = false;
  /// Loads File's shared object; empty string on success, else why not.
  std::string load(StringRef File, const weld_component *&C);
  /// Instantiates C; sets Trap.
  std::string instantiate(const weld_component *C, Loaded &Out,
                          weld_trap_kind &Trap);
  bool invoke(const json::Object &Action, weld_trap_kind &Trap,
              json::Array &Results, std::string &Msg);

  std::string Dir;
  Loaded Current;
  std::map<std::string, const weld_component *> Definitions;
  std::map<std::string, Loaded> Named;
  std::vector<Loaded> Owned;
};

std::string Runner::load(StringRef File, const weld_component *&C) {
  std::string Base = Dir + "/" + File.str();
  std::ifstream St(Base + ".status");
  std::string Status;
  St >> Status;
  if (Status == "skip") {
    std::ifstream Err(Base + ".err");
    std::string Line;
    std::getline(Err, Line);
    return "skip: " + Line;
  }
  if (Status != "0") {
    std::ifstream Err(Base + ".err");
    std::string Line;
    std::getline(Err, Line);
    return "compile failed: " + Line;
  }
  void *H = dlopen((Base + ".so").c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!H)
    return std::string("dlopen failed: ") + dlerror();
  C = static_cast<const weld_component *>(dlsym(H, "weld_component"));
  if (!C)
    return "no weld_component symbol";
  return "";
}

std::string Runner::instantiate(const weld_component *C, Loaded &Out,
                                weld_trap_kind &Trap) {
  Trap = WELD_TRAP_NONE;
  if (C->num_imports) {
    // wasmtime's test host defines functions and resources named host*;
    // this host provides none of them.
    if (StringRef(C->imports[0].name).starts_with("host"))
      return std::string("skip: needs wasmtime's test-host import `") +
             C->imports[0].name + "`";
    return std::string("unknown import: ") + C->imports[0].name;
  }
  Out.C = C;
  Trap = C->instantiate(C, nullptr, nullptr, &Out.I);
  if (Out.I)
    Owned.push_back(Out);
  return "";
}

bool Runner::invoke(const json::Object &Action, weld_trap_kind &Trap,
                    json::Array &Results, std::string &Msg) {
  Loaded L = Current;
  if (auto M = Action.getString("module")) {
    auto It = Named.find(M->str());
    if (It == Named.end()) {
      Msg = "unknown instance " + M->str();
      return false;
    }
    L = It->second;
  }
  if (!L.I) {
    Msg = "no instance";
    return false;
  }
  auto Field = Action.getString("field");
  int32_t Index = -1;
  for (uint32_t I = 0; I < L.C->num_exports; ++I)
    if (Field && *Field == L.C->exports[I].name)
      Index = I;
  if (Index < 0) {
    Msg = "unknown export " + (Field ? Field->str() : "?");
    return false;
  }
  const weld_component_func &F = L.C->exports[Index];
  std::vector<std::string> Names;
  std::vector<HTypeP> Params;
  HTypeP Result;
  TypeParser TP(F.type);
  if (!TP.func(Names, Params, Result)) {
    Msg = std::string("bad type string ") + F.type;
    return false;
  }
  const json::Array *Args = Action.getArray("args");
  if (!Args || Args->size() != Params.size()) {
    Msg = "wrong number of arguments";
    return false;
  }
  std::vector<uint8_t> ArgBuf(F.args_size + 16), ResBuf(F.results_size + 16);
  uint8_t *AP = (uint8_t *)alignUp((uintptr_t)ArgBuf.data(), 16);
  uint8_t *RP = (uint8_t *)alignUp((uintptr_t)ResBuf.data(), 16);
  std::vector<void *> Allocs;
  uint64_t Off = 0;
  for (size_t I = 0; I < Params.size(); ++I) {
    Off = alignUp(Off, alignOf(Params[I]));
    if (!store(Params[I], (*Args)[I], AP + Off, Allocs)) {
      Msg = "argument does not match the parameter type";
      return false;
    }
    Off += sizeOf(Params[I]);
  }
  Trap = L.C->call(L.I, Index, AP, RP);
  for (void *P : Allocs)
    free(P);
  if (Trap == WELD_TRAP_NONE && Result)
    Results.push_back(loadValue(Result, RP));
  return true;
}

void Runner::run(const json::Array &Commands) {
  for (const json::Value &CV : Commands) {
    const json::Object *C = CV.getAsObject();
    if (!C)
      continue;
    StringRef Type = C->getString("type").value_or("");
    int64_t Line = C->getInteger("line").value_or(0);
    StringRef File = C->getString("filename").value_or("");
    if (Type == "module" || Type == "module_definition") {
      const weld_component *Comp = nullptr;
      std::string Err = load(File, Comp);
      if (!Err.empty()) {
        skipOrFail(Line, Err);
        Current = {};
        continue;
      }
      if (Type == "module_definition") {
        if (auto N = C->getString("name"))
          Definitions[N->str()] = Comp;
        ++Passed;
        continue;
      }
      weld_trap_kind Trap;
      Loaded L;
      Err = instantiate(Comp, L, Trap);
      if (!Err.empty() || Trap != WELD_TRAP_NONE) {
        skipOrFail(Line, Err.empty() ? std::string("instantiation trapped: ") +
                                           weld_trap_message(Trap)
                                     : Err);
        Current = {};
        continue;
      }
      Current = L;
      CurrentSkipped = false;
      if (auto N = C->getString("name"))
        Named[N->str()] = L;
      ++Passed;
      continue;
    }
    if (Type == "module_instance") {
      auto M = C->getString("module");
      auto It = M ? Definitions.find(M->str()) : Definitions.end();
      if (It == Definitions.end()) {
        fail(Line, "unknown component definition");
        continue;
      }
      weld_trap_kind Trap;
      Loaded L;
      std::string Err = instantiate(It->second, L, Trap);
      if (!Err.empty() || Trap != WELD_TRAP_NONE) {
        fail(Line, Err.empty() ? "instantiation trapped" : Err);
        continue;
      }
      Current = L;
      if (auto N = C->getString("instance"))
        Named[N->str()] = L;
      ++Passed;
      continue;
    }
    if (Type == "assert_uninstantiable" || Type == "assert_unlinkable") {
      const weld_component *Comp = nullptr;
      std::string Err = load(File, Comp);
      if (StringRef(Err).starts_with("skip: ")) {
        skipOrFail(Line, Err);
        continue;
      }
      if (!Err.empty()) {
        // A compile-time link error is the expected outcome for unlinkable.
        if (Type == "assert_unlinkable")
          ++Passed;
        else
          fail(Line, Err);
        continue;
      }
      weld_trap_kind Trap;
      Loaded L;
      Err = instantiate(Comp, L, Trap);
      bool Ok = Type == "assert_unlinkable" ? !Err.empty()
                                            : Trap != WELD_TRAP_NONE;
      if (Ok)
        ++Passed;
      else
        fail(Line, Type.str() + ": instantiation succeeded");
      continue;
    }
    if (Type == "assert_return" || Type == "assert_trap" || Type == "action") {
      const json::Object *A = C->getObject("action");
      weld_trap_kind Trap = WELD_TRAP_NONE;
      json::Array Results;
      std::string Msg;
      if (!A || !invoke(*A, Trap, Results, Msg)) {
        if (Msg == "no instance" && CurrentSkipped) {
          ++Skipped;
          continue;
        }
        fail(Line, "cannot invoke: " + Msg);
        continue;
      }
      if (Type == "assert_trap") {
        if (Trap != WELD_TRAP_NONE)
          ++Passed;
        else
          fail(Line, "expected a trap (" +
                         C->getString("text").value_or("").str() + ")");
        continue;
      }
      if (Trap != WELD_TRAP_NONE) {
        fail(Line, std::string("trapped: ") + weld_trap_message(Trap));
        continue;
      }
      if (Type == "action") {
        ++Passed;
        continue;
      }
      const json::Array *Want = C->getArray("expected");
      json::Value Got(std::move(Results));
      if (Want && valuesEqual(Got, json::Value(json::Array(*Want))))
        ++Passed;
      else {
        std::string S;
        raw_string_ostream OS(S);
        OS << "got " << Got << " expected "
           << (Want ? json::Value(json::Array(*Want)) : json::Value(nullptr));
        fail(Line, S);
      }
      continue;
    }
    if (Type == "assert_invalid" || Type == "assert_malformed") {
      // Validation is checked by `utils/spectest component --validate-only`;
      // not counted here.
      continue;
    }
    ++Skipped;
    outs() << "SKIP line " << Line << ": command " << Type << "\n";
  }
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 3) {
    errs() << "usage: weld-component-host SCRIPT.json DIR\n";
    return 2;
  }
  auto Buf = MemoryBuffer::getFile(Argv[1]);
  if (!Buf) {
    errs() << "cannot read " << Argv[1] << "\n";
    return 2;
  }
  auto J = json::parse((*Buf)->getBuffer());
  if (!J) {
    errs() << "bad JSON: " << toString(J.takeError()) << "\n";
    return 2;
  }
  const json::Array *Commands = J->getAsObject()->getArray("commands");
  Runner R(Argv[2]);
  R.run(*Commands);
  outs() << "RESULT " << R.Passed << " " << R.Failed << " " << R.Skipped
         << "\n";
  outs().flush();
  _exit(0); // shared objects may hold state the runner does not tear down
}
