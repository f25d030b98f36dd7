//===- InspectCommand.cpp - weld inspect: print the structure of a binary ---===//
//
// Decodes and validates a component (or a plain core module) and prints its
// structure. `--validate-only` prints nothing on success; the component
// conformance runner uses it to check assert_invalid/assert_malformed.
//
//===----------------------------------------------------------------------===//

#include "Driver/Driver.h"
#include "Driver/Options.h"

#include "Component/Component.h"
#include "Component/CoreInterface.h"
#include "Component/Inspect.h"
#include "Support/Diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace weld::driver {

using namespace weld::component;

/// Reads and validates Path; prints the structure unless ValidateOnly.
static int inspectFile(const std::string &Path, bool ValidateOnly,
                       const DecodeLimits &Limits) {
  auto Buf = llvm::MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false);
  if (!Buf) {
    llvm::errs() << "weld: error: " << Path << ": " << Buf.getError().message()
                 << "\n";
    return ExitError;
  }
  llvm::ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buf)->getBufferStart()),
      (*Buf)->getBufferSize());
  TypeStore Types;
  if (classifyBinary(Bytes) == BinaryKind::CoreModule) {
    auto M = decodeCoreModuleInterface(Bytes, 0, Types);
    if (!M) {
      llvm::errs() << renderError(M.takeError(), Path);
      return ExitError;
    }
    if (!ValidateOnly)
      printCoreModule(llvm::outs(), *M, Bytes.size(), Types);
    return ExitOK;
  }
  auto C = decodeComponent(Bytes, Types, Limits);
  if (!C) {
    llvm::errs() << renderError(C.takeError(), Path);
    return ExitError;
  }
  if (!ValidateOnly)
    printComponent(llvm::outs(), **C, Types);
  return ExitOK;
}

int runInspect(const std::vector<std::string> &Args) {
  po::options_description Desc("inspect options");
  Desc.add_options()("help,h", "show this help")(
      "validate-only", "only decode and validate; print nothing on success")(
      "features", po::value<std::string>(),
      "comma-separated component-model feature gates as wasm-tools names "
      "them (e.g. cm-threading,-cm-async; `all`); default: wasm-tools' "
      "defaults");
  po::options_description Hidden;
  Hidden.add_options()("input", po::value<std::vector<std::string>>());
  po::positional_options_description Pos;
  Pos.add("input", -1);
  ParsedOptions P = parseOptions("weld inspect [--validate-only] [--features LIST] <file.wasm>...",
                                 Desc, Hidden, Pos, Args);
  if (P.Exit)
    return *P.Exit;
  if (!P.Map.count("input"))
    return usageError("weld inspect: no input file");
  auto Inputs = P.Map["input"].as<std::vector<std::string>>();
  bool ValidateOnly = P.Map.count("validate-only");
  DecodeLimits Limits;
  if (P.Map.count("features"))
    if (llvm::Error E =
            Limits.Feats.apply(P.Map["features"].as<std::string>())) {
      llvm::errs() << "weld: error: --features: "
                   << llvm::toString(std::move(E)) << "\n";
      return ExitError;
    }
  int Status = ExitOK;
  for (const std::string &In : Inputs) {
    if (auto E = checkInputFile(In))
      return *E;
    if (int S = inspectFile(In, ValidateOnly, Limits))
      Status = S;
  }
  return Status;
}

} // namespace weld::driver
