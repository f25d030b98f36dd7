//===- WitCommand.cpp - weld wit: print the WIT world of a component ---===//
//
// Decodes and validates a component and prints its WIT, laid out exactly as
// `wasm-tools component wit` does so the two can be compared byte for byte.
//
//===----------------------------------------------------------------------===//

#include "Driver/Driver.h"
#include "Driver/Options.h"

#include "Component/Component.h"
#include "Support/Diagnostics.h"
#include "WIT/FromComponent.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace weld::driver {

using namespace weld::component;

int runWit(const std::vector<std::string> &Args) {
  po::options_description Desc("wit options");
  Desc.add_options()("help,h", "show this help");
  po::options_description Hidden;
  Hidden.add_options()("input", po::value<std::string>()->required());
  po::positional_options_description Pos;
  Pos.add("input", 1);
  ParsedOptions P = parseOptions("weld wit <app.wasm>", Desc, Hidden, Pos, Args);
  if (P.Exit)
    return *P.Exit;
  std::string Path = P.Map["input"].as<std::string>();
  if (auto E = checkInputFile(Path))
    return *E;
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
  if (classifyBinary(Bytes) == BinaryKind::CoreModule) {
    llvm::errs() << "weld: error: " << Path
                 << ": a core module has no WIT world (expected a component)\n";
    return ExitError;
  }
  TypeStore Types;
  auto C = decodeComponent(Bytes, Types);
  if (!C) {
    llvm::errs() << renderError(C.takeError(), Path);
    return ExitError;
  }
  auto W = wit::worldFromComponent(**C, Types);
  if (!W) {
    llvm::errs() << renderError(W.takeError(), Path);
    return ExitError;
  }
  llvm::outs() << wit::printResolve(W->R, W->Main, W->Nested);
  return ExitOK;
}

} // namespace weld::driver
