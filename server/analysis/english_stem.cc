#include "server/analysis/english_stem.h"

#include <libstemmer.h>

#include <memory>

#include "common/utf8.h"

namespace briefsearch::analysis {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// A Snowball stemmer is not thread-safe: one per thread. (Lucene++ exports PorterStemFilter but
// not the PorterStemmer class itself, so the Snowball C library from Debian does the work.)
sb_stemmer* ThreadStemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("porter", "UTF_8"));
  return stemmer.get();
}

}  // namespace

std::wstring StemEnglish(const std::wstring& word) {
  if (word.size() < 3) return word;
  std::string ascii;
  ascii.reserve(word.size());
  for (wchar_t c : word) {
    if (c < L'a' || c > L'z') return word;  // numbers, mixed tokens (5g, h20), other scripts
    ascii.push_back(static_cast<char>(c));
  }
  sb_stemmer* stemmer = ThreadStemmer();
  if (stemmer == nullptr) return word;
  const sb_symbol* out = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(ascii.data()),
                                         static_cast<int>(ascii.size()));
  if (out == nullptr) return word;
  const int length = sb_stemmer_length(stemmer);
  return std::wstring(out, out + length);
}

}  // namespace briefsearch::analysis
