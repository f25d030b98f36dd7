//===- SpecHost.cpp - runs a converted .wast script against weld output ---===//
//
// usage: weld-spectest-host SCRIPT.json DIR
//
// SCRIPT.json is `wasm-tools json-from-wast` output. For each module file
// X.wasm named there, the runner (utils/spectest_core.py) has already run
// weld and left DIR/X.wasm.so (when weld succeeded) and DIR/X.wasm.status
// (weld's exit status). This program walks the commands in order, checks
// every assertion, prints a line per failure and last
//   RESULT passed failed skipped
// so that the runner can sum the counts even for scripts it interrupts.
//
//===----------------------------------------------------------------------===//

#include "Host.h"
#include "Values.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <fstream>
#include <map>

using namespace llvm;
using namespace weld::host;

namespace {

class Runner {
public:
  Runner(std::string Dir) : Dir(std::move(Dir)) {}
  void run(const json::Array &Commands);
  unsigned Passed = 0, Failed = 0, Skipped = 0;
  /// The last module command was a text module (its actions are skipped).
  bool CurrentIsText = false;

private:
  void pass() { ++Passed; }
  void fail(int64_t Line, const std::string &Msg) {
    ++Failed;
    outs() << "FAIL line " << Line << ": " << Msg << "\n";
  }
  void skip(int64_t Line, const std::string &Why) {
    ++Skipped;
    outs() << "SKIP line " << Line << ": " << Why << "\n";
  }

  int compileStatus(StringRef File);
  /// Loads, links and instantiates File. Returns a stage name on failure
  /// ("compile", "load", "link", "trap") and fills Msg / Trap.
  std::string instantiate(StringRef File, Instance &Out, std::string &Msg,
                          weld_trap_kind &Trap);
  const Instance *moduleFor(const json::Object &Action);
  /// Performs an invoke or get. Returns false (with Msg) when the action
  /// could not be attempted; otherwise Trap and Results are set.
  bool perform(const json::Object &Action, weld_trap_kind &Trap,
               std::vector<weld_value> &Results, std::string &Msg);

  void commandModule(const json::Object &C, int64_t Line);
  void commandAction(const json::Object &C, int64_t Line, StringRef Type);
  void commandModuleFailure(const json::Object &C, int64_t Line,
                            StringRef Type);

  std::string Dir;
  Host H;
  std::map<std::string, Instance> Named;
  Instance Current;
  bool HaveCurrent = false;
};

int Runner::compileStatus(StringRef File) {
  std::ifstream In(Dir + "/" + File.str() + ".status");
  int Status = -1;
  if (!(In >> Status))
    return -1;
  return Status;
}

std::string Runner::instantiate(StringRef File, Instance &Out,
                                std::string &Msg, weld_trap_kind &Trap) {
  int Status = compileStatus(File);
  if (Status != 0) {
    Msg = "weld exited with status " + std::to_string(Status);
    return "compile";
  }
  const weld_module *M = H.load(Dir + "/" + File.str() + ".so", Msg);
  if (!M)
    return "load";
  std::vector<void *> Imports;
  if (!H.link(M, Imports, Msg))
    return "link";
  Trap = H.instantiate(M, Imports, Out);
  if (Trap != WELD_TRAP_NONE) {
    Msg = std::string("trap: ") + weld_trap_message(Trap);
    return "trap";
  }
  return "";
}

void Runner::commandModule(const json::Object &C, int64_t Line) {
  StringRef File = C.getString("filename").value_or("");
  Instance I;
  std::string Msg;
  weld_trap_kind Trap = WELD_TRAP_NONE;
  std::string Stage = instantiate(File, I, Msg, Trap);
  // Even a module whose start traps is current afterwards: the spec's
  // scripts never invoke it, and its tables may hold its functions.
  HaveCurrent = Stage.empty();
  if (!Stage.empty()) {
    fail(Line, "module " + File.str() + ": " + Stage + ": " + Msg);
    return;
  }
  Current = I;
  if (auto Name = C.getString("name"))
    Named[Name->str()] = I;
  pass();
}

const Instance *Runner::moduleFor(const json::Object &Action) {
  if (auto Name = Action.getString("module")) {
    auto It = Named.find(Name->str());
    return It == Named.end() ? nullptr : &It->second;
  }
  return HaveCurrent ? &Current : nullptr;
}

bool Runner::perform(const json::Object &Action, weld_trap_kind &Trap,
                     std::vector<weld_value> &Results, std::string &Msg) {
  const Instance *I = moduleFor(Action);
  if (!I) {
    Msg = "no module to act on";
    return false;
  }
  std::string Field = Action.getString("field").value_or("").str();
  StringRef Type = Action.getString("type").value_or("");
  if (Type == "get") {
    auto *G = static_cast<weld_global *>(
        Host::findExport(*I, Field, WELD_EXTERN_GLOBAL));
    if (!G) {
      Msg = "no global export " + Field;
      return false;
    }
    Trap = WELD_TRAP_NONE;
    Results.assign(1, G->value);
    return true;
  }
  auto *F = static_cast<const weld_funcref *>(
      Host::findExport(*I, Field, WELD_EXTERN_FUNC));
  if (!F) {
    Msg = "no function export " + Field;
    return false;
  }
  size_t NP, NR;
  signatureArity(F->signature, NP, NR);
  const json::Array *Args = Action.getArray("args");
  size_t NArgs = Args ? Args->size() : 0;
  if (NArgs != NP) {
    Msg = "argument count mismatch for " + Field;
    return false;
  }
  std::vector<weld_value> Values(std::max(NP, NR) + 1);
  for (size_t K = 0; K < NArgs; ++K)
    if (!parseValue((*Args)[K], Values[K], Msg))
      return false;
  Trap = weld_call(H.store(), F, Values.data());
  Results.assign(Values.begin(), Values.begin() + NR);
  return true;
}

void Runner::commandAction(const json::Object &C, int64_t Line,
                           StringRef Type) {
  const json::Object *Action = C.getObject("action");
  if (!Action) {
    fail(Line, "malformed command");
    return;
  }
  if (!moduleFor(*Action) && CurrentIsText) {
    skip(Line, "action on a text module (text-format test)");
    return;
  }
  weld_trap_kind Trap;
  std::vector<weld_value> Results;
  std::string Msg;
  if (!perform(*Action, Trap, Results, Msg)) {
    fail(Line, Msg);
    return;
  }
  std::string Field = Action->getString("field").value_or("").str();
  if (Type == "assert_trap" || Type == "assert_exhaustion") {
    if (Trap == WELD_TRAP_NONE)
      return fail(Line, Field + ": expected a trap, returned normally");
    std::string Want = C.getString("text").value_or("").str();
    if (!trapMatches(Trap, Want))
      return fail(Line, Field + ": expected trap '" + Want + "', got '" +
                            weld_trap_message(Trap) + "'");
    return pass();
  }
  if (Trap != WELD_TRAP_NONE)
    return fail(Line, Field + ": unexpected trap: " + weld_trap_message(Trap));
  if (Type == "action")
    return pass();
  const json::Array *Expected = C.getArray("expected");
  size_t N = Expected ? Expected->size() : 0;
  if (N != Results.size())
    return fail(Line, Field + ": result count mismatch");
  for (size_t K = 0; K < N; ++K)
    if (!valueMatches((*Expected)[K], Results[K], Msg))
      return fail(Line, Field + ": result " + std::to_string(K) + ": " + Msg);
  pass();
}

void Runner::commandModuleFailure(const json::Object &C, int64_t Line,
                                  StringRef Type) {
  StringRef File = C.getString("filename").value_or("");
  if (Type == "assert_invalid" || Type == "assert_malformed") {
    if (C.getString("module_type").value_or("") != "binary")
      return skip(Line, Type.str() + " of a text module (text-format test)");
    int Status = compileStatus(File);
    if (Status == 1)
      return pass();
    // The Wasm 2.0 scripts reject what the multi-memory proposal (which
    // weld implements) makes valid.
    std::string Text = C.getString("text").value_or("").str();
    if (Status == 0 &&
        (Text == "multiple memories" || Text == "zero byte expected"))
      return skip(Line, Type.str() + " '" + Text +
                            "' (valid with the multi-memory proposal)");
    return fail(Line, Type.str() + " " + File.str() +
                          ": weld exit status " + std::to_string(Status) +
                          ", expected 1 (" +
                          C.getString("text").value_or("").str() + ")");
  }
  Instance I;
  std::string Msg;
  weld_trap_kind Trap = WELD_TRAP_NONE;
  std::string Stage = instantiate(File, I, Msg, Trap);
  if (Type == "assert_unlinkable") {
    if (Stage == "link")
      return pass();
    return fail(Line, "expected unlinkable, got " +
                          (Stage.empty() ? std::string("success")
                                         : Stage + ": " + Msg));
  }
  // assert_uninstantiable, or assert_trap on a module.
  if (Stage != "trap")
    return fail(Line, "expected instantiation to trap, got " +
                          (Stage.empty() ? std::string("success")
                                         : Stage + ": " + Msg));
  std::string Want = C.getString("text").value_or("").str();
  if (!trapMatches(Trap, Want))
    return fail(Line, "expected trap '" + Want + "', got '" +
                          weld_trap_message(Trap) + "'");
  pass();
}

void Runner::run(const json::Array &Commands) {
  for (const json::Value &V : Commands) {
    const json::Object *C = V.getAsObject();
    if (!C)
      continue;
    StringRef Type = C->getString("type").value_or("");
    int64_t Line = C->getInteger("line").value_or(0);
    if (Type == "module") {
      CurrentIsText = C->getString("module_type").value_or("binary") != "binary";
      if (CurrentIsText) {
        skip(Line, "text module");
        HaveCurrent = false;
        continue;
      }
      commandModule(*C, Line);
    } else if (Type == "register") {
      const Instance *I = nullptr;
      if (auto Name = C->getString("name")) {
        auto It = Named.find(Name->str());
        I = It == Named.end() ? nullptr : &It->second;
      } else if (HaveCurrent) {
        I = &Current;
      }
      if (!I) {
        fail(Line, "register: no module");
        continue;
      }
      H.registerInstance(C->getString("as").value_or("").str(), *I);
      pass();
    } else if (Type == "assert_return" || Type == "action" ||
               Type == "assert_trap" || Type == "assert_exhaustion") {
      if (Type == "assert_trap" && !C->getObject("action")) {
        commandModuleFailure(*C, Line, Type);
        continue;
      }
      commandAction(*C, Line, Type);
    } else if (Type == "assert_invalid" || Type == "assert_malformed" ||
               Type == "assert_unlinkable" ||
               Type == "assert_uninstantiable") {
      commandModuleFailure(*C, Line, Type);
    } else if (Type == "skip") {
      // The runner replaced a command it knows does not apply.
      skip(Line, C->getString("reason").value_or("skipped by the runner").str());
    } else {
      skip(Line, "command '" + Type.str() + "' is not supported by the host");
    }
    outs().flush();
  }
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 3) {
    errs() << "usage: weld-spectest-host SCRIPT.json DIR\n";
    return 1;
  }
  auto Buf = MemoryBuffer::getFile(Argv[1]);
  if (!Buf) {
    errs() << "weld-spectest-host: cannot read " << Argv[1] << "\n";
    return 1;
  }
  Expected<json::Value> Doc = json::parse((*Buf)->getBuffer());
  if (!Doc) {
    errs() << "weld-spectest-host: " << toString(Doc.takeError()) << "\n";
    return 1;
  }
  const json::Object *Root = Doc->getAsObject();
  const json::Array *Commands = Root ? Root->getArray("commands") : nullptr;
  if (!Commands) {
    errs() << "weld-spectest-host: no commands in " << Argv[1] << "\n";
    return 1;
  }
  Runner R(Argv[2]);
  R.run(*Commands);
  outs() << "RESULT " << R.Passed << " " << R.Failed << " " << R.Skipped
         << "\n";
  return 0;
}
