// English (and other Latin-script) words in the words field: Porter stemming (Snowball libstemmer) of lower-case ASCII
// words (batteries -> batteri = battery, investing -> invest), everything else as it is.
#pragma once

#include <string>

namespace briefsearch::analysis {

// `word` is already lower case (the normaliser folds case).
std::wstring StemEnglish(const std::wstring& word);

}  // namespace briefsearch::analysis
