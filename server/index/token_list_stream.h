// A Lucene++ TokenStream that replays tokens our analysis chain already produced, so the chain stays
// plain C++ (testable without Lucene) and Lucene++'s own analyzers are never used.
#pragma once

#include "server/common/lucene.h"
#include "server/analysis/token.h"

namespace briefsearch::index {

class TokenListStream : public Lucene::TokenStream {
 public:
  // `tokens` must be ordered by position (the analyzer guarantees it).
  explicit TokenListStream(analysis::TokenList tokens);
  ~TokenListStream() override;
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(TokenListStream);

  bool incrementToken() override;
  void reset() override;

 private:
  analysis::TokenList tokens_;
  size_t next_ = 0;
  int32_t last_position_ = -1;
  Lucene::TermAttributePtr term_;
  Lucene::OffsetAttributePtr offset_;
  Lucene::PositionIncrementAttributePtr position_increment_;
};

}  // namespace briefsearch::index
