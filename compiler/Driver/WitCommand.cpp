//===- WitCommand.cpp - weld wit: print the WIT world of a component ---===//

#include "Driver/Driver.h"
#include "Driver/Options.h"

#include <algorithm>

namespace weld::driver {

int runWit(const std::vector<std::string> &Args) {
  po::options_description Desc("wit options");
  Desc.add_options()("help,h", "show this help");
  po::options_description Hidden;
  Hidden.add_options()("input", po::value<std::string>()->required());
  po::positional_options_description Pos;
  Pos.add("input", 1);
  ParsedOptions P = parseOptions("weld wit <app.wasm>", Desc, Hidden, Pos, Args);
  if (P.Exit)
    return *P.Exit;
  if (auto E = checkInputFile(P.Map["input"].as<std::string>()))
    return *E;
  return notYet("printing WIT (needs the component decoder)");
}

} // namespace weld::driver
