//===- WitCommand.cpp - weld wit: print the WIT of a component or text ---===//
//
// Prints WIT laid out exactly as `wasm-tools component wit` does so the two
// can be compared byte for byte. The input is a component (recognised by
// its magic bytes), whose world is recovered from its type, or WIT text: a
// .wit file or a directory (with deps/), parsed and resolved.
//
//===----------------------------------------------------------------------===//

#include "Driver/Driver.h"
#include "Driver/Options.h"

#include "Component/Component.h"
#include "Support/Diagnostics.h"
#include "WIT/FromComponent.h"
#include "WIT/Parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace weld::driver {

using namespace weld::component;

/// Parses, resolves and prints WIT text (a file or a directory).
static int printText(const std::string &Path, const po::variables_map &Map) {
  wit::ResolveOptions Opts;
  Opts.AllFeatures = Map.count("all-features");
  if (Map.count("features"))
    for (const std::string &List : Map["features"].as<std::vector<std::string>>()) {
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      llvm::StringRef(List).split(Parts, ',', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef F : Parts)
        Opts.Features.push_back(F.trim().str());
    }
  auto W = wit::parseWitPath(Path, Opts);
  if (!W) {
    llvm::errs() << renderError(W.takeError(), Path);
    return ExitError;
  }
  llvm::outs() << wit::printResolve(W->R, W->Main, W->Nested);
  return ExitOK;
}

int runWit(const std::vector<std::string> &Args) {
  po::options_description Desc("wit options");
  Desc.add_options()("help,h", "show this help")(
      "features", po::value<std::vector<std::string>>()->composing(),
      "enable @unstable items of these features (comma-separated)")(
      "all-features", "enable every @unstable item");
  po::options_description Hidden;
  Hidden.add_options()("input", po::value<std::string>()->required());
  po::positional_options_description Pos;
  Pos.add("input", 1);
  ParsedOptions P = parseOptions("weld wit <app.wasm | file.wit | dir>", Desc, Hidden, Pos, Args);
  if (P.Exit)
    return *P.Exit;
  std::string Path = P.Map["input"].as<std::string>();
  if (llvm::sys::fs::is_directory(Path))
    return printText(Path, P.Map);
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
  // Text unless it has the wasm magic or claims to be a binary by name (so a
  // corrupt .wasm still gets the binary decoder's diagnostics).
  bool Magic = Bytes.size() >= 4 && Bytes[0] == 0 && Bytes[1] == 'a' &&
               Bytes[2] == 's' && Bytes[3] == 'm';
  if (!Magic && !llvm::StringRef(Path).ends_with(".wasm"))
    return printText(Path, P.Map);
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
