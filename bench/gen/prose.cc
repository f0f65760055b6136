#include "bench/gen/prose.h"

#include <iterator>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "bench/gen/safe_text.h"

namespace briefsearch::gen {
namespace {

constexpr std::string_view kEndings[] = {
    "발표했다.", "추진한다.",        "확대할 계획이다.", "밝혔다.",   "강조했다.",
    "전망했다.", "제시했다.",        "설명했다.",        "지원한다.", "나타났다.",
    "늘어났다.", "도입하기로 했다.", "검토하고 있다.",   "평가했다.", "시행한다.",
    "마련했다.", "공개했다.",        "강화할 방침이다.", "보도했다.", "예상된다."};
constexpr std::string_view kTitleEnds[] = {"발표", "추진", "확대", "시행", "공개", "개최",
                                           "지원", "육성", "강화", "출시", "돌파", "전망"};
constexpr const char* kUnits[] = {"억 위안", "%",  "개", "명",      "곳",    "건",
                                  "만 톤",   "배", "위", "조 위안", "만 명", "GW"};
constexpr std::pair<std::string_view, std::string_view> kOutlets[] = {
    {"제일재경(第一财经)", "제일재경"},
    {"선전상보(深圳商报)", "선전상보"},
    {"인민일보(人民日报)", "인민일보"},
    {"신화통신(新华社)", "신화통신"},
    {"과기일보(科技日报)", "과기일보"},
    {"경제일보(经济日报)", "경제일보"},
    {"차이신(财新)", "차이신"},
    {"남방일보(南方日报)", "남방일보"},
    {"중국증권보(中国证券报)", "중국증권보"},
    {"21세기경제보도(21世纪经济报道)", "21세기경제보도"}};

// Particle for a stem, chosen by its final consonant where Korean requires it.
std::string_view Particle(Rng& rng, std::string_view stem) {
  const bool final = HasFinalConsonant(stem);
  switch (rng.Below(10)) {
    case 0:
      return final ? "은" : "는";
    case 1:
      return final ? "이" : "가";
    case 2:
    case 3:
      return final ? "을" : "를";
    case 4:
      return final ? "과" : "와";
    case 5:
      return final && !HasFinalRieul(stem) ? "으로" : "로";
    case 6:
      return "의";
    case 7:
      return "에서";
    case 8:
      return "에";
    default:
      return "도";
  }
}

}  // namespace

// Appends tokens with blanks, refusing joins that SafeJoin forbids.
class Prose::Writer {
 public:
  // Appends `token` (glued to the previous one when `glue`); false when the join is unsafe.
  bool Add(std::string_view token, bool glue = false) {
    if (!SafeJoin(out_, token)) return false;
    if (!glue && !out_.empty()) out_.push_back(' ');
    out_.append(token);
    bare_ = -1;
    return true;
  }
  void Punct(char c) {
    out_.push_back(c);
    bare_ = -1;
  }
  // The Korean word just written without particle or punctuation after it, or -1.
  int64_t bare() const { return bare_; }
  void set_bare(uint32_t id) { bare_ = id; }
  std::string& text() { return out_; }

 private:
  std::string out_;
  int64_t bare_ = -1;
};

void Prose::AddKorean(Rng& rng, bool allow_particle, Writer* w, WordLog* log) const {
  for (int attempt = 0; attempt < 8; ++attempt) {
    const uint32_t id = v_.DrawKorean(rng);
    const std::string& word = v_.entry(id).text;
    const int64_t before = w->bare();
    if (!w->Add(word)) continue;
    log->ids.push_back(id);
    if (before >= 0) log->bigrams.emplace_back(uint32_t(before), id);  // written as "before word"
    if (allow_particle && rng.Chance(0.5)) {
      const std::string_view p = Particle(rng, word);
      if (w->Add(p, /*glue=*/true)) {
        if (rng.Chance(0.12)) w->Punct(',');
        return;
      }
    }
    w->set_bare(id);
    return;
  }
}

void Prose::AddToken(Rng& rng, int year, bool allow_particle, Writer* w, WordLog* log) const {
  const double r = rng.Uniform();
  if (r < 0.04 && !v_.han_terms().empty()) {
    const HanTerm& term = v_.han_terms()[rng.Below(v_.han_terms().size())];
    const int32_t han =
        term.traditional >= 0 && rng.Chance(0.3) ? term.traditional : term.simplified;
    if (term.reading >= 0 && w->Add(v_.entry(term.reading).text)) {
      log->ids.push_back(uint32_t(term.reading));
    } else {
      AddKorean(rng, /*allow_particle=*/false, w, log);
    }
    if (w->Add(absl::StrCat("(", v_.entry(han).text, ")"), /*glue=*/true))
      log->ids.push_back(uint32_t(han));
  } else if (r < 0.075 && !v_.english().empty()) {
    const uint32_t id = v_.english()[rng.Below(v_.english().size())];
    if (w->Add(v_.entry(id).text)) log->ids.push_back(id);
  } else if (r < 0.12) {
    const int64_t n = rng.Between(1, 999);
    std::string number = rng.Chance(0.3) ? absl::StrCat(n / 10, ".", n % 10) : absl::StrCat(n);
    w->Add(absl::StrCat(number, kUnits[rng.Below(std::size(kUnits))]));
  } else if (r < 0.14) {
    w->Add(absl::StrCat(year + rng.Between(-2, 2), "년"));
    w->Add(absl::StrCat(rng.Between(1, 12), "월"));
  } else {
    AddKorean(rng, allow_particle, w, log);
  }
}

std::string Prose::Sentence(Rng& rng, int year, WordLog* log) const {
  Writer w;
  const int64_t n = rng.Between(3, 9);
  // Korean first: a line opening with digits or a capital I/V could read as a KOSTEC heading.
  AddKorean(rng, /*allow_particle=*/true, &w, log);
  for (int64_t i = 1; i < n; ++i) AddToken(rng, year, /*allow_particle=*/true, &w, log);
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (w.Add(kEndings[rng.Below(std::size(kEndings))])) break;
  }
  return std::move(w.text());
}

std::string Prose::Paragraph(Rng& rng, int year, WordLog* log) const {
  std::string out;
  const int64_t n = rng.Between(2, 5);
  for (int64_t i = 0; i < n; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += Sentence(rng, year, log);
  }
  return out;
}

std::string Prose::Title(Rng& rng, WordLog* log) const {
  Writer w;
  AddKorean(rng, /*allow_particle=*/false, &w, log);
  if (w.text().empty()) w.Add("중국");
  w.Punct(',');
  const int64_t n = rng.Between(2, 5);
  for (int64_t i = 0; i < n; ++i) {
    if (rng.Chance(0.1) && !v_.english().empty()) {
      const uint32_t id = v_.english()[rng.Below(v_.english().size())];
      if (w.Add(v_.entry(id).text)) log->ids.push_back(id);
    } else {
      AddKorean(rng, /*allow_particle=*/false, &w, log);
    }
  }
  w.Add(kTitleEnds[rng.Below(std::size(kTitleEnds))]);
  return std::move(w.text());
}

std::string Prose::Phrase(Rng& rng, int year, WordLog* log) const {
  Writer w;
  const int64_t n = rng.Between(4, 10);
  AddKorean(rng, /*allow_particle=*/true, &w, log);
  for (int64_t i = 1; i < n; ++i) AddToken(rng, year, /*allow_particle=*/i + 1 < n, &w, log);
  if (w.text().empty()) w.Add("중국");
  return std::move(w.text());
}

std::pair<std::string, std::string> Prose::Outlet(Rng& rng) const {
  const auto& o = kOutlets[rng.Below(std::size(kOutlets))];
  return {std::string(o.first), std::string(o.second)};
}

}  // namespace briefsearch::gen
