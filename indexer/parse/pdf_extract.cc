#include "indexer/parse/pdf_extract.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <exception>
#include <memory>
#include <mutex>
#include <new>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "indexer/parse/pdf_furniture.h"
#include "indexer/parse/pdf_layout.h"
#include "indexer/parse/pdf_reading_order.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse {
namespace {

using internal::PdfPageLines;
using internal::PdfWord;

constexpr size_t kHeaderWindow = 1024;
constexpr size_t kEofWindow = 1024;  // Acrobat's own rule for where %%EOF must be

std::mutex& PopplerMutex() {
  static std::mutex* mu = new std::mutex;
  return *mu;
}

// poppler reports every oddity of a damaged file on stderr; the status we return says enough.
void Quiet(const std::string&, void*) {}

absl::Status CheckBytes(std::string_view bytes, const ExtractLimits& limits) {
  if (bytes.size() > limits.max_input_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "PDF has ", bytes.size(), " bytes, over the limit of ", limits.max_input_bytes));
  }
  if (bytes.size() > INT_MAX) return absl::ResourceExhaustedError("PDF over 2 GiB");
  if (bytes.substr(0, kHeaderWindow).find("%PDF-") == std::string_view::npos) {
    return absl::InvalidArgumentError("not a PDF (no %PDF- header)");
  }
  if (bytes.substr(bytes.size() - std::min(bytes.size(), kEofWindow)).find("%%EOF") ==
      std::string_view::npos) {
    return absl::InvalidArgumentError("truncated PDF (no %%EOF in its last 1 KiB)");
  }
  return absl::OkStatus();
}

std::string Utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Control characters some producers map glyphs to would read as binary data downstream.
void BlankControls(std::string* text) {
  for (char& ch : *text) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) ch = ' ';
  }
}

PdfPageLines ReadPage(const poppler::page& page, size_t* text_bytes) {
  PdfPageLines out;
  const poppler::rectf rect = page.page_rect(poppler::crop_box);
  const auto orientation = page.orientation();
  const bool turned =
      orientation == poppler::page::landscape || orientation == poppler::page::seascape;
  out.height = turned ? rect.width() : rect.height();
  std::vector<PdfWord> words;
  for (const poppler::text_box& box : page.text_list()) {
    PdfWord w;
    w.text = Utf8(box.text());
    BlankControls(&w.text);
    const poppler::rectf b = box.bbox();
    w.x0 = b.left(), w.y0 = b.top(), w.x1 = b.right(), w.y1 = b.bottom();
    w.space_after = box.has_space_after();
    *text_bytes += w.text.size() + 1;
    words.push_back(std::move(w));
  }
  out.lines = internal::GroupLines(words);
  internal::SortReadingOrder(&out.lines);
  return out;
}

absl::StatusOr<std::vector<PdfPageLines>> ReadPages(const poppler::document& doc,
                                                    const ExtractLimits& limits) {
  const int count = doc.pages();
  if (count <= 0) return absl::InvalidArgumentError("PDF has no pages");
  if (count > limits.max_pages) {
    return absl::ResourceExhaustedError(
        absl::StrCat("PDF has ", count, " pages, over the limit of ", limits.max_pages));
  }
  std::vector<PdfPageLines> pages;
  size_t text_bytes = 0;
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<poppler::page> page(doc.create_page(i));
    pages.push_back(page ? ReadPage(*page, &text_bytes) : PdfPageLines{});
    if (text_bytes > limits.max_output_bytes) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "PDF text exceeds the limit of ", limits.max_output_bytes, " bytes by page ", i + 1));
    }
  }
  return pages;
}

absl::StatusOr<ExtractedText> Extract(std::string_view bytes, const ExtractLimits& limits) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(Quiet, nullptr); });
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (doc == nullptr) return absl::InvalidArgumentError("damaged PDF: poppler cannot open it");
  if (doc->is_locked()) {
    return absl::FailedPreconditionError("encrypted PDF (a password is needed to read it)");
  }
  absl::StatusOr<std::vector<PdfPageLines>> pages = ReadPages(*doc, limits);
  if (!pages.ok()) return pages.status();
  internal::RemovePageFurniture(&*pages);
  ExtractedText out;
  out.format = "pdf";
  out.text = internal::JoinPages(*pages, &out.page_starts);
  if (internal::IsBlank(out.text)) {
    return absl::InvalidArgumentError("PDF has no extractable text (scanned pages?)");
  }
  std::string title = Utf8(doc->info_key("Title"));
  if (!IsValidUtf8(title)) title = RepairUtf8(title);
  out.title = internal::CollapseSpaces(NfcUtf8(title));
  return out;
}

}  // namespace

absl::StatusOr<ExtractedText> ExtractPdf(std::string_view bytes, const ExtractLimits& limits) {
  if (absl::Status s = CheckBytes(bytes, limits); !s.ok()) return s;
  try {
    std::lock_guard<std::mutex> lock(PopplerMutex());
    return Extract(bytes, limits);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory reading the PDF");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("PDF reader failed: ", e.what()));
  } catch (...) {
    return absl::InternalError("PDF reader failed");
  }
}

}  // namespace briefsearch::parse
