//===- Main.cpp - weld entry point ----------------------------------------===//
//
// Dispatches "weld SUBCOMMAND ..." and answers --help and --version.
//
//===----------------------------------------------------------------------===//

#include "Driver/Driver.h"

#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace weld::driver;

static void printToolHelp(llvm::raw_ostream &OS) {
  OS << "weld: ahead-of-time compiler from WebAssembly components to native "
        "code\n\n"
        "usage: weld <command> [options] <input>\n\n"
        "commands:\n";
  for (const Command &C : commands())
    OS << "  " << llvm::left_justify(C.Name, 10) << C.Summary << "\n";
  OS << "\noptions:\n"
        "  -h, --help     show this help (or: weld <command> --help)\n"
        "  --version      show the version\n";
}

/// LLVM reports what its backends cannot do (an operation a target cannot
/// select, a calling convention it lacks) through report_fatal_error, which
/// would abort with a stack dump. Say it as one error line and exit 1 at
/// once; other threads may still be compiling, so nothing is unwound.
static void fatalLLVMError(void *, const char *Reason, bool) {
  std::string Line =
      std::string("weld: error: code generation failed: ") + Reason + "\n";
  (void)!::write(2, Line.data(), Line.size());
  std::_Exit(ExitError);
}

int main(int Argc, char **Argv) {
  llvm::InitLLVM X(Argc, Argv);
  llvm::install_fatal_error_handler(fatalLLVMError);
  if (Argc < 2) {
    printToolHelp(llvm::errs());
    return ExitError;
  }
  const char *First = Argv[1];
  if (!std::strcmp(First, "-h") || !std::strcmp(First, "--help") ||
      !std::strcmp(First, "help")) {
    printToolHelp(llvm::outs());
    return ExitOK;
  }
  if (!std::strcmp(First, "--version")) {
    llvm::outs() << "weld " << WELD_VERSION << " (LLVM " << LLVM_VERSION_STRING
                 << ")\n";
    return ExitOK;
  }
  for (const Command &C : commands()) {
    if (std::strcmp(First, C.Name))
      continue;
    std::vector<std::string> Rest(Argv + 2, Argv + Argc);
    return C.Run(Rest);
  }
  if (First[0] == '-')
    return usageError(std::string("unknown option '") + First + "'");
  return usageError(std::string("unknown command '") + First +
                    "' (see weld --help)");
}
