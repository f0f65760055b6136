#include "server/analysis/korean_word.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <unordered_set>
#include <vector>

namespace briefsearch::analysis {
namespace {

constexpr wchar_t kFirstSyllable = 0xAC00;
constexpr wchar_t kLastSyllable = 0xD7A3;
constexpr int kRieul = 8;      // index of final ㄹ among the 28 final-consonant slots (0 = none)
constexpr int kMaxLayers = 3;  // 기업 + 들 + 에게 + 는
constexpr size_t kMaxProtectedLength = 5;  // syllables of the longest entry in the word lists

bool IsSyllable(wchar_t c) { return c >= kFirstSyllable && c <= kLastSyllable; }
int FinalConsonant(wchar_t c) { return (c - kFirstSyllable) % 28; }

// What the syllable before a suffix must look like: Korean particles come in pairs chosen by
// whether the noun ends in a consonant (기업이, 기업은) or a vowel (정부가, 정부는). Checking it is
// what keeps 상하이 and 화웨이 whole (이 after a vowel cannot be the subject particle).
enum class After : uint8_t {
  kAny,
  kConsonant,
  kVowel,
  kVowelOrRieul,  // 로, 로서, 로써: after a vowel or final ㄹ (기술로)
  // 인 (the copula's adnominal form) only in -적인 (전략적인), so that 중국인 and 확인 stay whole.
  kJeok,
};

// Where a suffix may stand in a word, read from the end: noun + 들 + inner particles + one outer
// particle, copula form or verb ending (기업 들 에게 는, 반도체 와 의, 중국 에서 도).
enum class Kind : uint8_t {
  kOuter,   // 은 는 이 가 을 를 의 도: only the last suffix of a word
  kInner,   // 에 에서 으로 와 과 까지 만 ...: last, or before an outer particle
  kPlural,  // 들: right after the noun
  kCopula,  // 이다 이며 이라는 ...: last; may follow 들 or an inner particle
  kVerb,    // 하다 되다 시키다 받다 forms: last, nothing before them is stripped
  kNominal,  // 하기 함 되기 됨 ...: verb forms that act as nouns and take particles (추진하기로)
};

struct Suffix {
  std::wstring_view text;
  Kind kind;
  After after;
  int8_t min_stem;  // syllables that must remain before the suffix
};

// Particles. Unambiguous two-syllable particles may leave a one-syllable stem (년까지, 것으로).
constexpr Suffix kParticles[] = {
    {L"은", Kind::kOuter, After::kConsonant, 2},
    {L"는", Kind::kOuter, After::kVowel, 2},
    {L"이", Kind::kOuter, After::kConsonant, 2},
    {L"가", Kind::kOuter, After::kVowel, 2},
    {L"을", Kind::kOuter, After::kConsonant, 2},
    {L"를", Kind::kOuter, After::kVowel, 2},
    {L"의", Kind::kOuter, After::kAny, 2},
    {L"도", Kind::kOuter, After::kAny, 2},
    {L"이나", Kind::kOuter, After::kConsonant, 2},
    {L"과", Kind::kInner, After::kConsonant, 2},
    {L"와", Kind::kInner, After::kVowel, 2},
    {L"로", Kind::kInner, After::kVowelOrRieul, 2},
    {L"으로", Kind::kInner, After::kConsonant, 1},
    {L"로서", Kind::kInner, After::kVowelOrRieul, 2},
    {L"으로서", Kind::kInner, After::kConsonant, 1},
    {L"로써", Kind::kInner, After::kVowelOrRieul, 2},
    {L"으로써", Kind::kInner, After::kConsonant, 1},
    {L"에", Kind::kInner, After::kAny, 1},
    {L"만", Kind::kInner, After::kAny, 2},
    {L"뿐", Kind::kInner, After::kAny, 2},
    {L"대로", Kind::kInner, After::kAny, 2},
    {L"에서", Kind::kInner, After::kAny, 1},
    {L"에게", Kind::kInner, After::kAny, 1},
    {L"에게서", Kind::kInner, After::kAny, 1},
    {L"까지", Kind::kInner, After::kAny, 1},
    {L"부터", Kind::kInner, After::kAny, 1},
    {L"처럼", Kind::kInner, After::kAny, 1},
    {L"보다", Kind::kInner, After::kAny, 1},
    {L"마다", Kind::kInner, After::kAny, 1},
    {L"조차", Kind::kInner, After::kAny, 1},
    {L"마저", Kind::kInner, After::kAny, 1},
    {L"밖에", Kind::kInner, After::kAny, 1},
    {L"들", Kind::kPlural, After::kAny, 2},
};

// The copula 이다 in its common forms. After a vowel its 이 drops (목표다, 목표라는); 것이다 and
// 중이라고 keep a one-syllable noun.
constexpr Suffix kCopula[] = {
    {L"이다", Kind::kCopula, After::kConsonant, 1},
    {L"이다", Kind::kCopula, After::kVowel, 2},
    {L"입니다", Kind::kCopula, After::kAny, 1},
    {L"이라는", Kind::kCopula, After::kConsonant, 1},
    {L"이라고", Kind::kCopula, After::kConsonant, 1},
    {L"이라며", Kind::kCopula, After::kConsonant, 1},
    {L"이었다", Kind::kCopula, After::kConsonant, 1},
    {L"이며", Kind::kCopula, After::kConsonant, 2},
    {L"이고", Kind::kCopula, After::kConsonant, 2},
    {L"이란", Kind::kCopula, After::kConsonant, 2},
    {L"이라면", Kind::kCopula, After::kConsonant, 2},
    {L"이라", Kind::kCopula, After::kConsonant, 1},
    {L"이었고", Kind::kCopula, After::kConsonant, 2},
    {L"이었으며", Kind::kCopula, After::kConsonant, 2},
    {L"이었던", Kind::kCopula, After::kConsonant, 2},
    {L"이지만", Kind::kCopula, After::kConsonant, 2},
    {L"이자", Kind::kCopula, After::kConsonant, 2},
    {L"이라도", Kind::kCopula, After::kConsonant, 2},
    {L"인", Kind::kCopula, After::kJeok, 2},
    {L"다", Kind::kCopula, After::kVowel, 2},
    {L"라는", Kind::kCopula, After::kVowel, 2},
    {L"라고", Kind::kCopula, After::kVowel, 2},
    {L"라며", Kind::kCopula, After::kVowel, 2},
    {L"란", Kind::kCopula, After::kVowel, 2},
};

// Endings of nominal verbs: noun + 하다 / 되다 / 시키다 / 받다 (추진하는, 추진됐다, 출범시키며,
// 지원받은). One-syllable stems stay whole (위해, 대한, 통해 are function words).
constexpr std::wstring_view kVerbEndings =
    // 하다
    L"하다 한다 했다 하였다 하고 하며 하는 한 할 해 하여 해서 하면 하면서 하지 하지만 하자 합니다 "
    L"했습니다 하겠다 하겠다고 하겠다는 했으며 하였으며 했고 하였고 했지만 했던 하였던 하던 "
    L"하도록 하려 하려는 하려고 해야 하여야 하는데 했는데 했으나 하였으나 하거나 하게 했을 할지 "
    L"해온 해왔다 해왔으며 했다고 한다고 했다며 한다며 한다는 했다는 하다는 하라고 하라는 하라며 "
    L"해도 하더라도 하므로 할수록 하자는 하면서도 해서는 하되 "
    // 하다 adjective + 지다 (become): 명확해지면서, 불안정해질
    L"해지다 해진다 해졌다 해지고 해지며 해지는 해진 해질 해져 해지면 해지면서 해졌으며 해졌고 "
    L"해지자 "
    // 되다
    L"되다 된다 됐다 되었다 되고 되며 되는 된 될 돼 되어 되면 되면서 되지 되지만 됩니다 됐습니다 "
    L"되겠다 됐으며 되었으며 됐고 되었고 됐지만 됐던 되었던 되던 되도록 돼야 되어야 되는데 됐는데 "
    L"됐으나 되었으나 되거나 되게 됐을 될지 돼온 돼왔다 됐다고 된다고 됐다며 된다며 된다는 됐다는 "
    L"되었다는 되었다고 되자 돼서 되어서 "
    // 시키다
    L"시키다 시킨다 시켰다 시키고 시키며 시키는 시킨 시킬 시켜 시켜야 시키겠다 시켰으며 "
    // 받다
    L"받는 받은 받아 받고 받았다 받을 받으며 받게 받아야 받았으며 받았고 받던 받도록 받지 "
    L"받으면서 ";

// Verb forms that work as nouns and so may carry particles of their own (대체하기까지는).
constexpr std::wstring_view kNominalForms = L"하기 함 되기 됨 시키기 시킴 받기 받음 ";

// Nouns whose last syllables read like a particle or ending. A suffix is not stripped when the cut
// would fall inside one of these at the end of the word (연구결과 keeps 과, 인프라는 loses only
// 는). Two-syllable nouns on their own are already safe through min_stem; entries are for
// compounds, and a two-syllable entry only when its first syllable rarely ends another noun (a 부가
// entry would keep 정부가 whole).
constexpr std::wstring_view kProtectedNouns =
    // ...과 ...의 ...이 ...을 ...가
    L"연구성과 회의 협의 논의 어린이 고양이 넓이 높이 깊이 길이 먹이 놀이 벌이 같이 많이 없이 "
    L"굳이 일일이 마을 움직이 줄이 붙이 쌓이 놓이 섞이 끓이 저가 휴가 고부가 국제유가 "
    // ...로
    L"교차로 원자로 용광로 스스로 메트로 프로 매크로 마이크로 하이드로 레트로 인트로 아폴로 "
    L"일대일로 넷제로 탄소제로 "
    // ...도
    L"궤도 철도 척도 년도 습도 온도 밀도 빈도 초전도 저고도 고강도 고순도 한반도 일본열도 "
    L"경제보도 신뢰도 만족도 인지도 의존도 기여도 완성도 성숙도 난이도 투명도 해상도 정확도 "
    L"민감도 선호도 지명도 집중도 활용도 중요도 충성도 자유도 자급도 숙련도 고난도 농도 고감도 "
    L"언론보도 정밀지도 전자지도 경기도 강원도 충청도 전라도 경상도 "
    // ...대 before 로 (확대로 is 확대 + 로, not 확 + 대로)
    L"확대 세대 시대 최대 기대 역대 일대 연대 지대 반대 우대 교대 부대 무대 거대 중대 현대 고대 "
    L"근대 공대 의대 과기대 칭화대 베이징대 "
    // ...에 ...만 ...다 ...라
    L"푸리에 십만 백만 천만 불만 캐나다 바다 어젠다 아젠다 플로리다 네바다 라이다 레이다 마쓰다 "
    L"인프라 나라 카메라 오페라 콜레라 사하라 모자라 "
    // ...한 ...할 ...해 ...함 (these read like 하다 endings)
    L"권한 최소한 최대한 무한 북한 남한 역할 이해 손해 올해 지난해 새해 첫해 매해 서해 남해 황해 "
    L"북해 지중해 중국해 카스피해 북극해 발트해 보하이해 카리브해 침해 저해 포함 항공모함 군함 "
    L"구축함 잠수함 상륙함 호위함 전해질 계약해지 "
    // verbs compounded with 들이다 and 받다 (주고받는 is not 주고 + 받는)
    L"받아들 끌어들 주고받 내려받 돌려받 물려받 넘겨받 건네받 이어받 "
    // ...주의 (-ism; 위주의, 우주의 are 위주 + 의)
    L"사회주의 보호주의 민주주의 자본주의 다자주의 일방주의 패권주의 실용주의 자유주의 국가주의 "
    L"공산주의 제국주의 민족주의 고립주의 상호주의 현실주의 권위주의 중상주의 우선주의 ";

// Like kProtectedNouns, but only at the end of a compound, after at least two more syllables:
// 고속도로 and 집적회로 are protected, 주도로 (주도 + 로) and 기회로 (기회 + 로) are not.
constexpr std::wstring_view kProtectedTails =
    L"결과 도로 회로 속도 주도 연도 제도 제한 피해 방해 재해 공해 심해 분해 연해 토의 한도 반도 "
    L"열도 기한 상한 하한 시한 분할 관할 ";

// Stems that legitimately end right before a protected noun's last syllable: 위원회의 is
// 위원회 + 의 although 회의 is protected, 디지털경제도 is 디지털경제 + 도 although 제도 is.
constexpr std::wstring_view kUnprotectingStems =
    L"위원회 협회 사회 기회 대회 학회 국회 의회 총회 이사회 박람회 전시회 설명회 간담회 토론회 "
    L"발표회 연합회 교류회 좌담회 경제 문제 규제 과제 체제 의제 통제 해제 억제 견제 강제 공제 "
    L"세제 ";

// Whole words that are never stripped: function words and adverbs that would otherwise lose a
// particle-like ending.
constexpr std::wstring_view kKeptWords =
    L"이러한 그러한 하지만 그대로 이대로 수많은 그럼에도 아울러 제대로 ";

// One-syllable particles that arrive alone when the tokenizer splits "AI를" into AI and 를.
// 만 is not among them: alone it is nearly always the number unit (5,000만).
bool IsBareParticle(wchar_t c) {
  static constexpr std::wstring_view kBare = L"을를은는이가의에와과로도";
  return kBare.find(c) != std::wstring_view::npos;
}

using WordSet = std::unordered_set<std::wstring_view>;

// Splits a space-separated list. The views point into the literal, which lives forever.
std::vector<std::wstring_view> SplitList(std::wstring_view list) {
  std::vector<std::wstring_view> out;
  for (size_t start = 0; start < list.size();) {
    const size_t end = std::min(list.find(L' ', start), list.size());
    if (end > start) out.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

struct Tables {
  std::vector<Suffix> suffixes;  // every suffix, longest first
  WordSet protected_nouns;
  WordSet protected_tails;
  WordSet unprotecting_stems;
  WordSet kept_words;
};

const Tables& GetTables() {
  static const Tables* tables = [] {
    auto* t = new Tables;
    t->suffixes.assign(std::begin(kParticles), std::end(kParticles));
    t->suffixes.insert(t->suffixes.end(), std::begin(kCopula), std::end(kCopula));
    for (std::wstring_view e : SplitList(kVerbEndings)) {
      t->suffixes.push_back({e, Kind::kVerb, After::kAny, 2});
    }
    for (std::wstring_view e : SplitList(kNominalForms)) {
      t->suffixes.push_back({e, Kind::kNominal, After::kAny, 2});
    }
    std::stable_sort(t->suffixes.begin(), t->suffixes.end(), [](const Suffix& a, const Suffix& b) {
      return a.text.size() > b.text.size();
    });
    auto to_set = [](std::wstring_view list) {
      const std::vector<std::wstring_view> words = SplitList(list);
      return WordSet(words.begin(), words.end());
    };
    t->protected_nouns = to_set(kProtectedNouns);
    t->protected_tails = to_set(kProtectedTails);
    t->unprotecting_stems = to_set(kUnprotectingStems);
    t->kept_words = to_set(kKeptWords);
    return t;
  }();
  return *tables;
}

bool EndsWithAny(std::wstring_view text, const WordSet& set) {
  for (size_t n = 1; n <= std::min(text.size(), kMaxProtectedLength); ++n) {
    if (set.contains(text.substr(text.size() - n))) return true;
  }
  return false;
}

// True when `prefix` ends with a protected noun longer than `inside` (so that the noun starts
// before the cut and `inside` of its syllables would be stripped).
bool EndsWithProtected(std::wstring_view prefix, size_t inside) {
  const Tables& t = GetTables();
  for (size_t n = inside + 1; n <= std::min(prefix.size(), kMaxProtectedLength); ++n) {
    const std::wstring_view tail = prefix.substr(prefix.size() - n);
    if (t.protected_nouns.contains(tail)) return true;
    if (prefix.size() >= n + 2 && t.protected_tails.contains(tail)) return true;
  }
  return false;
}

// True when cutting `word` at `cut` would split a protected noun.
bool CutsProtectedNoun(std::wstring_view word, size_t cut) {
  for (size_t k = 1; k <= word.size() - cut; ++k) {
    if (EndsWithProtected(word.substr(0, cut + k), k)) {
      return !EndsWithAny(word.substr(0, cut), GetTables().unprotecting_stems);
    }
  }
  return false;
}

bool AttachesAfter(wchar_t last, After after) {
  const int final = FinalConsonant(last);
  switch (after) {
    case After::kAny:
      return true;
    case After::kConsonant:
      return final != 0;
    case After::kVowel:
      return final == 0;
    case After::kVowelOrRieul:
      return final == 0 || final == kRieul;
    case After::kJeok:
      return last == L'적';
  }
  return false;
}

// Native verb forms that a particle rule would otherwise cut: 있습니다 is not 있습니 + 다, and
// 있지만 is not 있지 + 만.
bool LooksLikeVerbEnding(std::wstring_view stem, const Suffix& suffix) {
  const wchar_t last = stem.back();
  if (suffix.text == L"다") return last == L'니';
  if (suffix.text == L"만" && last == L'지' && stem.size() >= 2) {
    return FinalConsonant(stem[stem.size() - 2]) != 0;
  }
  return false;
}

bool CanStrip(std::wstring_view word, const Suffix& suffix) {
  if (!word.ends_with(suffix.text)) return false;
  const size_t cut = word.size() - suffix.text.size();
  if (cut < static_cast<size_t>(suffix.min_stem)) return false;
  const std::wstring_view stem = word.substr(0, cut);
  if (!AttachesAfter(stem.back(), suffix.after)) return false;
  if (LooksLikeVerbEnding(stem, suffix)) return false;
  return !CutsProtectedNoun(word, cut);
}

// Which kinds may be stripped after (to the left of) a suffix of kind `outer` was.
bool MayPrecede(Kind inner, Kind outer) {
  switch (outer) {
    case Kind::kOuter:
    case Kind::kCopula:
    case Kind::kInner:
      return inner == Kind::kInner || inner == Kind::kPlural || inner == Kind::kNominal;
    case Kind::kPlural:
    case Kind::kVerb:
    case Kind::kNominal:
      return false;
  }
  return false;
}

// The longest suffix of `word` that may be stripped after a suffix of kind `outer` (none for the
// first layer), or nullptr.
const Suffix* LongestSuffix(std::wstring_view word, std::optional<Kind> outer) {
  for (const Suffix& suffix : GetTables().suffixes) {
    if (outer && !MayPrecede(suffix.kind, *outer)) continue;
    if (CanStrip(word, suffix)) return &suffix;
  }
  return nullptr;
}

}  // namespace

std::wstring StemKoreanWord(std::wstring_view word) {
  for (wchar_t c : word) {
    if (!IsSyllable(c)) return std::wstring(word);
  }
  if (word.size() == 1) return IsBareParticle(word[0]) ? std::wstring() : std::wstring(word);
  if (GetTables().kept_words.contains(word)) return std::wstring(word);
  std::wstring_view stem = word;
  std::optional<Kind> outer;
  for (int layer = 0; layer < kMaxLayers; ++layer) {
    const Suffix* suffix = LongestSuffix(stem, outer);
    if (suffix == nullptr) break;
    stem.remove_suffix(suffix->text.size());
    outer = suffix->kind;
  }
  return std::wstring(stem);
}

}  // namespace briefsearch::analysis
