//===- Driver.h - weld command line ---------------------------*- C++ -*-===//
//
// The driver turns argv into calls of the compiler stages. It is thin: each
// subcommand parses its options (Options.cpp) and runs (Commands.cpp).
// Exit statuses: 0 success, 1 bad input or usage, 2 a feature that does not
// exist yet (said plainly, never pretended).
//
//===----------------------------------------------------------------------===//

#ifndef WELD_DRIVER_DRIVER_H
#define WELD_DRIVER_DRIVER_H

#include <string>
#include <vector>

namespace weld::driver {

enum ExitStatus { ExitOK = 0, ExitError = 1, ExitUnsupported = 2 };

/// One subcommand: its name, one-line summary and entry point, which gets
/// the arguments after the subcommand name.
struct Command {
  const char *Name;
  const char *Summary;
  int (*Run)(const std::vector<std::string> &Args);
};

/// The table of subcommands, in the order --help lists them.
const std::vector<Command> &commands();

int runCompile(const std::vector<std::string> &Args);
int runRun(const std::vector<std::string> &Args);
int runWit(const std::vector<std::string> &Args);
int runInspect(const std::vector<std::string> &Args);

/// Prints "weld: error: MESSAGE" to stderr and returns ExitError.
int usageError(const std::string &Message);
/// Prints that FEATURE does not exist yet and returns ExitUnsupported.
int notYet(const std::string &Feature);

} // namespace weld::driver

#endif
