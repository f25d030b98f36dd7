//===- CommandCompile.h - wasi:cli commands to executables ----*- C++ -*-===//
//
// Shared by `weld compile` and `weld run`: a `wasi:cli/command` component
// becomes a native executable with its capability grants baked in.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_DRIVER_COMMANDCOMPILE_H
#define WELD_DRIVER_COMMANDCOMPILE_H

#include "ABI/ABI.h"
#include "CodeGen/CodeGen.h"
#include "Driver/Options.h"

#include <functional>
#include <string>
#include <vector>

namespace weld::driver {

/// One grant in weld_wasi_policy_apply's vocabulary ("dir", "/tmp::/").
struct Grant {
  std::string Option, Value;
};

struct CommandRequest {
  std::string Input, Output;
  std::vector<Grant> Grants;
  codegen::CodeGenOptions Opts;
  /// libweld_rt.a; libweld_wasi.a and libweld_wasi_main.a sit beside it.
  std::string RuntimeLib;
  /// Code generation threads; above 1, large core instances are sliced
  /// (abi::translateComponentSplit).
  unsigned Jobs = 1;
};

/// Translates the whole program G and emits it as objects named after
/// Path (returned in Objects): one object, or, with Jobs > 1 and a core
/// instance large enough to slice, the primary module's and one per slice,
/// compiled by Jobs threads. Finish, when set, adds to the (primary)
/// module before it is optimized.
llvm::Error emitProgram(const component::Graph &G, component::TypeStore &Types,
                        const codegen::CodeGenOptions &Opts, unsigned Jobs,
                        const abi::WasiBinding *Wasi,
                        const std::function<void(llvm::Module &)> &Finish,
                        const std::string &Path,
                        std::vector<std::string> &Objects);

/// The default of -j: the number of hardware threads.
unsigned defaultJobs();

/// Compiles and links R.Input into the executable R.Output; returns the
/// exit status (errors printed).
int compileCommand(const CommandRequest &R);

/// The capability options of `weld compile` and `weld run`.
void addGrantOptions(po::options_description &Desc);
/// The grants those options ask for, in a fixed order.
std::vector<Grant> grantsFromOptions(const po::variables_map &Map);

/// libweld_rt.a as findRuntimeLibrary() in CompileCommand.cpp finds it.
std::string runtimeLibrary();

} // namespace weld::driver

#endif
