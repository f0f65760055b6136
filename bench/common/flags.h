// Command-line parsing every bench/ harness does the same way (Boost.Program_options).
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>

namespace briefsearch::bench {

// Parses argv against `desc` (which has a "help" option). Returns nullopt to go on, or the exit
// code to return: 0 after printing the help, 2 after printing a usage error as "program: why".
std::optional<int> ParseFlags(int argc, char** argv,
                              const boost::program_options::options_description& desc,
                              const std::string& program);

}  // namespace briefsearch::bench
