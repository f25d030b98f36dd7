//===- CommandCompile.cpp - wasi:cli commands to native executables -------===//
//
// `weld compile APP.wasm -o app` for a `wasi:cli/command` component: checks
// that the component is a command whose every import weld's WASI host
// provides (weld/wasi_bindings.def, weld/wasi.h's resource table), compiles
// the whole program with WASI handles passed through (abi::WasiBinding),
// bakes the capability grants into the object (`weld_wasi_grants`) and
// links it with the runtime's main(), the WASI host and the runtime.
//
//===----------------------------------------------------------------------===//

#include "Driver/CommandCompile.h"

#include "ABI/ABI.h"
#include "Component/Component.h"
#include "Component/Instantiate.h"
#include "Driver/Driver.h"
#include "Support/Diagnostics.h"

#include "weld/wasi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace weld::driver {

namespace {
/// A WASI name split as "INTERFACE[@VERSION]#ITEM".
struct WasiName {
  StringRef Interface, Version, Item;
};
} // namespace

static std::optional<WasiName> splitName(StringRef Name) {
  auto [Iface, Item] = Name.split('#');
  if (Item.empty() && !Name.contains('#'))
    return std::nullopt;
  auto [Base, Version] = Iface.split('@');
  return WasiName{Base, Version, Item};
}

/// Only WASI 0.2.x: a later version may change what a function means.
static bool acceptedVersion(StringRef V) {
  return V.empty() || V.starts_with("0.2.");
}

static bool interfaceKnown(StringRef Iface) {
#define WELD_WASI_BINDING(I, F, S)                                             \
  if (Iface == I)                                                              \
    return true;
#include "weld/wasi_bindings.def"
#define X(I, R, K)                                                             \
  if (Iface == I)                                                              \
    return true;
  WELD_WASI_RESOURCES(X)
#undef X
  return false;
}

static bool functionBound(const WasiName &N) {
#define WELD_WASI_BINDING(I, F, S)                                             \
  if (N.Interface == I && N.Item == F)                                         \
    return true;
#include "weld/wasi_bindings.def"
  return false;
}

/// Interfaces re-export the resources they `use` under the same name
/// (wasi:cli/stdin's input-stream is wasi:io/streams'), so a resource of a
/// known interface is found by its name; resource names are unique across
/// WASI, and the host checks every handle's kind anyway.
static int32_t resourceKind(const WasiName &N) {
  if (!interfaceKnown(N.Interface))
    return -1;
#define X(I, R, K)                                                             \
  if (N.Item == R)                                                             \
    return int32_t(K);
  WELD_WASI_RESOURCES(X)
#undef X
  return -1;
}

static Error notProvided(StringRef Name) {
  auto N = splitName(Name);
  // Name the whole interface when weld knows nothing of it.
  std::string Shown =
      !N || !interfaceKnown(N->Interface) ? Name.split('#').first.str()
                                          : Name.str();
  return createStringError("import '" + Shown +
                           "' is not provided by weld's WASI host");
}

/// Checks G against what the WASI host provides and returns how its host
/// resources map to weld_wasi kinds.
static Expected<abi::WasiBinding> bindWasi(const component::Graph &G,
                                           const component::TypeStore &Types) {
  bool Command = false;
  for (const component::ExportFuncDef &E : G.Exports)
    if (auto N = splitName(E.Name))
      Command |= N->Interface == "wasi:cli/run" && N->Item == "run" &&
                 acceptedVersion(N->Version);
  if (!Command)
    return createStringError("not a wasi:cli command: no export "
                             "'wasi:cli/run@0.2.x#run'");
  for (const component::HostImportDef &I : G.Imports) {
    auto N = splitName(I.Name);
    // Instance imports are listed too (their functions follow, named
    // "instance#function"): a WASI interface is accepted here and each of
    // its functions and resources is checked on its own.
    if (Types.kind(I.Type) == component::TypeKind::Instance) {
      StringRef Base = StringRef(I.Name).split('@').first;
      if (!acceptedVersion(StringRef(I.Name).split('@').second) ||
          !interfaceKnown(Base))
        return notProvided(I.Name);
      continue;
    }
    if (!N || !acceptedVersion(N->Version) || !functionBound(*N))
      return notProvided(I.Name);
  }
  abi::WasiBinding B;
  B.ResourceKinds.assign(G.Resources.size(), -1);
  for (size_t R = 0; R < G.Resources.size(); ++R) {
    const component::ResourceDef &D = G.Resources[R];
    if (D.Impl.valid())
      continue;
    auto N = splitName(D.Name);
    int32_t Kind =
        N && acceptedVersion(N->Version) ? resourceKind(*N) : int32_t(-1);
    if (Kind < 0)
      return notProvided(D.Name);
    B.ResourceKinds[R] = Kind;
  }
  return B;
}

/// `const char *const weld_wasi_grants[]`: (option, value) pairs, then NULL.
static void addGrants(Module &M, const std::vector<Grant> &Grants) {
  LLVMContext &Ctx = M.getContext();
  auto *Ptr = PointerType::getUnqual(Ctx);
  std::vector<Constant *> Items;
  auto Str = [&](const std::string &S) -> Constant * {
    auto *Init = ConstantDataArray::getString(Ctx, S);
    return new GlobalVariable(M, Init->getType(), true,
                              GlobalValue::PrivateLinkage, Init, "grant");
  };
  for (const Grant &G : Grants) {
    Items.push_back(Str(G.Option));
    Items.push_back(Str(G.Value));
  }
  Items.push_back(ConstantPointerNull::get(Ptr));
  auto *Ty = ArrayType::get(Ptr, Items.size());
  new GlobalVariable(M, Ty, true, GlobalValue::ExternalLinkage,
                     ConstantArray::get(Ty, Items), "weld_wasi_grants");
}

/// The symbol of the host function serving N (runtime/wasi/Bind.h gives
/// every binding of weld/wasi_bindings.def the C name weld_wasi_SHIM).
static const char *bindingSymbol(const WasiName &N) {
#define WELD_WASI_BINDING(I, F, S)                                             \
  if (N.Interface == I && N.Item == F)                                         \
    return "weld_wasi_" #S;
#include "weld/wasi_bindings.def"
  return nullptr;
}

/// `const weld_host_func weld_wasi_imports[]`: the host function of every
/// import in the descriptor's order, NULL for an instance import (its
/// functions follow it), then one NULL. Binding at compile time spares
/// main() a lookup by name and lets the linker drop every WASI host
/// function the command does not import (with the runtime's sections).
static void addImportTable(Module &M, const component::Graph &G) {
  LLVMContext &Ctx = M.getContext();
  auto *Ptr = PointerType::getUnqual(Ctx);
  auto *FnTy = FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr, Ptr}, false);
  std::vector<Constant *> Items;
  for (const component::HostImportDef &I : G.Imports) {
    auto N = splitName(I.Name);
    const char *Symbol = N ? bindingSymbol(*N) : nullptr;
    Items.push_back(Symbol ? cast<Constant>(
                                 M.getOrInsertFunction(Symbol, FnTy).getCallee())
                           : ConstantPointerNull::get(Ptr));
  }
  Items.push_back(ConstantPointerNull::get(Ptr));
  auto *Ty = ArrayType::get(Ptr, Items.size());
  new GlobalVariable(M, Ty, true, GlobalValue::ExternalLinkage,
                     ConstantArray::get(Ty, Items), "weld_wasi_imports");
}

/// Links the command's object with main(), the WASI host and the runtime.
static Error linkExecutable(const std::vector<std::string> &Objects,
                            const std::string &RuntimeLib,
                            const std::string &Output,
                            const codegen::CodeGenOptions &Opts) {
  SmallString<256> Dir(sys::path::parent_path(RuntimeLib));
  auto Lib = [&](const char *Name) {
    SmallString<256> P(Dir);
    sys::path::append(P, Name);
    return std::string(P);
  };
  std::vector<std::string> Args(Objects);
  Args.push_back(Lib("libweld_wasi_main.a"));
  Args.push_back(Lib("libweld_wasi.a"));
  Args.push_back(RuntimeLib);
  // Only when referenced (libm for the float builtins some targets lack):
  // every shared library loaded costs start-up time.
  Args.push_back("-Wl,--as-needed");
  // The runtime is built with a section per function: keep what is used.
  Args.push_back("-Wl,--gc-sections");
  Args.push_back("-lm");
  Args.push_back("-lpthread");
  return codegen::runLinker(Args, Output, Opts);
}

/// Checks the grants' syntax now rather than when the executable starts,
/// with the WASI host's own parser (directories are opened only then).
static Error checkGrants(const std::vector<Grant> &Grants) {
  weld_wasi_policy *P = weld_wasi_policy_new();
  std::string Msg;
  for (const Grant &G : Grants)
    if (const char *E =
            weld_wasi_policy_apply(P, G.Option.c_str(), G.Value.c_str())) {
      Msg = "--" + G.Option + " " + G.Value + ": " + E;
      break;
    }
  weld_wasi_policy_free(P);
  return Msg.empty() ? Error::success() : createStringError(Msg);
}

int compileCommand(const CommandRequest &R) {
  if (Error E = checkGrants(R.Grants)) {
    errs() << "weld: error: " << toString(std::move(E)) << "\n";
    return ExitError;
  }
  auto Buf = MemoryBuffer::getFile(R.Input, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf) {
    errs() << "weld: error: " << R.Input << ": " << Buf.getError().message()
           << "\n";
    return ExitError;
  }
  ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());
  auto Fail = [&](Error E) {
    errs() << renderError(std::move(E), R.Input);
    return ExitError;
  };
  component::TypeStore Types;
  auto C = component::decodeComponent(Bytes, Types);
  if (!C)
    return Fail(C.takeError());
  auto G = component::instantiateStatically(**C, Types, Bytes);
  if (!G)
    return Fail(G.takeError());
  auto Binding = bindWasi(**G, Types);
  if (!Binding)
    return Fail(Binding.takeError());
  codegen::CodeGenOptions Opts = R.Opts;
  Opts.DescriptorName = "weld_component";
  SmallString<256> Temp;
  if (std::error_code EC = sys::fs::createTemporaryFile("weld", "o", Temp))
    return usageError("cannot create a temporary file: " + EC.message());
  // Small instances stay in one module for cross-instance inlining; only
  // large ones are sliced (abi::MinSlicedInstanceBytes).
  std::vector<std::string> Objects;
  Error E = emitProgram(
      **G, Types, Opts, R.Jobs, &*Binding,
      [&](Module &LM) {
        addGrants(LM, R.Grants);
        addImportTable(LM, **G);
      }, std::string(Temp),
      Objects);
  if (!E)
    E = linkExecutable(Objects, R.RuntimeLib, R.Output, Opts);
  sys::fs::remove(Temp);
  for (const std::string &O : Objects)
    sys::fs::remove(O);
  if (E)
    return Fail(std::move(E));
  return ExitOK;
}

} // namespace weld::driver

namespace weld::driver {

void addGrantOptions(po::options_description &Desc) {
  Desc.add_options()("dir", po::value<std::vector<std::string>>()->composing(),
                     "grant a directory HOST[::GUEST]")(
      "env", po::value<std::vector<std::string>>()->composing(),
      "grant an environment variable NAME[=VALUE]")(
      "inherit-env", po::bool_switch(), "grant the whole environment")(
      "allow-net", po::value<std::vector<std::string>>()->composing(),
      "grant network access to an address")(
      "inherit-network", po::bool_switch(), "grant all network access")(
      "allow-ip-name-lookup", po::bool_switch(),
      "grant wasi:sockets/ip-name-lookup");
}

std::vector<Grant> grantsFromOptions(const po::variables_map &Map) {
  std::vector<Grant> Out;
  for (const char *Name : {"dir", "env", "allow-net"})
    if (Map.count(Name))
      for (const std::string &V : Map[Name].as<std::vector<std::string>>())
        Out.push_back({Name, V});
  for (const char *Name :
       {"inherit-env", "inherit-network", "allow-ip-name-lookup"})
    if (Map.count(Name) && Map[Name].as<bool>())
      Out.push_back({Name, ""});
  return Out;
}

} // namespace weld::driver
