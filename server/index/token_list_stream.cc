#include "server/index/token_list_stream.h"

namespace briefsearch::index {

TokenListStream::TokenListStream(analysis::TokenList tokens) : tokens_(std::move(tokens)) {
  term_ = addAttribute<Lucene::TermAttribute>();
  offset_ = addAttribute<Lucene::OffsetAttribute>();
  position_increment_ = addAttribute<Lucene::PositionIncrementAttribute>();
}

TokenListStream::~TokenListStream() = default;

bool TokenListStream::incrementToken() {
  if (next_ >= tokens_.size()) return false;
  clearAttributes();
  const analysis::Token& t = tokens_[next_++];
  term_->setTermBuffer(t.text);
  offset_->setOffset(t.start, t.end);
  position_increment_->setPositionIncrement(t.position - last_position_);
  last_position_ = t.position;
  return true;
}

void TokenListStream::reset() {
  next_ = 0;
  last_position_ = -1;
}

}  // namespace briefsearch::index
