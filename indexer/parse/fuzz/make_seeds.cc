// Writes the fuzz corpus seeds: the sample files the unit tests use (tests/indexer/parse/
// sample_docs.h, office_samples.h) and the hostile files they check, one file each, into DIR.
// Usage: parse_fuzz_seeds DIR
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "tests/indexer/parse/office_samples.h"
#include "tests/indexer/parse/pdf_fixture.h"
#include "tests/indexer/parse/sample_docs.h"

namespace {

namespace t = briefsearch::parse::testing;
using Seeds = std::vector<std::pair<std::string, std::string>>;

Seeds PdfSeeds() {
  const std::string kostec = t::KostecLikePdf();
  const std::string catalog = "<< /Type /Catalog /Pages 2 0 R >>";
  const std::string page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";
  return {
      {"kostec.pdf", kostec},
      {"kostec_cut.pdf", kostec.substr(0, kostec.size() / 2) + "\n%%EOF\n"},
      {"two_page.pdf", t::TwoPagePdf()},
      {"two_column.pdf", t::TwoColumnPdf()},
      {"many_pages.pdf",
       t::HandMadePdf({catalog, "<< /Type /Pages /Count 100000 /Kids [3 0 R] >>", page}, "",
                      200000)},
      {"encrypted.pdf", t::HandMadePdf({catalog, "<< /Type /Pages /Count 1 /Kids [3 0 R] >>", page,
                                        "<< /Filter /Standard /V 1 /R 2 /P -44 /O <00> /U <00> >>"},
                                       "/Encrypt 4 0 R /ID [<00> <00>]")},
  };
}

Seeds OtherSeeds() {
  std::string deep = "<html><body>";
  for (int i = 0; i < 300; ++i) deep += "<div>";
  return {
      {"kic.html", t::KicLikeHtml()},
      {"deep.html", deep + "바닥"},
      {"plain.txt", t::PlainIssueUtf8()},
      {"plain_cp949.txt", t::PlainIssueCp949()},
      {"plain_utf16.txt", t::PlainIssueUtf16Le()},
      {"feature.hwp", t::FeatureHwp()},
      {"feature_uncompressed.hwp", t::FeatureHwp(false)},  // records open to mutation
      {"kiep_press.hwp", t::KiepHwp()},
      {"feature.docx", t::FeatureDocx()},
      {"kiep_press_table.docx", t::KiepDocx(true)},
      {"feature.hwpx", t::FeatureHwpx()},
      {"kiep_press.hwpx", t::KiepHwpx()},
      {"feature_document.xml", t::FeatureDocxDocument()},  // fuzz_zip_document packs XML
      {"feature_section0.xml", t::FeatureHwpxSection0()},
  };
}

// Word boxes in fuzz_pdf_layout's encoding: two lines of two words and a page number.
std::string LayoutSeed() {
  std::string words;
  const struct {
    char x, y;
    const char* text;
  } kWords[] = {
      {24, 28, "중국"}, {32, 28, "과학"}, {24, 32, "정책"}, {32, 32, "동향"}, {116, 116, "3"}};
  for (const auto& w : kWords) {
    words += {w.x, w.y, 40, 92, 1};
    words += w.text;
    words.push_back('\0');
  }
  return words;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: parse_fuzz_seeds DIR\n";
    return 2;
  }
  if (!t::HaveKoreanFont()) {
    std::cerr << "parse_fuzz_seeds: " << t::kKoreanFont << " is missing (fonts-nanum)\n";
    return 1;
  }
  Seeds seeds = PdfSeeds();
  for (auto& seed : OtherSeeds()) seeds.push_back(std::move(seed));
  seeds.emplace_back("layout.bin", LayoutSeed());
  const std::filesystem::path dir(argv[1]);
  std::filesystem::create_directories(dir);
  for (const auto& [name, bytes] : seeds) {
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::cerr << "parse_fuzz_seeds: cannot write " << (dir / name) << "\n";
      return 1;
    }
  }
  std::cout << "parse_fuzz_seeds: wrote " << seeds.size() << " seeds to " << dir << "\n";
  return 0;
}
