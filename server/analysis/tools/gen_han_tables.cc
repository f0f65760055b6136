// Build-time generator for server/analysis/han_tables.cc: reads OpenCC's character dictionaries and
// the Unihan database (Debian packages libopencc-data and unicode-data) and writes the two sorted
// tables the lookups binary-search, so the server needs neither package at run time.
//
// Usage: gen_han_tables OPENCC_DATA_DIR UNICODE_DATA_DIR OUT_INC [--list]
//   OPENCC_DATA_DIR   holds {TS,ST}{Characters,Phrases}.ocd2 (/usr/share/opencc)
//   UNICODE_DATA_DIR  holds UnicodeData.txt, Unihan_Readings.txt.bz2, Unihan_Variants.txt.bz2
//   --list            also prints every entry and where it came from to stdout (for review)
//
// Fold table: compatibility ideograph -> its canonical (unified) form, then OpenCC t2s at character
// level. t2s on one character is TSCharacters alone (TSPhrases has no one-character keys; checked
// below), and OpenCC's converter takes an entry's first value, so so do we. Chains (薴 -> 苧 -> 苎)
// are followed to the end so that folding is idempotent.
//
// Reading table: see ResolveReading below for the order of sources.
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using CodePoints = std::vector<char32_t>;
using CharMap = std::map<char32_t, CodePoints>;  // key -> candidates, preferred first

// One kHangul reading, e.g. "락:0E": the syllable and its source flags (UAX #38): 0 = KS X 1001,
// 1 = KS X 1002, E = the reading of the 1,800 basic Hanja for education, N = a reading for
// personal names. Unihan lists a character's readings in Hangul order, not by preference.
struct Reading {
  char32_t syllable = 0;
  bool ks_x_1001 = false;
  bool ks_x_1002 = false;
  bool education = false;
  bool personal_name = false;
};

// Characters whose Korean form KS X 1001 encodes at a separate code point that Unihan does not
// link to them (no kZVariant or kSemanticVariant): Chinese form -> Korean form. Found by matching
// unread GB 2312 and Big5 characters against read ones with the same kMandarin, radical and
// stroke count, then checked by eye.
constexpr std::pair<char32_t, char32_t> kKoreanGlyphTwins[] = {
    {U'尚', U'尙'}, {U'既', U'旣'}, {U'顏', U'顔'}, {U'慎', U'愼'}, {U'屏', U'屛'},
    {U'溉', U'漑'}, {U'榆', U'楡'}, {U'概', U'槪'}, {U'顛', U'顚'}, {U'飲', U'飮'},
    {U'喻', U'喩'}, {U'巔', U'巓'}, {U'戛', U'戞'}, {U'廄', U'廐'}, {U'髯', U'髥'},
};

// Readings Unihan lacks for characters that briefs about China use in place names. Each needs a
// reason; keep this list short.
constexpr std::pair<char32_t, char32_t> kSupplementalReadings[] = {
    // 圳 (深圳, Shenzhen) has a K2 source but no kHangul; Korean writes 深圳 as 심천.
    {U'圳', U'천'},
};

// Packed reading entries keep the code point in the high 18 bits (all of Unicode's ideographs lie
// below U+40000) and the syllable's offset from U+AC00 in the low 14.
constexpr int kReadingShift = 14;
constexpr char32_t kMaxPackedCodePoint = 0x3FFFF;

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "gen_han_tables: " << message << "\n";
  std::exit(1);
}

CodePoints DecodeUtf8(std::string_view s) {
  CodePoints out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (i + len > s.size()) Fail("truncated UTF-8: " + std::string(s));
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string Hex(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04X", static_cast<unsigned>(cp));
  return buf;
}

std::string Utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Loads an OpenCC .ocd2 dictionary, keeping one-character keys and one-character values.
CharMap LoadOpenccCharacters(const std::string& path, size_t* single_char_keys_seen) {
  FILE* fp = std::fopen(path.c_str(), "rb");
  if (fp == nullptr) Fail("cannot open " + path);
  const opencc::MarisaDictPtr dict = opencc::MarisaDict::NewFromFile(fp);
  std::fclose(fp);
  CharMap out;
  for (const auto& entry : *dict->GetLexicon()) {
    const CodePoints key = DecodeUtf8(entry->Key());
    if (key.size() != 1) continue;
    ++*single_char_keys_seen;
    CodePoints& values = out[key[0]];
    for (const std::string& v : entry->Values()) {
      const CodePoints value = DecodeUtf8(v);
      if (value.size() == 1) values.push_back(value[0]);
    }
    if (values.empty()) out.erase(key[0]);
  }
  return out;
}

char32_t ParseCodePoint(std::string_view field) {  // "U+570B"
  if (field.size() < 3 || field.substr(0, 2) != "U+") Fail("bad code point " + std::string(field));
  return static_cast<char32_t>(std::stoul(std::string(field.substr(2)), nullptr, 16));
}

// Calls visit(code point, value) for every line of the bzip2-compressed Unihan file whose field is
// `field`. Lines are "U+XXXX<TAB>kField<TAB>value".
template <typename Visit>
void ForEachUnihan(const std::string& path, std::string_view field, Visit visit) {
  std::ifstream file(path, std::ios::binary);
  if (!file) Fail("cannot open " + path);
  boost::iostreams::filtering_istream in;
  in.push(boost::iostreams::bzip2_decompressor());
  in.push(file);
  std::string line;
  size_t seen = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
    if (std::string_view(line).substr(tab1 + 1, tab2 - tab1 - 1) != field) continue;
    visit(ParseCodePoint(std::string_view(line).substr(0, tab1)), line.substr(tab2 + 1));
    ++seen;
  }
  if (seen == 0) Fail("no " + std::string(field) + " lines in " + path);
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string item; in >> item;) out.push_back(item);
  return out;
}

std::map<char32_t, std::vector<Reading>> LoadKHangul(const std::string& path) {
  std::map<char32_t, std::vector<Reading>> out;
  ForEachUnihan(path, "kHangul", [&](char32_t cp, const std::string& value) {
    for (const std::string& item : SplitSpaces(value)) {  // "락:0E"
      const size_t colon = item.find(':');
      const CodePoints syllable = DecodeUtf8(item.substr(0, colon));
      if (syllable.size() != 1 || syllable[0] < 0xAC00 || syllable[0] > 0xD7A3) {
        Fail("kHangul value is not one syllable: " + item);
      }
      Reading r;
      r.syllable = syllable[0];
      for (char flag : item.substr(colon == std::string::npos ? item.size() : colon + 1)) {
        r.ks_x_1001 |= flag == '0';
        r.ks_x_1002 |= flag == '1';
        r.education |= flag == 'E';
        r.personal_name |= flag == 'N';
      }
      out[cp].push_back(r);
    }
  });
  return out;
}

// Loads one variant field of Unihan_Variants.txt; values look like "U+67FB<kMatthews U+5024".
CharMap LoadVariants(const std::string& path, std::string_view field) {
  CharMap out;
  ForEachUnihan(path, field, [&](char32_t cp, const std::string& value) {
    for (const std::string& item : SplitSpaces(value)) {
      out[cp].push_back(ParseCodePoint(std::string_view(item).substr(0, item.find('<'))));
    }
  });
  return out;
}

// Canonical singleton decompositions of the CJK compatibility ideographs (U+F900-FAFF and
// U+2F800-2FA1F) from UnicodeData.txt. The twelve unified ideographs that sit in U+FA0E-FA29 have
// none and are left alone.
std::map<char32_t, char32_t> LoadCompatibilityIdeographs(const std::string& path) {
  std::ifstream in(path);
  if (!in) Fail("cannot open " + path);
  std::map<char32_t, char32_t> out;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::istringstream row(line);
    for (std::string f; std::getline(row, f, ';');) fields.push_back(f);
    if (fields.size() < 6 || fields[5].empty() || fields[5][0] == '<') continue;
    const auto cp = static_cast<char32_t>(std::stoul(fields[0], nullptr, 16));
    const bool compat = (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    if (!compat || fields[5].find(' ') != std::string::npos) continue;
    out[cp] = static_cast<char32_t>(std::stoul(fields[5], nullptr, 16));
  }
  if (out.empty()) Fail("no compatibility ideographs in " + path);
  return out;
}

struct Sources {
  CharMap t2s;                   // OpenCC TSCharacters
  CharMap s2t;                   // OpenCC STCharacters
  CharMap traditional_variants;  // Unihan kTraditionalVariant
  CharMap z_variants;            // Unihan kZVariant: one character, two glyphs, two code points
  CharMap semantic_variants;     // Unihan kSemanticVariant: interchangeable in meaning
  std::map<char32_t, std::vector<Reading>> khangul;
  std::map<char32_t, char32_t> compat;
};

const CodePoints& Lookup(const CharMap& map, char32_t cp) {
  static const CodePoints kNone;
  const auto it = map.find(cp);
  return it == map.end() ? kNone : it->second;
}

// The one kHangul reading of a character: the educational (E) reading if there is one (樂 lists
// 낙:0 락:0E 악:0N 요:0N and reads 락); else one marked for names (N), since an unmarked KS X 1001
// reading is usually the word-initial duplicate (亮 lists 량:0N 양:0); else KS X 1001 over
// KS X 1002; ties go to the first listed.
std::optional<char32_t> BestKHangul(const Sources& s, char32_t cp) {
  const auto it = s.khangul.find(cp);
  if (it == s.khangul.end()) return std::nullopt;
  const Reading* best = nullptr;
  int best_score = -1;
  for (const Reading& r : it->second) {
    const int score = (r.education ? 8 : 0) + (r.personal_name ? 4 : 0) + (r.ks_x_1001 ? 2 : 0) +
                      (r.ks_x_1002 ? 1 : 0);
    if (score > best_score) {
      best = &r;
      best_score = score;
    }
  }
  return best->syllable;
}

struct Resolved {
  char32_t syllable;
  const char* how;
  char32_t via;  // the character whose kHangul was taken
};

// A character's own reading: its kHangul, else that of the code point Korean encodes the same
// character at (a Z-variant: 値 for 值, 硏 for 研; or a kKoreanGlyphTwins entry).
std::optional<Resolved> Own(const Sources& s, char32_t cp) {
  if (auto r = BestKHangul(s, cp)) return Resolved{*r, "own", cp};
  for (char32_t z : Lookup(s.z_variants, cp)) {
    if (auto r = BestKHangul(s, z)) return Resolved{*r, "z-variant", z};
  }
  for (const auto& [chinese, korean] : kKoreanGlyphTwins) {
    if (chinese != cp) continue;
    if (auto r = BestKHangul(s, korean)) return Resolved{*r, "korean glyph", korean};
    Fail("kKoreanGlyphTwins target has no kHangul: " + Hex(korean));
  }
  return std::nullopt;
}

// Readings that treat the character as Chinese text does:
//  1. a simplified character reads as the traditional character OpenCC s2t writes for it (first
//     candidate): 体 -> 體 체, 台 -> 臺 대, 广 -> 廣 광, 叶 -> 葉 엽. Unihan gives several of these
//     their own, archaic Korean reading (体 분, 广 엄, 叶 협, 几 궤), wrong in Chinese text;
//  2. the character's own reading;
//  3. the other s2t candidates, then Unihan kTraditionalVariant, in order (发 -> 發 발, not 髮).
std::optional<Resolved> ResolveAsChinese(const Sources& s, char32_t cp) {
  const CodePoints& s2t = Lookup(s.s2t, cp);
  if (!s2t.empty() && s2t.front() != cp) {
    if (auto r = Own(s, s2t.front())) return Resolved{r->syllable, "s2t", r->via};
  }
  if (auto r = Own(s, cp)) return r;
  CodePoints variants = s2t;
  const CodePoints& traditional = Lookup(s.traditional_variants, cp);
  variants.insert(variants.end(), traditional.begin(), traditional.end());
  for (char32_t v : variants) {
    if (v == cp) continue;
    if (auto r = Own(s, v)) return Resolved{r->syllable, "traditional variant", r->via};
  }
  return std::nullopt;
}

// ResolveAsChinese, then the fallbacks, weakest last:
//  4. a traditional character without a reading reads as its t2s simplified form (為 -> 为 -> 爲);
//  5. a compatibility ideograph reads as its unified form, if it has no kHangul of its own;
//  6. a semantic variant's reading, of the character or of its s2t form (查 -> 査 사,
//     举 -> 舉 -> 擧 거);
//  7. kSupplementalReadings.
std::optional<Resolved> ResolveReading(const Sources& s, char32_t cp) {
  if (auto r = ResolveAsChinese(s, cp)) return r;
  const CodePoints& t2s = Lookup(s.t2s, cp);
  if (!t2s.empty() && t2s.front() != cp) {
    if (auto r = ResolveAsChinese(s, t2s.front())) return Resolved{r->syllable, "t2s", r->via};
  }
  if (const auto c = s.compat.find(cp); c != s.compat.end()) {
    if (auto r = ResolveAsChinese(s, c->second)) return Resolved{r->syllable, "compat", r->via};
  }
  CodePoints semantic = Lookup(s.semantic_variants, cp);
  if (const CodePoints& s2t = Lookup(s.s2t, cp); !s2t.empty()) {
    const CodePoints& more = Lookup(s.semantic_variants, s2t.front());
    semantic.insert(semantic.end(), more.begin(), more.end());
  }
  for (char32_t v : semantic) {
    if (auto r = Own(s, v)) return Resolved{r->syllable, "semantic variant", r->via};
  }
  for (const auto& [han, syllable] : kSupplementalReadings) {
    if (han == cp) return Resolved{syllable, "supplement", cp};
  }
  return std::nullopt;
}

// Compatibility decomposition, then t2s first choices until a fixed point.
char32_t ResolveFold(const Sources& s, char32_t cp) {
  char32_t c = cp;
  if (const auto it = s.compat.find(c); it != s.compat.end()) c = it->second;
  for (int step = 0; step < 8; ++step) {
    const auto it = s.t2s.find(c);
    if (it == s.t2s.end() || it->second.front() == c) return c;
    c = it->second.front();
  }
  Fail("t2s cycle at " + Hex(cp));
}

struct Tables {
  std::map<char32_t, char32_t> fold;
  std::map<char32_t, char32_t> reading;
  std::map<std::string, int> fold_stats;
  std::map<std::string, int> reading_stats;
};

Tables BuildTables(const Sources& s, bool list) {
  Tables t;
  std::set<char32_t> domain;  // every code point any source mentions
  for (const auto& [cp, v] : s.t2s) domain.insert(cp);
  for (const auto& [cp, v] : s.s2t) domain.insert(cp);
  for (const auto& [cp, v] : s.traditional_variants) domain.insert(cp);
  for (const auto& [cp, v] : s.z_variants) domain.insert(cp);
  for (const auto& [cp, v] : s.semantic_variants) domain.insert(cp);
  for (const auto& [cp, v] : s.khangul) domain.insert(cp);
  for (const auto& [cp, v] : s.compat) domain.insert(cp);
  for (const auto& [cp, v] : kSupplementalReadings) domain.insert(cp);
  for (const auto& [cp, v] : kKoreanGlyphTwins) domain.insert(cp);
  for (const char32_t cp : domain) {
    if (const char32_t f = ResolveFold(s, cp); f != cp) {
      t.fold[cp] = f;
      const auto it = s.t2s.find(s.compat.count(cp) ? s.compat.at(cp) : cp);
      ++t.fold_stats[s.compat.count(cp) ? "compatibility ideograph" : "t2s"];
      if (it != s.t2s.end() && it->second.size() > 1) ++t.fold_stats["t2s with alternatives"];
      if (it != s.t2s.end() && it->second.front() != f) ++t.fold_stats["t2s chain followed"];
      if (list) std::cout << "fold\t" << Utf8(cp) << "\t" << Utf8(f) << "\n";
    }
    if (const auto r = ResolveReading(s, cp)) {
      if (cp > kMaxPackedCodePoint) Fail("code point too large to pack: " + Hex(cp));
      t.reading[cp] = r->syllable;
      ++t.reading_stats[r->how];
      if (list) {
        std::cout << "reading\t" << Utf8(cp) << "\t" << Utf8(r->syllable) << "\t" << r->how << "\t"
                  << Utf8(r->via) << "\n";
      }
    }
  }
  return t;
}

std::string Stats(const std::map<std::string, int>& stats) {
  std::string out;
  for (const auto& [name, count] : stats) {
    out += (out.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  return out;
}

// Writes `items` as the body of a C++ array initialiser, `per_line` to a line.
void WriteRows(std::ostream& out, const std::vector<std::string>& items, size_t per_line) {
  for (size_t i = 0; i < items.size(); ++i) {
    out << (i % per_line == 0 ? "    " : " ") << items[i] << ",";
    if (i % per_line == per_line - 1 || i + 1 == items.size()) out << "\n";
  }
}

void WriteInc(const Tables& t, const std::string& path) {
  std::ofstream out(path);
  if (!out) Fail("cannot write " + path);
  out << "// Generated by server/analysis/tools/gen_han_tables.cc from OpenCC TSCharacters and\n"
      << "// STCharacters and Unihan kHangul and variants. Do not edit.\n"
      << "// fold: " << t.fold.size() << " entries (" << Stats(t.fold_stats) << ")\n"
      << "// reading: " << t.reading.size() << " entries (" << Stats(t.reading_stats) << ")\n\n";
  std::vector<std::string> items;
  for (const auto& [from, to] : t.fold) items.push_back("{" + Hex(from) + ", " + Hex(to) + "}");
  out << "constexpr FoldEntry kFoldTable[] = {\n";
  WriteRows(out, items, 6);
  out << "};\n\n";
  items.clear();
  for (const auto& [han, syllable] : t.reading) {
    const uint32_t packed = (static_cast<uint32_t>(han) << kReadingShift) | (syllable - 0xAC00);
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", packed);
    items.push_back(buf);
  }
  out << "constexpr int kReadingShift = " << kReadingShift << ";\n";
  out << "constexpr uint32_t kReadingTable[] = {\n";
  WriteRows(out, items, 8);
  out << "};\n";
  if (!out.flush()) Fail("write failed: " + path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) Fail("usage: gen_han_tables OPENCC_DATA_DIR UNICODE_DATA_DIR OUT_INC [--list]");
  const std::string opencc_dir = argv[1];
  const std::string unicode_dir = argv[2];
  const bool list = argc > 4 && std::string_view(argv[4]) == "--list";
  try {
    Sources s;
    size_t phrase_single = 0;
    LoadOpenccCharacters(opencc_dir + "/TSPhrases.ocd2", &phrase_single);
    LoadOpenccCharacters(opencc_dir + "/STPhrases.ocd2", &phrase_single);
    // A one-character phrase key would take precedence over TSCharacters in t2s; there are none.
    if (phrase_single != 0) Fail("OpenCC phrase dictionaries have one-character keys");
    size_t unused = 0;
    s.t2s = LoadOpenccCharacters(opencc_dir + "/TSCharacters.ocd2", &unused);
    s.s2t = LoadOpenccCharacters(opencc_dir + "/STCharacters.ocd2", &unused);
    s.khangul = LoadKHangul(unicode_dir + "/Unihan_Readings.txt.bz2");
    const std::string variants = unicode_dir + "/Unihan_Variants.txt.bz2";
    s.traditional_variants = LoadVariants(variants, "kTraditionalVariant");
    s.z_variants = LoadVariants(variants, "kZVariant");
    s.semantic_variants = LoadVariants(variants, "kSemanticVariant");
    s.compat = LoadCompatibilityIdeographs(unicode_dir + "/UnicodeData.txt");
    WriteInc(BuildTables(s, list), argv[3]);
  } catch (const std::exception& e) {
    Fail(e.what());
  }
  return 0;
}
