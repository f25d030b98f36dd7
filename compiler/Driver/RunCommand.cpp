//===- RunCommand.cpp - weld run: compile (cached) and run a command -----===//
//
// `weld run [grants] APP.wasm [ARGS...]` behaves as `wasmtime run` with the
// same grants: the command is compiled to a native executable once, cached
// under $XDG_CACHE_HOME/weld (or ~/.cache/weld) by a hash of the component,
// the grants and the weld build, and then exec'd with APP.wasm as argv[0],
// as wasmtime passes it to the guest.
//
//===----------------------------------------------------------------------===//

#include "Driver/CommandCompile.h"
#include "Driver/Driver.h"
#include "Driver/Options.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace llvm;

namespace weld::driver {

/// The cache directory, created if needed; empty when there is none.
static std::string cacheDir() {
  SmallString<256> Dir;
  if (const char *X = std::getenv("XDG_CACHE_HOME"); X && *X)
    Dir = X;
  else if (const char *H = std::getenv("HOME"); H && *H)
    sys::path::append(Dir, H, ".cache");
  else
    return "";
  sys::path::append(Dir, "weld");
  if (sys::fs::create_directories(Dir))
    return "";
  return std::string(Dir);
}

/// Adds a file's identity (path, size, modification time) to H, so a
/// rebuilt weld or runtime gets new cache entries.
static void hashFileIdentity(SHA256 &H, const std::string &Path) {
  sys::fs::file_status St;
  H.update(Path);
  if (!sys::fs::status(Path, St)) {
    H.update(std::to_string(St.getSize()));
    H.update(std::to_string(
        St.getLastModificationTime().time_since_epoch().count()));
  }
}

/// Options that take a value as the next argument.
static bool takesValue(StringRef A) {
  return A == "--dir" || A == "--env" || A == "--allow-net" || A == "-O" ||
         A == "--opt";
}

int runRun(const std::vector<std::string> &Args) {
  // weld's options end at the component: everything after it is the
  // program's, even when it starts with '-'.
  size_t InputPos = 0;
  while (InputPos < Args.size()) {
    StringRef A = Args[InputPos];
    if (A == "--") {
      ++InputPos;
      break;
    }
    if (!A.starts_with("-"))
      break;
    InputPos += takesValue(A) ? 2 : 1;
  }
  std::vector<std::string> Own(Args.begin(),
                               Args.begin() + std::min(InputPos + 1, Args.size()));
  std::vector<std::string> ProgramArgs;
  if (InputPos + 1 < Args.size())
    ProgramArgs.assign(Args.begin() + InputPos + 1, Args.end());

  po::options_description Desc("run options");
  Desc.add_options()("help,h", "show this help")(
      "opt,O", po::value<unsigned>()->default_value(2),
      "optimization level 0-3");
  addGrantOptions(Desc);
  po::options_description Hidden;
  Hidden.add_options()("input", po::value<std::string>()->required());
  po::positional_options_description Pos;
  Pos.add("input", 1);
  ParsedOptions P = parseOptions("weld run [options] <app.wasm> [args...]",
                                 Desc, Hidden, Pos, Own);
  if (P.Exit)
    return *P.Exit;
  std::string Input = P.Map["input"].as<std::string>();
  if (auto E = checkInputFile(Input))
    return *E;
  unsigned Opt = P.Map["opt"].as<unsigned>();
  if (Opt > 3)
    return usageError("-O" + std::to_string(Opt) + ": expected 0 to 3");

  CommandRequest R;
  R.Input = Input;
  R.Grants = grantsFromOptions(P.Map);
  R.Opts.OptLevel = Opt;
  R.RuntimeLib = runtimeLibrary();
  R.Jobs = defaultJobs();
  auto Buf = MemoryBuffer::getFile(Input, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return usageError(Input + ": " + Buf.getError().message());
  SHA256 H;
  H.update((*Buf)->getBuffer());
  for (const Grant &G : R.Grants) {
    H.update(G.Option);
    H.update(StringRef("\0", 1));
    H.update(G.Value);
    H.update(StringRef("\0", 1));
  }
  H.update(std::to_string(Opt));
  // Sliced or not (every -j above 1 gives the same code).
  H.update(R.Jobs > 1 ? "sliced" : "whole");
  static int Anchor;
  hashFileIdentity(H, sys::fs::getMainExecutable("weld", &Anchor));
  hashFileIdentity(H, R.RuntimeLib);
  std::string Dir = cacheDir();
  if (Dir.empty())
    return usageError("no cache directory (set XDG_CACHE_HOME or HOME)");
  SmallString<256> Exe(Dir);
  sys::path::append(Exe, toHex(H.final(), /*LowerCase=*/true));
  if (!sys::fs::exists(Exe)) {
    // Compile beside the entry and rename, so a concurrent run never sees
    // a half-written executable.
    R.Output = std::string(Exe) + ".tmp" + std::to_string(::getpid());
    if (int RC = compileCommand(R)) {
      sys::fs::remove(R.Output);
      return RC;
    }
    if (std::error_code EC = sys::fs::rename(R.Output, Exe)) {
      sys::fs::remove(R.Output);
      return usageError(std::string(Exe) + ": " + EC.message());
    }
  }
  std::vector<char *> Argv;
  Argv.push_back(const_cast<char *>(Input.c_str()));
  for (std::string &A : ProgramArgs)
    Argv.push_back(A.data());
  Argv.push_back(nullptr);
  std::string ExePath(Exe);
  ::execv(ExePath.c_str(), Argv.data());
  return usageError(ExePath + ": cannot execute: " + std::strerror(errno));
}

} // namespace weld::driver
