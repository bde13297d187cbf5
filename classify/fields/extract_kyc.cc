// Identity document fields: the machine-readable zone when there is one
// (every value proven by its check digit), else the printed labels; the
// document's kind from its title; numbers validated by their own rules
// (PAN format, Aadhaar Verhoeff, licence and voter-id formats).
#include <regex>

#include "classify/fields/extractors.h"
#include "classify/fields/mrz.h"
#include "classify/fields/validators.h"

namespace docket::fields {
namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string NoSpaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

// The kind of document from its printed title, most specific first.
std::optional<Found> TitleType(const Document& doc) {
  for (const char* type : {"voter_id", "pan", "aadhaar", "driving_licence", "passport", "national_id"}) {
    std::string key = std::string("id_type.") + type;
    for (const Label& l : LabelsFor(key)) {
      Label anywhere = l;
      anywhere.inside_line = true;
      auto hits = FindLabel(doc.lines(), anywhere);
      if (hits.empty()) continue;
      const Line& line = doc.lines()[hits[0].line];
      Found f;
      f.value = type;
      f.confidence = (std::string(type) == "national_id" ? 0.6 : 0.9) * l.weight;
      f.page = line.page;
      f.box = line.box;
      f.line = hits[0].line;
      return f;
    }
  }
  return std::nullopt;
}

// A pattern anywhere in the document's lines (spaces inside allowed when
// `join` is set), validated by `valid`.
std::optional<Found> Pattern(const Document& doc, const std::regex& re, bool (*valid)(std::string_view),
                             bool join = false) {
  const auto& lines = doc.lines();
  for (size_t li = 0; li < lines.size(); ++li) {
    for (const Block& b : lines[li].blocks) {
      std::string text = b.Text();
      if (join) text = NoSpaces(text);
      try {
        for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
          std::string v = (*it)[1];
          if (valid && !valid(v)) continue;
          Found f;
          f.value = v;
          f.confidence = 0.9 * OcrFactor(b.words);
          f.page = lines[li].page;
          f.box = b.box;
          f.line = li;
          return f;
        }
      } catch (const std::exception&) {
      }
    }
  }
  return std::nullopt;
}

// A PAN read with letter/digit confusions at positions whose kind is fixed.
bool RepairablePan(std::string_view s) { return ValidPan(s); }

std::optional<Parsed> UpperName(const ValueText& v) {
  auto p = ParseName(v);
  if (!p) return p;
  size_t words = 1;
  for (char c : p->value) words += c == ' ' ? 1 : 0;
  if (words > 5) return std::nullopt;
  return p;
}

Found FromMrz(const std::string& value, double conf, const Document& doc, const Mrz& m) {
  Found f;
  f.value = value;
  f.confidence = conf;
  // The zone's lines: the box of the matching layout lines is not known
  // from text lines alone; point at the bottom of the page holding it.
  const auto& lines = doc.lines();
  for (size_t li = 0; li < lines.size(); ++li) {
    std::string t = NoSpaces(lines[li].Text());
    if (t.find("<<") != std::string::npos && t.size() >= 28) {
      f.page = lines[li].page;
      f.box = lines[li].box;
      f.line = li;
      break;
    }
  }
  (void)m;
  return f;
}

}  // namespace

FieldSet ExtractKyc(const Document& doc) {
  FieldSet out;
  DateOrder order = doc.date_order() == DateOrder::kUnknown ? DateOrder::kDayFirst : doc.date_order();
  auto date = [order](const ValueText& v) { return ParseDateValue(v, order); };

  std::optional<Mrz> mrz = FindMrz(doc.text_lines());
  auto title = TitleType(doc);
  std::string type = title ? title->value : "";
  if (mrz && mrz->composite_ok) {
    type = mrz->document_code == 'P' ? "passport" : "national_id";
  }

  if (mrz) {
    // Each value counts only when its own check digit holds; the composite
    // check raises the confidence of all of them.
    // A field's own check digit is one digit: a misread value passes it
    // one time in ten. Without the composite check, a value counts only
    // when the printed zone says the same.
    auto printed_same = [&](const std::string& key, const std::string& value, const Parser& parse) {
      for (const Found& f : doc.Candidates(key, parse, kSameLine | kBelow)) {
        if (f.value == value) return true;
      }
      return false;
    };
    auto conf = [&](const std::string& key, const std::string& value, const Parser& parse) {
      return mrz->composite_ok ? 0.99 : printed_same(key, value, parse) ? 0.9 : 0.45;
    };
    std::string idt = mrz->document_code == 'P' ? "passport" : "national_id";
    if (mrz->composite_ok) Put(&out, "id_type", FromMrz(idt, 0.99, doc, *mrz));
    if (mrz->number_ok && !mrz->number.empty()) {
      Put(&out, "id_number", FromMrz(mrz->number, conf("id_number", mrz->number, ParseReference), doc, *mrz));
    }
    if (mrz->birth_ok && !mrz->birth_date.empty()) {
      Put(&out, "date_of_birth", FromMrz(mrz->birth_date, conf("date_of_birth", mrz->birth_date, date), doc, *mrz));
    }
    if (mrz->expiry_ok && !mrz->expiry_date.empty()) {
      Put(&out, "expiry_date", FromMrz(mrz->expiry_date, conf("expiry_date", mrz->expiry_date, date), doc, *mrz));
    }
    bool letters = mrz->nationality.size() == 3;
    for (char c : mrz->nationality) letters = letters && c >= 'A' && c <= 'Z';
    // Without the composite check, the nationality counts when it repeats
    // the issuing state read on the other line.
    if (letters && (mrz->composite_ok || mrz->nationality == mrz->issuing_state)) {
      Put(&out, "nationality", FromMrz(mrz->nationality, mrz->composite_ok ? 0.97 : 0.85, doc, *mrz));
    }
    // The printed name, when it agrees with the zone (which may cut it short).
    auto sur = doc.Best("surname", UpperName, kSameLine | kBelow);
    auto giv = doc.Best("given_names", UpperName, kSameLine | kBelow);
    std::string mrz_name = Squeeze(mrz->given_names + " " + mrz->surname);
    if (sur && giv) {
      std::string printed = Upper(giv->value + " " + sur->value);
      std::string a = NoSpaces(printed), b = NoSpaces(mrz_name);
      if (!b.empty() && a.rfind(b.substr(0, std::min(a.size(), b.size())), 0) == 0) {
        Found f = *giv;
        f.value = Squeeze(printed);
        f.confidence = 0.97;
        Put(&out, "full_name", f);
      }
    }
    if (!out.count("full_name") && !mrz->surname.empty() && !mrz->given_names.empty()) {
      Put(&out, "full_name", FromMrz(mrz_name, mrz->composite_ok ? 0.85 : 0.6, doc, *mrz));
    }
  }
  if (!out.count("id_type") && title) Put(&out, "id_type", title);

  // Documents without a zone.
  if (!out.count("id_number")) {
    try {
      if (type == "pan") {
        static const std::regex kPan(R"(([A-Z]{5}[0-9]{4}[A-Z]))");
        auto f = Pattern(doc, kPan, RepairablePan);
        if (f) f->confidence = std::max(f->confidence, 0.95);
        Put(&out, "id_number", f);
      } else if (type == "aadhaar") {
        static const std::regex kFull(R"((?:^|[^0-9])([2-9][0-9]{11})(?![0-9]))");
        static const std::regex kMasked(R"(((?:XXXX|xxxx){2}[0-9]{4}))");
        auto f = Pattern(doc, kFull, ValidAadhaar, true);
        if (f) {
          f->confidence = 0.97;
        } else {
          f = Pattern(doc, kMasked, nullptr, true);
          if (f) f->value = Upper(f->value), f->confidence = 0.85;
        }
        Put(&out, "id_number", f);
      } else if (type == "voter_id") {
        static const std::regex kEpic(R"((?:^|[^A-Z0-9])([A-Z]{3}[0-9]{7})(?![0-9A-Z]))");
        auto f = Pattern(doc, kEpic, nullptr);
        if (f) f->confidence = 0.9;
        Put(&out, "id_number", f);
      } else if (type == "driving_licence") {
        // UK: 16 characters (surname, birth, initials, check); India: state
        // code, RTO, year of issue, serial.
        static const std::regex kUk(R"((?:^|[^A-Z0-9])([A-Z9]{5}[0-9]{6}[A-Z9]{2}[0-9][A-Z]{2})(?![0-9A-Z]))");
        // The RTO code's digits are often read as letters ("GJO5").
        static const std::regex kIn(R"((?:^|[^A-Z0-9])([A-Z]{2}[0-9OIS]{2} ?(?:19|20)[0-9]{9})(?![0-9]))");
        auto f = Pattern(doc, kUk, nullptr);
        if (!f) {
          f = Pattern(doc, kIn, nullptr);
          if (f) {
            f->value = NoSpaces(f->value);
            for (size_t i = 2; i < 4; ++i) {
              char& c = f->value[i];
              c = c == 'O' ? '0' : c == 'I' ? '1' : c == 'S' ? '5' : c;
            }
          }
        }
        if (f) f->confidence = 0.9;
        Put(&out, "id_number", f);
      } else if (!type.empty()) {
        auto f = doc.Best("id_number", ParseReference, kSameLine | kBelow);
        // The zone's check digit rejected every reading of the number: the
        // printed one, read by the same OCR, is no surer.
        if (f && mrz) f->confidence = std::min(f->confidence, 0.45);
        Put(&out, "id_number", f);
      }
    } catch (const std::exception&) {
    }
  }

  if (!out.count("date_of_birth")) {
    auto dob = doc.Best("date_of_birth", date, kSameLine | kBelow);
    if (!dob && type == "driving_licence") dob = doc.Best("licence.birth", date, kSameBlock);
    Put(&out, "date_of_birth", dob);
  }
  if (!out.count("expiry_date")) {
    auto exp = doc.Best("expiry_date", date, kSameLine | kBelow);
    if (!exp && type == "driving_licence") exp = doc.Best("licence.expiry", date, kSameBlock);
    Put(&out, "expiry_date", exp);
  }
  if (!out.count("full_name")) {
    std::optional<Found> name;
    auto sur = doc.Best("surname", UpperName, kSameLine | kBelow);
    auto giv = doc.Best("given_names", UpperName, kSameLine | kBelow);
    if (!sur && type == "driving_licence") sur = doc.Best("licence.surname", UpperName, kSameBlock);
    if (!giv && type == "driving_licence") giv = doc.Best("licence.given_names", UpperName, kSameBlock);
    if (sur && giv) {
      name = *giv;
      name->value = Squeeze(giv->value + " " + sur->value);
      name->confidence = std::min(sur->confidence, giv->confidence);
    }
    if (!name) name = doc.Best("full_name", UpperName, kSameLine | kBelow);
    if (!name && type == "aadhaar") {
      // An Aadhaar card prints the name without a label, just above the
      // date of birth.
      for (const LabelHit& h : doc.Hits("date_of_birth")) {
        if (h.line == 0) continue;
        const Line& above = doc.lines()[h.line - 1];
        const Block& lb = doc.lines()[h.line].blocks[h.block];
        for (const Block& b : above.blocks) {
          if (b.box.right < lb.box.left || b.box.left > lb.box.right) continue;
          if (auto p = UpperName(ValueText{b.Text(), b.words, above.page, 1})) {
            Found f;
            f.value = p->value;
            f.confidence = 0.85 * OcrFactor(b.words);
            f.page = above.page;
            f.box = b.box;
            name = f;
          }
          break;
        }
        if (name) break;
      }
    }
    Put(&out, "full_name", name);
  }
  if (!out.count("nationality")) {
    // Printed as "Belgian / BEL": only an alpha-3 code counts.
    auto nat = doc.Best("nationality", [](const ValueText& v) -> std::optional<Parsed> {
      static const std::regex kCode(R"((?:^|[ /])([A-Z]{3})$)");
      std::smatch m;
      std::string t = v.text;
      if (std::regex_search(t, m, kCode)) return Parsed{m[1], 0.9};
      return std::nullopt;
    }, kSameLine);
    Put(&out, "nationality", nat);
  }
  return out;
}

}  // namespace docket::fields
