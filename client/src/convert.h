// Conversions between the client's plain types and the generated proto messages.
#pragma once

#include "briefsearch/types.h"
#include "briefsearch/v1/ingest.pb.h"
#include "briefsearch/v1/search.pb.h"

namespace briefsearch::internal {

v1::SearchRequest ToProto(const SearchRequest& r);
v1::Issue ToProto(const Issue& issue);

SearchResult FromProto(const v1::SearchResponse& r);
Article FromProto(const v1::Article& a);
Issue FromProto(const v1::Issue& i);
Stats FromProto(const v1::StatsResponse& s);

}  // namespace briefsearch::internal
