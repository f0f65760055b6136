// The plumbing a Lucene query made of sub-queries owes Lucene (clone, equals, hashCode,
// extractTerms), written once for WordQuery, GramPhraseQuery and query::AndQuery, which differ in
// what their parts are and how they score, not in how they are copied or compared.
//
// Thread-safety: as the queries: built and used by one request.
#pragma once

#include <cstdint>
#include <vector>

#include "server/common/lucene.h"

namespace briefsearch::index {

// Each part's terms.
template <typename Part>
void ExtractPartTerms(const std::vector<Part>& parts, Lucene::SetTerm terms) {
  for (const Part& part : parts) part->extractTerms(terms);
}

// Deep copies of the parts, of their own type.
template <typename Part>
std::vector<Part> ClonedParts(const std::vector<Part>& parts) {
  std::vector<Part> copies;
  for (const Part& part : parts) {
    copies.push_back(boost::static_pointer_cast<typename Part::element_type>(part->clone()));
  }
  return copies;
}

// The same parts, in the same order.
template <typename Part>
bool SameParts(const std::vector<Part>& a, const std::vector<Part>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i]->equals(b[i])) return false;
  }
  return true;
}

// `seed` combined with each part's hash code, in order.
template <typename Part>
int32_t PartsHashCode(int32_t seed, const std::vector<Part>& parts) {
  for (const Part& part : parts) seed = seed * 31 + part->hashCode();
  return seed;
}

}  // namespace briefsearch::index
