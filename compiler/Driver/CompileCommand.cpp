//===- CompileCommand.cpp - weld compile: components and core modules to native artifacts ---===//

#include "CodeGen/CodeGen.h"
#include "Core/Validator.h"
#include "Driver/CommandCompile.h"
#include "Driver/Driver.h"
#include "Driver/Options.h"
#include "Support/Diagnostics.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>
#include <thread>

namespace weld::driver {

/// ComponentCompile.cpp.
int compileComponent(const std::string &Input, const std::string &Output,
                     const std::string &Emit, const std::string &Header,
                     unsigned Jobs, const codegen::CodeGenOptions &Opts,
                     const std::string &RuntimeLib,
                     const std::string &Features);

/// --core --validate-only: decode and validate a core module, print the
/// first error as "weld: error: FILE:0xOFFSET: message", and stop. Used by
/// the core frontend's tests and the spec-test validation checker.
static int validateCoreModule(const std::string &Input) {
  auto Buf = llvm::MemoryBuffer::getFile(Input, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf) {
    llvm::errs() << "weld: error: " << Input << ": "
                 << Buf.getError().message() << "\n";
    return ExitError;
  }
  llvm::ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());
  auto M = core::loadModule(Bytes);
  if (!M) {
    llvm::errs() << renderError(M.takeError(), Input);
    return ExitError;
  }
  return ExitOK;
}

/// The runtime library weld links into artifacts: WELD_RUNTIME_LIB, or
/// lib/libweld_rt.a next to the directory holding the weld executable.
static std::string findRuntimeLibrary() {
  if (const char *Env = std::getenv("WELD_RUNTIME_LIB"))
    return Env;
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable("weld", &Anchor);
  llvm::SmallString<256> Path(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(Path, "lib", "libweld_rt.a");
  return std::string(Path);
}

std::string runtimeLibrary() { return findRuntimeLibrary(); }

/// What `weld compile --core` was asked to do.
struct CoreCompileRequest {
  std::string Input, Output, Emit;
  unsigned Jobs = 1;
  codegen::CodeGenOptions Opts;
};

static std::string defaultOutput(const std::string &Input,
                                 const std::string &Emit) {
  llvm::SmallString<256> Out(llvm::sys::path::filename(Input));
  if (Emit == "exe") {
    llvm::sys::path::replace_extension(Out, "");
    return std::string(Out);
  }
  const char *Ext = Emit == "shared"    ? ".so"
                    : Emit == "obj"     ? ".o"
                    : Emit == "llvm-ir" ? ".ll"
                                        : ".s";
  llvm::sys::path::replace_extension(Out, Ext);
  return std::string(Out);
}

/// A large module compiled in partitions (codegen::compilePartitioned) and
/// linked into the shared object or the one object asked for; nullopt when
/// the module is too small to be partitioned.
static std::optional<int> compilePartitioned(const core::Module &M,
                                             const CoreCompileRequest &R) {
  auto Fail = [&](llvm::Error E) {
    llvm::errs() << renderError(std::move(E), R.Input);
    return ExitError;
  };
  llvm::SmallString<256> Temp;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("weld", "o", Temp))
    return usageError("cannot create a temporary file: " + EC.message());
  std::vector<std::string> Objects;
  auto Done = codegen::compilePartitioned(M, R.Opts, R.Jobs, std::string(Temp),
                                          Objects);
  bool Partitioned = Done && *Done;
  llvm::Error E = Done.takeError();
  if (!E && Partitioned)
    E = R.Emit == "shared"
            ? codegen::linkShared(Objects, findRuntimeLibrary(), R.Output,
                                  R.Opts)
            : codegen::linkRelocatable(Objects, R.Output, R.Opts);
  llvm::sys::fs::remove(Temp);
  for (const std::string &O : Objects)
    llvm::sys::fs::remove(O);
  if (E)
    return Fail(std::move(E));
  if (!Partitioned)
    return std::nullopt;
  return ExitOK;
}

/// --core: compiles one core module to a shared object, object file,
/// assembly or LLVM IR.
static int compileCoreModule(const CoreCompileRequest &R) {
  auto Buf = llvm::MemoryBuffer::getFile(R.Input, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf) {
    llvm::errs() << "weld: error: " << R.Input << ": "
                 << Buf.getError().message() << "\n";
    return ExitError;
  }
  llvm::ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());
  auto M = core::loadModule(Bytes);
  if (!M) {
    llvm::errs() << renderError(M.takeError(), R.Input);
    return ExitError;
  }
  auto Fail = [&](llvm::Error E) {
    llvm::errs() << renderError(std::move(E), R.Input);
    return ExitError;
  };
  if (R.Emit == "shared" || R.Emit == "obj") {
    if (std::optional<int> RC = compilePartitioned(**M, R))
      return *RC;
  }
  llvm::LLVMContext Ctx;
  auto LM = codegen::translateModule(**M, Ctx, R.Opts);
  if (!LM)
    return Fail(LM.takeError());
  codegen::OutputKind Kind = R.Emit == "llvm-ir" ? codegen::OutputKind::LLVMIR
                             : R.Emit == "asm"   ? codegen::OutputKind::Assembly
                                                 : codegen::OutputKind::Object;
  std::vector<std::string> Objects;
  if (R.Emit != "shared") {
    // A single file was asked for: no partitions.
    if (llvm::Error E = codegen::emitModule(std::move(*LM), R.Opts, Kind, 1,
                                            R.Output, Objects))
      return Fail(std::move(E));
    return ExitOK;
  }
  llvm::SmallString<256> Temp;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("weld", "o", Temp))
    return usageError("cannot create a temporary file: " + EC.message());
  llvm::Error E = codegen::emitModule(std::move(*LM), R.Opts, Kind, R.Jobs,
                                      std::string(Temp), Objects);
  if (!E)
    E = codegen::linkShared(Objects, findRuntimeLibrary(), R.Output, R.Opts);
  llvm::sys::fs::remove(Temp);
  for (const std::string &O : Objects)
    llvm::sys::fs::remove(O);
  if (E)
    return Fail(std::move(E));
  return ExitOK;
}

/// A component: --emit=exe (the default: a wasi:cli command to a native
/// executable), shared, obj, llvm-ir or asm.
static int compileComponentRequest(const po::variables_map &Map,
                                   const std::string &Input, std::string Emit,
                                   unsigned Opt, const std::string &Bounds,
                                   unsigned Jobs) {
  if (Emit == "static")
    return notYet("--emit=static for components");
  codegen::CodeGenOptions Opts;
  Opts.OptLevel = Opt;
  Opts.Bounds = Bounds == "explicit" ? codegen::BoundsChecks::Explicit
                                     : codegen::BoundsChecks::Guard;
  if (Map.count("target"))
    Opts.Triple = Map["target"].as<std::string>();
  std::string Output = Map.count("output") ? Map["output"].as<std::string>()
                                           : defaultOutput(Input, Emit);
  if (Emit == "exe") {
    // A wasi:cli command becomes a native executable.
    if (Map.count("header"))
      return usageError("--header needs --emit=shared");
    CommandRequest R{Input, Output, grantsFromOptions(Map), Opts,
                     findRuntimeLibrary(), Jobs};
    return compileCommand(R);
  }
  std::string Header =
      Map.count("header") ? Map["header"].as<std::string>() : "";
  std::string Features =
      Map.count("features") ? Map["features"].as<std::string>() : "";
  return compileComponent(Input, Output, Emit, Header, Jobs, Opts,
                          findRuntimeLibrary(), Features);
}

int runCompile(const std::vector<std::string> &Args) {
  po::options_description Desc("compile options");
  Desc.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(), "output file")(
      "emit", po::value<std::string>()->default_value("exe"),
      "artifact: exe|shared|static|obj|llvm-ir|asm")(
      "core", po::bool_switch(), "the input is a core module")(
      "validate-only", po::bool_switch(),
      "with --core: only decode and validate the module")(
      "opt,O", po::value<unsigned>()->default_value(2),
      "optimization level 0-3")(
      "jobs,j", po::value<unsigned>(), "parallel code generation jobs")(
      "target", po::value<std::string>(), "target triple")(
      "bounds-checks", po::value<std::string>()->default_value("guard"),
      "linear memory bounds checks: guard|explicit")(
      "header", po::value<std::string>(), "also write a C header")(
      "features", po::value<std::string>(),
      "component-model feature gates as for weld inspect --features")(
      "dir", po::value<std::vector<std::string>>()->composing(),
      "grant a directory HOST[::GUEST]")(
      "env", po::value<std::vector<std::string>>()->composing(),
      "grant an environment variable NAME[=VALUE]")(
      "inherit-env", po::bool_switch(), "grant the whole environment")(
      "allow-net", po::value<std::vector<std::string>>()->composing(),
      "grant network access to an address")(
      "inherit-network", po::bool_switch(), "grant all network access")(
      "allow-ip-name-lookup", po::bool_switch(),
      "grant wasi:sockets/ip-name-lookup");
  po::options_description Hidden;
  Hidden.add_options()("input", po::value<std::string>()->required());
  po::positional_options_description Pos;
  Pos.add("input", 1);
  ParsedOptions P = parseOptions("weld compile [options] <input.wasm>", Desc, Hidden,
                                 Pos, Args);
  if (P.Exit)
    return *P.Exit;
  std::string Input = P.Map["input"].as<std::string>();
  if (auto E = checkInputFile(Input))
    return *E;
  if (P.Map["validate-only"].as<bool>()) {
    if (!P.Map["core"].as<bool>())
      return usageError("--validate-only needs --core");
    return validateCoreModule(Input);
  }
  unsigned Opt = P.Map["opt"].as<unsigned>();
  if (Opt > 3)
    return usageError("-O" + std::to_string(Opt) + ": expected 0 to 3");
  std::string Emit = P.Map["emit"].as<std::string>();
  static const char *Emits[] = {"exe",    "shared",  "static",
                                "obj",    "llvm-ir", "asm"};
  if (std::find(std::begin(Emits), std::end(Emits), Emit) == std::end(Emits))
    return usageError("--emit=" + Emit +
                      ": expected exe, shared, static, obj, llvm-ir or asm");
  std::string Bounds = P.Map["bounds-checks"].as<std::string>();
  if (Bounds != "guard" && Bounds != "explicit")
    return usageError("--bounds-checks=" + Bounds +
                      ": expected guard or explicit");
  unsigned Jobs =
      P.Map.count("jobs") ? P.Map["jobs"].as<unsigned>() : defaultJobs();
  if (Jobs == 0)
    return usageError("-j0: expected at least 1 job");
  if (!P.Map["core"].as<bool>())
    return compileComponentRequest(P.Map, Input, Emit, Opt, Bounds, Jobs);
  if (Emit == "exe" && !P.Map["emit"].defaulted())
    return notYet("--emit=exe for core modules");
  if (Emit == "static")
    return notYet("--emit=static for core modules");
  if (Emit == "exe")
    Emit = "shared";
  CoreCompileRequest R;
  R.Input = Input;
  R.Emit = Emit;
  R.Output = P.Map.count("output") ? P.Map["output"].as<std::string>()
                                   : defaultOutput(Input, Emit);
  R.Opts.OptLevel = Opt;
  R.Opts.Bounds = Bounds == "explicit" ? codegen::BoundsChecks::Explicit
                                       : codegen::BoundsChecks::Guard;
  if (P.Map.count("target"))
    R.Opts.Triple = P.Map["target"].as<std::string>();
  R.Jobs = Jobs;
  return compileCoreModule(R);
}

} // namespace weld::driver
