// Renders a GenIssue as the drop-folder text file its publisher would send, in the shapes the
// indexer's layout parsers read (indexer/parse/layout_kostec.cc, layout_kic.cc, layout_kiep.cc;
// examples/briefs shows each): parsing the result gives back the issue's articles, titles,
// sections, number and date. gen_test.cc checks that round trip.
#pragma once

#include <string>

#include "bench/gen/issue.h"
#include "bench/gen/random.h"

namespace briefsearch::gen {

// Appends the file's UTF-8 text to *out. `rng` picks presentational variants only (how a heading
// is split over lines); the articles' text does not depend on it.
void RenderIssue(const GenIssue& issue, Rng& rng, std::string* out);

}  // namespace briefsearch::gen
