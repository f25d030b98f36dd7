//===- Commands.cpp - the weld subcommands --------------------------------===//
//
// Each subcommand declares its options here and calls into the compiler
// stages. Stages that do not exist yet are reported with exit status 2.
//
//===----------------------------------------------------------------------===//

#include "Driver/Driver.h"
#include "Driver/Options.h"

#include <algorithm>

namespace weld::driver {

const std::vector<Command> &commands() {
  static const std::vector<Command> Table = {
      {"compile", "compile a component (or, with --core, a core module)",
       runCompile},
      {"run", "compile (cached) and run a wasi:cli command component",
       runRun},
      {"wit", "print the WIT world of a component", runWit},
      {"inspect", "print the structure of a component or core module",
       runInspect},
  };
  return Table;
}

} // namespace weld::driver
