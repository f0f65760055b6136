// The command-line handling every bench/ tool shares (Boost.Program_options).
#pragma once

#include <boost/program_options.hpp>
#include <optional>

namespace briefsearch::bench {

// Parses argv into `desc`'s variables. Returns nullopt when the tool should go on, otherwise
// its exit code: 0 after printing --help, 2 after printing a usage error prefixed "program: ".
std::optional<int> ParseCommandLine(int argc, char** argv,
                                    const boost::program_options::options_description& desc,
                                    const char* program);

}  // namespace briefsearch::bench
