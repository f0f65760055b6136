// SHA-256 of a file's bytes, hex: how the indexer recognises the same content under any name.
#pragma once

#include <string>
#include <string_view>

namespace briefsearch::pipeline {

std::string Sha256Hex(std::string_view bytes);

}  // namespace briefsearch::pipeline
