#include "indexer/parse/charset_convert.h"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace briefsearch::parse::internal {
namespace {

constexpr std::string_view kKoreanLabels[] = {
    "euc-kr",   "euckr",  "cp949",      "windows-949",   "x-windows-949",
    "ms949",    "uhc",    "ksc5601",    "ks_c_5601",     "ks_c_5601-1987",
    "ksc_5601", "korean", "iso-ir-149", "csksc56011987", "cseuckr"};
constexpr char kIcuCp949[] = "windows-949-2000";
constexpr size_t kUtf16Sample = 64 * 1024;

std::string Hex(unsigned value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%0*X", digits, value);
  return buf;
}

uint16_t CodeUnit(std::string_view bytes, size_t i, ByteOrder order) {
  const auto lo =
      static_cast<unsigned char>(bytes[i + (order == ByteOrder::kLittleEndian ? 0 : 1)]);
  const auto hi =
      static_cast<unsigned char>(bytes[i + (order == ByteOrder::kLittleEndian ? 1 : 0)]);
  return static_cast<uint16_t>(hi << 8 | lo);
}

void AppendUtf8(char32_t c, std::string* out) {
  uint8_t buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, c, error);
  if (!error) out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

}  // namespace

absl::StatusOr<std::string> Utf16ToUtf8(std::string_view bytes, ByteOrder order, size_t base) {
  if (bytes.size() % 2 != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid UTF-16: odd byte count (", base + bytes.size(), ")"));
  }
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  for (size_t i = 0; i < bytes.size(); i += 2) {
    const uint16_t unit = CodeUnit(bytes, i, order);
    char32_t c = unit;
    if (U16_IS_SURROGATE(unit)) {
      const uint16_t next = i + 3 < bytes.size() ? CodeUnit(bytes, i + 2, order) : 0;
      if (!U16_IS_SURROGATE_LEAD(unit) || !U16_IS_TRAIL(next)) {
        return absl::InvalidArgumentError(absl::StrCat("invalid UTF-16: unpaired surrogate ",
                                                       Hex(unit, 4), " at offset ", base + i));
      }
      c = U16_GET_SUPPLEMENTARY(unit, next);
      i += 2;
    }
    AppendUtf8(c, &out);
  }
  return out;
}

std::optional<ByteOrder> SniffUtf16(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kUtf16Sample & ~size_t{1});
  size_t even_nul = 0, odd_nul = 0;
  for (size_t i = 0; i + 1 < sample.size(); i += 2) {
    even_nul += sample[i] == '\0';
    odd_nul += sample[i + 1] == '\0';
  }
  const size_t units = sample.size() / 2;
  // One ASCII character in twenty, and the other byte position almost free of NULs.
  if (units >= 4 && odd_nul * 20 >= units && even_nul * 10 <= odd_nul) {
    return ByteOrder::kLittleEndian;
  }
  if (units >= 4 && even_nul * 20 >= units && odd_nul * 10 <= even_nul) {
    return ByteOrder::kBigEndian;
  }
  return std::nullopt;
}

std::string IcuCharsetName(std::string_view label) {
  for (std::string_view korean : kKoreanLabels) {
    if (label == korean) return kIcuCp949;
  }
  return std::string(label);
}

absl::StatusOr<std::string> LegacyToUtf8(std::string_view bytes, std::string_view icu_name) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(std::string(icu_name).c_str(), &err));
  if (U_FAILURE(err) || conv == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown charset \"", std::string(icu_name), "\""));
  }
  err = U_ZERO_ERROR;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  UChar buffer[8192];
  const char* source = bytes.data();
  const char* const limit = bytes.data() + bytes.size();
  UChar pending_lead = 0;
  do {
    UChar* target = buffer;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buffer + std::size(buffer), &source, limit, nullptr,
                   /*flush=*/true, &err);
    if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR) {
      char bad[8];
      int8_t bad_len = sizeof(bad);
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(conv.get(), bad, &bad_len, &ignored);
      const size_t at = static_cast<size_t>(source - bytes.data()) - static_cast<size_t>(bad_len);
      return absl::InvalidArgumentError(
          absl::StrCat("byte ", Hex(static_cast<unsigned char>(bytes[at]), 2), " at offset ", at,
                       " is not valid ", ucnv_getName(conv.get(), &ignored)));
    }
    for (const UChar* p = buffer; p < target; ++p) {
      if (U16_IS_LEAD(*p)) {
        pending_lead = *p;  // its trail may come in the next chunk
      } else if (U16_IS_TRAIL(*p) && pending_lead != 0) {
        AppendUtf8(U16_GET_SUPPLEMENTARY(pending_lead, *p), &out);
        pending_lead = 0;
      } else {
        AppendUtf8(*p, &out);
      }
    }
  } while (err == U_BUFFER_OVERFLOW_ERROR);
  return out;
}

bool LooksLikeCp949Korean(std::string_view bytes) {
  size_t pairs = 0, common = 0, extension = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) continue;
    if (i + 1 >= bytes.size()) return false;
    const auto trail = static_cast<unsigned char>(bytes[++i]);
    ++pairs;
    if (lead >= 0xB0 && lead <= 0xC8 && trail >= 0xA1 && trail <= 0xFE) {
      ++common;  // KS X 1001 Hangul
    } else if ((lead >= 0x81 && lead <= 0xA0) || (lead >= 0xA1 && lead <= 0xC6 && trail < 0xA1)) {
      ++extension;  // Microsoft's extension: the other 8,822 syllables
    }
  }
  const size_t hangul = common + extension;
  return hangul >= 2 && hangul * 2 > pairs && common * 10 >= hangul * 9;
}

}  // namespace briefsearch::parse::internal
