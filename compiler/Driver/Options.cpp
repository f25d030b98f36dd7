//===- Options.cpp - shared option parsing for subcommands ----------------===//

#include "Driver/Options.h"
#include "Driver/Driver.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <sstream>

namespace weld::driver {

int usageError(const std::string &Message) {
  llvm::errs() << "weld: error: " << Message << "\n";
  return ExitError;
}

int notYet(const std::string &Feature) {
  llvm::errs() << "weld: not implemented yet: " << Feature << "\n";
  return ExitUnsupported;
}

ParsedOptions parseOptions(const std::string &Usage,
                           const po::options_description &Desc,
                           const po::options_description &Hidden,
                           const po::positional_options_description &Positional,
                           const std::vector<std::string> &Args) {
  ParsedOptions Result;
  po::options_description All;
  All.add(Desc).add(Hidden);
  try {
    po::store(po::command_line_parser(Args)
                  .options(All)
                  .positional(Positional)
                  .style(po::command_line_style::default_style &
                         ~po::command_line_style::allow_guessing)
                  .run(),
              Result.Map);
    if (Result.Map.count("help")) {
      std::ostringstream OS;
      OS << Desc;
      llvm::outs() << "usage: " << Usage << "\n\n" << OS.str();
      Result.Exit = ExitOK;
      return Result;
    }
    po::notify(Result.Map);
  } catch (const po::required_option &E) {
    Result.Exit = usageError("missing input file (see --help)");
  } catch (const po::error &E) {
    Result.Exit = usageError(E.what());
  }
  return Result;
}

std::optional<int> checkInputFile(const std::string &Path) {
  if (Path == "-")
    return std::nullopt;
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return usageError(Path + ": no such file");
  if (!llvm::sys::fs::is_regular_file(Status))
    return usageError(Path + ": not a regular file");
  return std::nullopt;
}

} // namespace weld::driver
