#include "bench/gen/issue.h"

namespace briefsearch::gen {

const char* PublisherName(GenPublisher p) {
  constexpr const char* kNames[] = {"KOSTEC", "KIC", "KIEP"};  // GenPublisher's order
  return kNames[static_cast<int>(p)];
}

std::string BodyText(const GenArticle& article) {
  std::string out;
  for (const Block& b : article.blocks) {
    for (const std::string& l : b.lines) {
      if (!out.empty()) out.push_back('\n');
      out += l;
    }
  }
  return out;
}

}  // namespace briefsearch::gen
