//===- CompileCommand.cpp - weld compile: components and core modules to native artifacts ---===//

#include "Core/Validator.h"
#include "Driver/Driver.h"
#include "Driver/Options.h"
#include "Support/Diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace weld::driver {

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
      "dir", po::value<std::vector<std::string>>()->composing(),
      "grant a directory HOST[::GUEST]")(
      "env", po::value<std::vector<std::string>>()->composing(),
      "grant an environment variable NAME[=VALUE]")(
      "inherit-env", po::bool_switch(), "grant the whole environment")(
      "allow-net", po::value<std::vector<std::string>>()->composing(),
      "grant network access to an address")(
      "inherit-network", po::bool_switch(), "grant all network access");
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
  return notYet("compiling (the code generator does not exist yet)");
}

} // namespace weld::driver
