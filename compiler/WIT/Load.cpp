//===- Load.cpp - Reading WIT files and directories -----------------------===//
//
// Finds the .wit files of an input the way wasm-tools does: a single file
// is one package (plus its nested blocks); a directory's own .wit files form
// the main package and every entry of its deps/ folder (a directory of .wit
// files or a single .wit file) one dependency. Files are read in name order so results never depend on the
// file system's listing order.
//
//===----------------------------------------------------------------------===//

#include "WIT/Parser.h"

#include "Support/Diagnostics.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace weld::wit {

namespace {

struct Loader {
  std::vector<ast::File> Files;
  std::vector<uint32_t> Group;
  uint32_t NextGroup = 0;

  llvm::Error file(const std::string &Path, uint32_t G) {
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buf)
      return errorNoLoc(Path + ": " + Buf.getError().message());
    auto F = parseFile(Path, (*Buf)->getBuffer(), Files.size());
    if (!F)
      return F.takeError();
    Files.push_back(std::move(*F));
    Group.push_back(G);
    return llvm::Error::success();
  }

  static llvm::Expected<std::vector<std::string>>
  list(const std::string &Dir) {
    std::vector<std::string> Out;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC))
      Out.push_back(It->path());
    if (EC)
      return errorNoLoc(Dir + ": " + EC.message());
    std::sort(Out.begin(), Out.end());
    return Out;
  }

  /// The .wit files of Dir form group G; Dir/deps adds further groups.
  llvm::Error dir(const std::string &Dir, uint32_t G, unsigned Depth) {
    auto Entries = list(Dir);
    if (!Entries)
      return Entries.takeError();
    for (const std::string &P : *Entries)
      if (llvm::sys::path::extension(P) == ".wit" &&
          !llvm::sys::fs::is_directory(P))
        if (auto E = file(P, G))
          return E;
    // Like wasm-tools, only the main directory has a deps/ folder; every
    // dependency sits directly in it.
    std::string Deps = (llvm::Twine(Dir) + "/deps").str();
    if (Depth > 0 || !llvm::sys::fs::is_directory(Deps))
      return llvm::Error::success();
    auto DepEntries = list(Deps);
    if (!DepEntries)
      return DepEntries.takeError();
    for (const std::string &P : *DepEntries) {
      if (llvm::sys::fs::is_directory(P)) {
        if (auto E = dir(P, ++NextGroup, Depth + 1))
          return E;
      } else if (llvm::sys::path::extension(P) == ".wit") {
        if (auto E = file(P, ++NextGroup))
          return E;
      }
    }
    return llvm::Error::success();
  }
};

} // namespace

llvm::Expected<ParsedWit> parseWitPath(llvm::StringRef Path,
                                       const ResolveOptions &Opts) {
  Loader L;
  if (llvm::sys::fs::is_directory(Path)) {
    if (auto E = L.dir(Path.str(), 0, 0))
      return std::move(E);
    if (L.Files.empty())
      return errorNoLoc(Path + ": no .wit files in this directory");
  } else if (auto E = L.file(Path.str(), 0)) {
    return std::move(E);
  }
  return resolveFiles(std::move(L.Files), std::move(L.Group), Opts);
}

llvm::Expected<ParsedWit> parseWitText(llvm::StringRef Name,
                                       llvm::StringRef Text,
                                       const ResolveOptions &Opts) {
  auto F = parseFile(Name, Text, 0);
  if (!F)
    return F.takeError();
  std::vector<ast::File> Files;
  Files.push_back(std::move(*F));
  return resolveFiles(std::move(Files), {0}, Opts);
}

} // namespace weld::wit
