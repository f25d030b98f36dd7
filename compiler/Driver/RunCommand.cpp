//===- RunCommand.cpp - weld run: compile (cached) and run a command component ---===//

#include "Driver/Driver.h"
#include "Driver/Options.h"

#include <algorithm>

namespace weld::driver {

int runRun(const std::vector<std::string> &Args) {
  po::options_description Desc("run options");
  Desc.add_options()("help,h", "show this help");
  po::options_description Hidden;
  Hidden.add_options()("input", po::value<std::string>()->required())(
      "args", po::value<std::vector<std::string>>());
  po::positional_options_description Pos;
  Pos.add("input", 1).add("args", -1);
  ParsedOptions P =
      parseOptions("weld run [options] <app.wasm> [args...]", Desc, Hidden, Pos, Args);
  if (P.Exit)
    return *P.Exit;
  if (auto E = checkInputFile(P.Map["input"].as<std::string>()))
    return *E;
  return notYet("running components (needs the WASI host)");
}

} // namespace weld::driver
