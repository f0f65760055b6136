#include "bench/gen/vocabulary.h"

#include <opencc/opencc.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "absl/strings/str_cat.h"
#include "bench/gen/safe_text.h"

namespace briefsearch::gen {
namespace {

// Particles and endings stripped from a Hangul token to get its stem, longest first.
constexpr std::string_view kParticles[] = {
    "에서는", "에서도", "으로는", "으로서", "에게서", "까지", "부터", "에서", "으로", "에게",
    "보다",   "처럼",   "과의",   "와의",   "에는",   "에도", "이며", "은",   "는",   "이",
    "가",     "을",     "를",     "의",     "에",     "로",   "과",   "와",   "도",   "만"};
// A token ending like this is a verb or a connective, not a noun with a particle.
constexpr std::string_view kVerbEndings[] = {
    "다", "고",   "며",   "면",   "서",   "해",   "여",   "오",   "요", "던", "록", "지",
    "게", "하는", "되는", "있는", "없는", "위한", "대한", "통한", "인", "한", "된"};

// Names every brief writes, so that mixed Korean/English queries have more than the samples give.
constexpr std::string_view kEnglishNames[] = {
    "Huawei",  "Alibaba",   "Tencent",  "Baidu",    "BYD",     "CATL",      "Xiaomi",  "DeepSeek",
    "SMIC",    "ByteDance", "Nvidia",   "Qualcomm", "Samsung", "Apple",     "Tesla",   "OpenAI",
    "Lenovo",  "ZTE",       "DJI",      "Meituan",  "NIO",     "Geely",     "iFlytek", "SenseTime",
    "Unitree", "Zhipu",     "Moonshot", "CXMT",     "YMTC",    "Hikvision", "Sinopec", "PetroChina",
    "GDP",     "AI",        "GPU",      "LLM",      "EV",      "RISC-V",    "OLED",    "LiDAR"};

// Words of the samples' mastheads and colophons, not names an article would mention.
constexpr std::string_view kNotNames[] = {
    "Korea", "Science", "Technology", "Cooperation", "Center",   "Innovation", "Weekly",
    "China", "TEL",     "No",         "NO",          "CONTENTS", "WEEKLY",     "CHINA"};

// A learned capitalised token that reads as a name or acronym: not a page mark ("P12"), not a
// roman numeral (a KOSTEC part marker), not a long all-capitals masthead word.
bool IsEnglishName(const std::string& w) {
  if (std::find(std::begin(kNotNames), std::end(kNotNames), w) != std::end(kNotNames)) return false;
  if (w.find_first_not_of("IVX") == std::string::npos) return false;
  if (w[0] == 'P' && w.find_first_not_of("0123456789", 1) == std::string::npos) return false;
  const bool lower = std::any_of(
      w.begin(), w.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  return lower || w.size() <= 5;
}

constexpr const char* kOpenCcDir = BRIEFSEARCH_OPENCC_DATA_DIR;

bool DecodeAt(std::string_view s, size_t* i, char32_t* out) {
  const auto b = static_cast<unsigned char>(s[*i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    *out = 0xFFFD;
    return false;
  }
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  *out = c;
  return true;
}

bool IsHangul(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }
bool IsHan(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Code points of `s` all satisfy `pred`, and there are between lo and hi of them.
template <typename Pred>
bool AllOf(std::string_view s, size_t lo, size_t hi, Pred pred) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    if (!DecodeAt(s, &i, &c) || !pred(c)) return false;
    ++n;
  }
  return n >= lo && n <= hi;
}

std::vector<std::string> Syllables(std::string_view word) {
  std::vector<std::string> out;
  for (size_t i = 0; i < word.size();) {
    const size_t begin = i;
    char32_t c;
    DecodeAt(word, &i, &c);
    out.emplace_back(word.substr(begin, i - begin));
  }
  return out;
}

// Trims bytes that are neither Hangul, Han nor ASCII letters/digits from both ends.
std::string_view TrimPunct(std::string_view t) {
  auto keep = [](char32_t c) { return IsHangul(c) || IsHan(c) || (c < 0x80 && std::isalnum(c)); };
  size_t begin = 0;
  while (begin < t.size()) {
    size_t i = begin;
    char32_t c;
    DecodeAt(t, &i, &c);
    if (keep(c)) break;
    begin = i;
  }
  size_t end = begin;
  for (size_t i = begin; i < t.size();) {
    char32_t c;
    DecodeAt(t, &i, &c);
    if (keep(c)) end = i;
  }
  return t.substr(begin, end - begin);
}

bool EndsLikeVerb(std::string_view word) {
  for (std::string_view e : kVerbEndings) {
    if (word.ends_with(e)) return true;
  }
  return false;
}

// The noun stem of a Hangul token, or "" when it reads as a verb or its stem would be one
// syllable ("것으로" is no "것으" with 로); two-syllable tokens stay whole.
std::string Stem(std::string_view token) {
  if (EndsLikeVerb(token)) return "";
  std::string_view stem = token;
  for (std::string_view p : kParticles) {
    if (token.ends_with(p)) {
      stem = token.substr(0, token.size() - p.size());
      break;
    }
  }
  if (stem.size() < 6) stem = token.size() == 6 ? token : "";  // 국가, 차이: no particle there
  if (EndsLikeVerb(stem)) return "";
  return std::string(stem);
}

struct Learned {
  std::map<std::string, int> korean;               // stem -> count
  std::map<std::string, std::string> han_reading;  // Han term -> Korean reading or ""
  std::map<std::string, int> english;              // name -> count
};

void LearnToken(std::string_view token, Learned* out) {
  // 왕시원(王喜文) and 모펀드(天使母基金): the Han term inside, the Hangul run right before it.
  if (const size_t open = token.find('('); open != std::string_view::npos) {
    const size_t close = token.find(')', open);
    if (close != std::string_view::npos) {
      const std::string_view han = token.substr(open + 1, close - open - 1);
      if (AllOf(han, 2, 8, IsHan)) {
        const std::string_view before = TrimPunct(token.substr(0, open));
        const bool reading = AllOf(before, 2, 6, IsHangul);
        std::string& r = out->han_reading[std::string(han)];
        if (r.empty() && reading) r = std::string(before);
      }
      LearnToken(token.substr(0, open), out);
      LearnToken(token.substr(close + 1), out);
      return;
    }
  }
  const std::string_view t = TrimPunct(token);
  if (AllOf(t, 2, 8, IsHangul)) {
    std::string stem = Stem(t);
    if (AllOf(stem, 2, 6, IsHangul)) ++out->korean[stem];
  } else if (t.size() >= 2 && t.size() <= 12 && std::isupper(static_cast<unsigned char>(t[0])) &&
             AllOf(t, 2, 12, [](char32_t c) { return c < 0x80 && std::isalnum(c); })) {
    ++out->english[std::string(t)];
  }
}

absl::StatusOr<Learned> LearnSamples(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".txt" || ext == ".md")) files.push_back(e.path());
  }
  if (ec) return absl::NotFoundError(absl::StrCat("cannot read ", dir, ": ", ec.message()));
  if (files.empty()) return absl::NotFoundError(absl::StrCat("no *.txt or *.md briefs in ", dir));
  std::sort(files.begin(), files.end());
  Learned learned;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string token;
    while (in >> token) LearnToken(token, &learned);
  }
  return learned;
}

// Converts with an OpenCC config (s2t.json, t2s.json) from the data directory.
class OpenCc {
 public:
  explicit OpenCc(const std::string& config)
      : od_(opencc_open(absl::StrCat(kOpenCcDir, "/", config).c_str())) {}
  ~OpenCc() {
    if (ok()) opencc_close(od_);
  }
  OpenCc(const OpenCc&) = delete;
  OpenCc& operator=(const OpenCc&) = delete;
  bool ok() const { return od_ != reinterpret_cast<opencc_t>(-1); }
  std::string Convert(const std::string& s) const {
    char* out = opencc_convert_utf8(od_, s.data(), s.size());
    if (out == nullptr) return s;
    std::string r(out);
    opencc_convert_utf8_free(out);
    return r;
  }

 private:
  opencc_t od_;
};

template <typename Map>
std::vector<std::string> ByCount(const Map& counts) {
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [word, n] : counts) v.emplace_back(-n, word);
  std::sort(v.begin(), v.end());  // most frequent first, ties by text: deterministic
  std::vector<std::string> out;
  for (auto& [n, word] : v) out.push_back(std::move(word));
  return out;
}

}  // namespace

uint32_t Vocabulary::Add(std::string text, WordKind kind) {
  entries_.push_back({std::move(text), kind});
  return uint32_t(entries_.size() - 1);
}

absl::StatusOr<Vocabulary> Vocabulary::Build(const VocabularyOptions& options) {
  absl::StatusOr<Learned> learned = LearnSamples(options.samples_dir);
  if (!learned.ok()) return learned.status();
  const OpenCc s2t("s2t.json"), t2s("t2s.json");
  if (!s2t.ok() || !t2s.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("OpenCC configs missing in ", kOpenCcDir));
  }
  Vocabulary v;
  std::unordered_set<std::string> seen;
  seen.reserve(size_t(options.synthetic_words) + 10'000);
  auto usable = [&](const std::string& w) { return !HasForbiddenCue(w) && seen.insert(w).second; };

  std::map<std::string, int> syllable_count;
  for (const std::string& w : ByCount(learned->korean)) {
    if (!usable(w)) continue;
    v.korean_.push_back(v.Add(w, WordKind::kKorean));
    for (std::string& s : Syllables(w)) ++syllable_count[s];
  }
  v.learned_korean_ = v.korean_.size();

  for (const auto& [han, reading] : learned->han_reading) {
    const std::string simplified = t2s.Convert(han);
    const std::string traditional = s2t.Convert(simplified);
    if (HasForbiddenCue(simplified) || HasForbiddenCue(traditional)) continue;
    HanTerm term;
    if (!seen.contains(simplified))
      term.simplified = int32_t(v.Add(simplified, WordKind::kHanSimplified));
    if (traditional != simplified && !seen.contains(traditional)) {
      term.traditional = int32_t(v.Add(traditional, WordKind::kHanTraditional));
    }
    seen.insert(simplified);
    seen.insert(traditional);
    if (term.simplified < 0) continue;
    if (!reading.empty() && !HasForbiddenCue(reading)) {
      auto it = std::find_if(v.korean_.begin(), v.korean_.end(),
                             [&](uint32_t id) { return v.entries_[id].text == reading; });
      if (it != v.korean_.end()) {
        term.reading = int32_t(*it);
      } else if (seen.insert(reading).second) {
        term.reading = int32_t(v.Add(reading, WordKind::kKorean));  // a name: not drawn by rank
      }
    }
    v.han_terms_.push_back(term);
  }

  std::map<std::string, int> english = learned->english;
  for (std::string_view name : kEnglishNames) english[std::string(name)] += 1;
  for (const std::string& w : ByCount(english)) {
    if (!IsEnglishName(w) || !usable(w)) continue;
    v.english_.push_back(v.Add(w, WordKind::kEnglish));
  }

  // Synthetic words: 2-4 syllables drawn by the syllables' frequency in the learned words.
  std::vector<std::string> syllables;
  std::vector<double> weights;
  for (const auto& [s, n] : syllable_count) {
    syllables.push_back(s);
    weights.push_back(n);
  }
  if (syllables.size() < 20) {
    return absl::InvalidArgumentError(
        absl::StrCat("too few Korean words in ", options.samples_dir, " to build a vocabulary"));
  }
  const AliasTable pick(weights);  // syllable indices
  Rng rng(Rng::Derive(options.seed, 0x766f6361));
  for (int64_t made = 0, tries = 0;
       made < options.synthetic_words && tries < 50 * options.synthetic_words; ++tries) {
    const int64_t len = 2 + (rng.Chance(0.45) ? 1 : 0) + (rng.Chance(0.2) ? 1 : 0);
    std::string w;
    for (int64_t k = 0; k < len; ++k) w += syllables[pick.Draw(rng)];
    if (!usable(w)) continue;
    v.korean_.push_back(v.Add(std::move(w), WordKind::kKorean));
    ++made;
  }

  std::vector<double> zipf(v.korean_.size());
  for (size_t r = 0; r < zipf.size(); ++r)
    zipf[r] = std::pow(double(r + 1), -options.zipf_exponent);
  v.zipf_ = std::make_shared<AliasTable>(zipf, v.korean_);
  return v;
}

}  // namespace briefsearch::gen
