#include "bench/common/command_line.h"

#include <iostream>

namespace briefsearch::bench {

namespace po = boost::program_options;

std::optional<int> ParseCommandLine(int argc, char** argv, const po::options_description& desc,
                                    const char* program) {
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << program << ": " << e.what() << "\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace briefsearch::bench
