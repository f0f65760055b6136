// The one way to include Lucene++. Lucene.h defines a macro named INTERNAL (as public/protected),
// which breaks gRPC headers (grpc::StatusCode::INTERNAL) included after it; every Lucene++ header we
// use is included here, then the macro is removed.
#pragma once

#include "LuceneHeaders.h"
#include "DefaultSimilarity.h"
#include "IndexCommit.h"
#include "IndexDeletionPolicy.h"
#include "MapFieldSelector.h"
#include "SegmentInfos.h"
#include "ConstantScoreQuery.h"
#include "FieldCache.h"
#include "MultiPhraseQuery.h"
#include "OffsetAttribute.h"
#include "PositionIncrementAttribute.h"
#include "QueryWrapperFilter.h"
#include "TermAttribute.h"
#include "TimeLimitingCollector.h"
#include "TopScoreDocCollector.h"

#undef INTERNAL
