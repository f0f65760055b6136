#include "tests/indexer/parse/office_samples.h"

#include <glib-object.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-output.h>
#include <zip.h>
#include <zlib.h>

#include <cstdio>

namespace briefsearch::parse::testing {
namespace {

void PutLe(std::string* out, uint32_t v, int width) {
  for (int i = 0; i < width; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::string Escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::u16string ToU16(std::string_view utf8) {
  std::u16string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += static_cast<size_t>(len);
    if (c >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(c);
    }
  }
  return out;
}

// [MS-OLEPS] property set with one section holding PIDSI_TITLE as VT_LPWSTR.
std::string SummaryInformation(std::u16string_view title) {
  std::string value;
  PutLe(&value, 0x1F, 4);
  PutLe(&value, static_cast<uint32_t>(title.size() + 1), 4);
  value += Utf16Le(title);
  value += std::string(2, '\0');
  while (value.size() % 4 != 0) value.push_back('\0');
  std::string out;
  PutLe(&out, 0xFFFE, 2);
  PutLe(&out, 0, 2);
  PutLe(&out, 0x00020006, 4);
  out += std::string(16, '\0');  // CLSID
  PutLe(&out, 1, 4);
  out += std::string(16, '\x11');  // FMTID; the reader does not look at it
  PutLe(&out, 48, 4);
  PutLe(&out, static_cast<uint32_t>(16 + value.size()), 4);  // section size
  PutLe(&out, 1, 4);                                         // one property
  PutLe(&out, 2, 4);                                         // PIDSI_TITLE
  PutLe(&out, 16, 4);                                        // its offset in the section
  return out + value;
}

std::string FileHeader(uint32_t version, uint32_t flags) {
  std::string header = "HWP Document File";
  header.resize(32, '\0');
  PutLe(&header, version, 4);
  PutLe(&header, flags, 4);
  header.resize(256, '\0');
  return header;
}

void WriteStream(GsfOutfile* dir, const char* name, const std::string& data) {
  GsfOutput* child = gsf_outfile_new_child(dir, name, FALSE);
  gsf_output_write(child, data.size(), reinterpret_cast<const guint8*>(data.data()));
  gsf_output_close(child);
  g_object_unref(child);
}

constexpr std::string_view kWordNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\"";

constexpr std::string_view kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

constexpr std::string_view kPackageRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

std::string CoreProperties(std::string_view title) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         Escape(title) + "</dc:title><dc:creator>briefsearch</dc:creator></cp:coreProperties>";
}

// Localised Word names Heading 1's style id "1"; only styles.xml says what it is.
constexpr std::string_view kStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles "
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/>"
    "</w:style><w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/>"
    "</w:style><w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/>"
    "</w:style><w:style w:type=\"paragraph\" w:styleId=\"a3\"><w:name w:val=\"Title\"/>"
    "</w:style></w:styles>";

std::string Docx(std::string_view body_xml, std::string_view title) {
  return MakeZip({{"[Content_Types].xml", std::string(kContentTypes)},
                  {"_rels/.rels", std::string(kPackageRels)},
                  {"word/document.xml", DocxDocument(body_xml)},
                  {"word/styles.xml", std::string(kStyles)},
                  {"docProps/core.xml", CoreProperties(title)}});
}

constexpr std::string_view kHwpxNamespaces =
    "xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\" "
    "xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\"";

std::string ContentHpf(std::string_view title, const std::vector<std::string>& sections) {
  std::string manifest =
      "<opf:item id=\"header\" href=\"Contents/header.xml\" "
      "media-type=\"application/xml\"/>";
  std::string spine = "<opf:itemref idref=\"header\" linear=\"yes\"/>";
  for (const std::string& id : sections) {
    manifest += "<opf:item id=\"" + id + "\" href=\"Contents/" + id +
                ".xml\" media-type=\"application/xml\"/>";
    spine += "<opf:itemref idref=\"" + id + "\" linear=\"yes\"/>";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><opf:package "
         "xmlns:opf=\"http://www.idpf.org/2007/opf/\"><opf:metadata><opf:title>" +
         Escape(title) +
         "</opf:title><opf:language>ko</opf:language></opf:metadata>"
         "<opf:manifest>" +
         manifest + "</opf:manifest><opf:spine>" + spine + "</opf:spine></opf:package>";
}

std::string Hwpx(std::string_view title,
                 const std::vector<std::pair<std::string, std::string>>& sections_by_id) {
  std::vector<std::string> ids;
  std::vector<ZipEntry> entries = {{"mimetype", "application/hwp+zip", true},
                                   {"version.xml",
                                    "<?xml version=\"1.0\"?><hv:HCFVersion "
                                    "xmlns:hv=\"urn:x\" major=\"5\"/>"}};
  for (const auto& [id, xml] : sections_by_id) {
    ids.push_back(id);
    entries.push_back({"Contents/" + id + ".xml", xml});
  }
  entries.push_back(
      {"Contents/header.xml", "<?xml version=\"1.0\"?><hh:head xmlns:hh=\"urn:h\"/>"});
  entries.push_back({"Contents/content.hpf", ContentHpf(title, ids)});
  return MakeZip(entries);
}

}  // namespace

std::string MakeZip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* zip = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const ZipEntry& e : entries) {
    zip_source_t* data = zip_source_buffer(zip, e.data.data(), e.data.size(), 0);
    const zip_int64_t index = zip_file_add(zip, e.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index),
                             e.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    if (!e.password.empty()) {
      zip_file_set_encryption(zip, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256,
                              e.password.c_str());
    }
  }
  zip_close(zip);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<size_t>(size), '\0');
  zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

std::string Utf16Le(std::u16string_view text) {
  std::string out;
  for (const char16_t c : text) PutLe(&out, c, 2);
  return out;
}

std::u16string WideControl(char16_t code, uint32_t ctrl_id) {
  std::u16string out(8, u'\0');
  out[0] = out[7] = code;
  out[1] = static_cast<char16_t>(ctrl_id & 0xFFFF);
  out[2] = static_cast<char16_t>(ctrl_id >> 16);
  return out;
}

std::string RawDeflate(std::string_view data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

void HwpSection::Record(uint16_t tag, uint16_t level, std::string_view data) {
  const auto size = static_cast<uint32_t>(data.size());
  PutLe(&bytes_, tag | (uint32_t{level} << 10) | (std::min<uint32_t>(size, 0xFFF) << 20), 4);
  if (size >= 0xFFF) PutLe(&bytes_, size, 4);
  bytes_ += data;
}

void HwpSection::Paragraph(std::u16string_view text, uint16_t level, bool first_on_page) {
  std::u16string units(text);
  units += u'\r';  // 13: paragraph end
  std::string header;
  PutLe(&header, static_cast<uint32_t>(units.size()), 4);  // nchars
  PutLe(&header, 0, 4);                                    // control mask
  PutLe(&header, 0, 2);                                    // para shape id
  PutLe(&header, 0, 1);                                    // style id
  PutLe(&header, 0, 1);                                    // break type
  PutLe(&header, 1, 2);                                    // char shapes
  PutLe(&header, 0, 2);                                    // range tags
  PutLe(&header, 1, 2);                                    // line segs
  PutLe(&header, 0, 4);                                    // instance id
  PutLe(&header, 0, 2);                                    // track-change merge
  Record(0x10 + 50, level, header);
  Record(0x10 + 51, level + 1, Utf16Le(units));
  Record(0x10 + 52, level + 1, std::string(8, '\0'));
  std::string line_seg(32, '\0');
  PutLe(&line_seg, first_on_page ? 0x60001 : 0x60000, 4);
  Record(0x10 + 53, level + 1, line_seg);
}

void HwpSection::CtrlHeader(uint32_t ctrl_id, uint16_t level) {
  std::string data;
  PutLe(&data, ctrl_id, 4);
  data += std::string(40, '\0');
  Record(0x10 + 55, level, data);
}

void HwpSection::ListHeader(uint16_t level) {
  std::string data;
  PutLe(&data, 1, 2);  // paragraphs
  PutLe(&data, 0, 4);
  Record(0x10 + 56, level, data);
}

std::string MakeHwp(const HwpFile& file) {
  GsfOutput* memory = gsf_output_memory_new();
  GsfOutfile* ole = gsf_outfile_msole_new(memory);
  if (file.file_header) WriteStream(ole, "FileHeader", FileHeader(file.version, file.flags));
  if (!file.title.empty()) {
    WriteStream(ole, "\005HwpSummaryInformation", SummaryInformation(file.title));
  }
  if (file.body_text) {
    GsfOutfile* body = GSF_OUTFILE(gsf_outfile_new_child(ole, "BodyText", TRUE));
    for (size_t i = 0; i < file.sections.size(); ++i) {
      const std::string name = "Section" + std::to_string(i);
      WriteStream(
          body, name.c_str(),
          (file.flags & 1) && !file.raw_sections ? RawDeflate(file.sections[i]) : file.sections[i]);
    }
    gsf_output_close(GSF_OUTPUT(body));
    g_object_unref(body);
  }
  gsf_output_close(GSF_OUTPUT(ole));
  g_object_unref(ole);
  const guint8* bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(memory));
  std::string out(reinterpret_cast<const char*>(bytes),
                  static_cast<size_t>(gsf_output_size(memory)));
  g_object_unref(memory);  // closed with the OLE file, which closes its sink
  return out;
}

const PressRelease& KiepRelease() {
  static const PressRelease* release = new PressRelease{
      "보도자료",
      {{"배포일시", "2021년 5월 4일(화) 10:00"},
       {"보도시기", "배포 즉시"},
       {"담 당 자", "대외경제정책연구원 중국팀 박서연 연구위원 ☎ 044-000-0000"},
       {"배포부서", "대외경제정책연구원 홍보팀 ☎ 044-000-0001"}},
      "한·중 디지털 무역 협력의 새로운 과제",
      {"- 전자상거래 통관 간소화와 데이터 이동 규범이 핵심 의제로 떠올라",
       "대외경제정책연구원(KIEP)은 5월 4일 세종에서 한·중 디지털 무역 협력을 주제로 정책 "
       "세미나를 열었다. 참석자들은 국경 간 전자상거래가 빠르게 늘고 있지만 통관 절차와 반품 "
       "물류가 여전히 기업의 부담으로 남아 있다고 지적했다.",
       "발표자들은 양국이 전자 원산지 증명서 교환을 넓히고 소규모 수출 기업을 위한 공동 물류 "
       "거점을 마련해야 한다고 제안했다. 개인정보 보호 기준이 다른 상황에서 데이터 이동 규범을 "
       "어떻게 맞출지도 중요한 과제로 꼽혔다.",
       "/끝/"}};
  return *release;
}

std::string DocxDocument(std::string_view body_xml) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " +
         std::string(kWordNamespaces) + "><w:body>" + std::string(body_xml) +
         "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
}

std::string DocxParagraph(std::string_view text, std::string_view style) {
  std::string p = "<w:p>";
  if (!style.empty()) p += "<w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>";
  return p + "<w:r><w:t xml:space=\"preserve\">" + Escape(text) + "</w:t></w:r></w:p>";
}

std::string KiepDocx(bool header_in_table) {
  const PressRelease& r = KiepRelease();
  std::string body = DocxParagraph(r.kind);
  if (header_in_table) {
    body += "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>";
    for (const auto& [label, value] : r.header) {
      body += "<w:tr><w:tc>" + DocxParagraph(label) + "</w:tc><w:tc>" + DocxParagraph(value) +
              "</w:tc></w:tr>";
    }
    body += "</w:tbl>";
  } else {
    for (const auto& [label, value] : r.header) body += DocxParagraph(label + " " + value);
  }
  body += DocxParagraph(r.headline);
  for (const std::string& p : r.body) body += DocxParagraph(p);
  return Docx(body, r.headline);
}

std::string KiepHwp() {
  const PressRelease& r = KiepRelease();
  HwpSection section;
  section.Paragraph(WideControl(2, CtrlId('s', 'e', 'c', 'd')) + ToU16(r.kind), 0, true);
  section.CtrlHeader(CtrlId('s', 'e', 'c', 'd'), 1);
  for (const auto& [label, value] : r.header) section.Paragraph(ToU16(label + " " + value));
  section.Paragraph(ToU16(r.headline));
  for (const std::string& p : r.body) section.Paragraph(ToU16(p));
  return MakeHwp({.sections = {section.bytes()}, .title = ToU16(r.headline)});
}

std::string HwpxParagraph(std::string_view text) {
  return "<hp:p paraPrIDRef=\"0\" styleIDRef=\"0\"><hp:run charPrIDRef=\"0\"><hp:t>" +
         Escape(text) + "</hp:t></hp:run></hp:p>";
}

std::string HwpxSection(std::string_view paragraphs_xml) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><hs:sec " +
         std::string(kHwpxNamespaces) + ">" + std::string(paragraphs_xml) + "</hs:sec>";
}

std::string KiepHwpx() {
  const PressRelease& r = KiepRelease();
  std::string paragraphs = HwpxParagraph(r.kind);
  for (const auto& [label, value] : r.header) paragraphs += HwpxParagraph(label + " " + value);
  paragraphs += HwpxParagraph(r.headline);
  for (const std::string& p : r.body) paragraphs += HwpxParagraph(p);
  return Hwpx(r.headline, {{"section0", HwpxSection(paragraphs)}});
}

namespace {

std::string FeatureDocxBody() {
  return DocxParagraph("주간 동향 모음", "a3") + DocxParagraph("첫째 주제", "1") +
         "<w:p><w:r><w:t>탭</w:t><w:tab/><w:t>다음</w:t><w:br/><w:t>둘째 줄</w:t></w:r></w:p>"
         "<w:p><w:del w:id=\"1\"><w:r><w:delText>지운 글</w:delText></w:r></w:del>"
         "<w:r><w:t>남은 글</w:t></w:r></w:p>" +
         DocxParagraph("세부", "2") +
         "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>가</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>나"
         "</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>다</w:t></w:r></w:p></w:tc>"
         "<w:tc><w:p><w:r><w:t>라</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
         "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>"
         "<w:txbxContent><w:p><w:r><w:t>상자 글</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
         "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>"
         "상자 글</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"
         "</mc:AlternateContent></w:r><w:r><w:t>본문</w:t></w:r></w:p>"
         "<w:p><w:r><w:t>쪽 끝</w:t><w:br w:type=\"page\"/></w:r></w:p>"
         "<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:lastRenderedPageBreak/><w:t>둘째 주제"
         "</w:t></w:r></w:p>" +
         DocxParagraph("둘째 본문 & 끝.");
}

}  // namespace

std::string FeatureDocx() { return Docx(FeatureDocxBody(), "주간 동향 테스트"); }

std::string FeatureDocxDocument() { return DocxDocument(FeatureDocxBody()); }

std::string FeatureHwpxSection0() {
  return HwpxSection(
      "<hp:p pageBreak=\"0\"><hp:run><hp:secPr/><hp:ctrl><hp:header><hp:subList><hp:p><hp:run>"
      "<hp:t>머리말 반복</hp:t></hp:run></hp:p></hp:subList></hp:header></hp:ctrl><hp:t>첫 문단"
      "<hp:tab width=\"4000\" type=\"LEFT\"/>탭 뒤<hp:lineBreak/>둘째 줄</hp:t></hp:run>"
      "<hp:linesegarray><hp:lineseg textpos=\"0\" flags=\"393217\"/></hp:linesegarray></hp:p>"
      "<hp:p><hp:run><hp:t>표 앞 글</hp:t><hp:tbl><hp:tr><hp:tc><hp:subList><hp:p><hp:run><hp:t>"
      "칸 하나</hp:t></hp:run><hp:linesegarray><hp:lineseg flags=\"1\"/></hp:linesegarray></hp:p>"
      "</hp:subList></hp:tc><hp:tc><hp:subList>" +
      HwpxParagraph("칸 둘") +
      "</hp:subList></hp:tc></hp:tr></hp:tbl></hp:run></hp:p>"
      "<hp:p pageBreak=\"1\"><hp:run><hp:t>새 쪽<hp:nbSpace/>문단</hp:t></hp:run></hp:p>");
}

std::string FeatureHwpx() {
  const std::string section0 = FeatureHwpxSection0();
  const std::string section1 = HwpxSection(
      "<hp:p><hp:run><hp:t>둘째 구역 문단</hp:t></hp:run><hp:linesegarray><hp:lineseg "
      "flags=\"393217\"/></hp:linesegarray></hp:p>");
  return Hwpx("주간 동향 HWPX", {{"section0", section0}, {"section1", section1}});
}

std::string FeatureHwp(bool compressed) {
  HwpSection s;
  // 머리[머리말 control]글 [tab]탭 뒤[line break]둘째 줄, after the section definition control.
  s.Paragraph(WideControl(2, CtrlId('s', 'e', 'c', 'd')) + u"머리" +
                  WideControl(16, CtrlId('h', 'e', 'a', 'd')) + u"글 " + WideControl(9) +
                  u"탭 뒤\n둘째 줄",
              0, true);
  s.CtrlHeader(CtrlId('s', 'e', 'c', 'd'), 1);
  s.CtrlHeader(CtrlId('h', 'e', 'a', 'd'), 1);
  s.ListHeader(2);
  s.Paragraph(u"머리말 반복", 2);
  s.Paragraph(u"표 앞" + WideControl(11, CtrlId('t', 'b', 'l', ' ')));
  s.CtrlHeader(CtrlId('t', 'b', 'l', ' '), 1);
  s.Record(0x10 + 61, 2, std::string(18, '\0'));  // HWPTAG_TABLE
  s.ListHeader(2);
  s.Paragraph(u"칸 하나", 2, true);  // a cell's first line: not a page of the document
  s.ListHeader(2);
  s.Paragraph(u"칸 둘", 2);
  s.Paragraph(u"\U00020BB7은 보조 평면 글자");
  s.Paragraph(u"새 쪽 문단", 0, true);
  s.Paragraph(u"가\u001E나\u0018다");  // 30: fixed-width blank, 24: hyphen
  HwpSection s1;
  s1.Paragraph(u"둘째 구역", 0, true);
  return MakeHwp({.flags = compressed ? 1u : 0u,
                  .sections = {s.bytes(), s1.bytes()},
                  .title = u"주간 동향 HWP"});
}

}  // namespace briefsearch::parse::testing
