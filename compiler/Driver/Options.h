//===- Options.h - shared option parsing for subcommands ------*- C++ -*-===//
//
// Wraps Boost.Program_options so that every subcommand reports bad usage the
// same way: one line on stderr and exit status 1.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_DRIVER_OPTIONS_H
#define WELD_DRIVER_OPTIONS_H

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <vector>

namespace weld::driver {

namespace po = boost::program_options;

/// A subcommand's parsed options, or the exit status when parsing ended
/// the command (help printed, or a usage error reported).
struct ParsedOptions {
  po::variables_map Map;
  std::optional<int> Exit;
};

/// Parses Args against Desc plus Hidden (the positional arguments, which
/// --help does not list as options); Positional maps them. Handles --help by
/// printing Usage and Desc to stdout.
ParsedOptions parseOptions(const std::string &Usage,
                           const po::options_description &Desc,
                           const po::options_description &Hidden,
                           const po::positional_options_description &Positional,
                           const std::vector<std::string> &Args);

/// Returns an error status when Path is not a readable regular file.
std::optional<int> checkInputFile(const std::string &Path);

} // namespace weld::driver

#endif
