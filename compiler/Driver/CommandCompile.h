//===- CommandCompile.h - wasi:cli commands to executables ----*- C++ -*-===//
//
// Shared by `weld compile` and `weld run`: a `wasi:cli/command` component
// becomes a native executable with its capability grants baked in.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_DRIVER_COMMANDCOMPILE_H
#define WELD_DRIVER_COMMANDCOMPILE_H

#include "CodeGen/CodeGen.h"
#include "Driver/Options.h"

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
};

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
