// Invoice fields: numbers and dates by label, amounts checked against each
// other (subtotal + tax = total), the vendor from the letterhead confirmed
// elsewhere on the page, the vendor's tax id validated.
#include <algorithm>
#include <cmath>
#include <regex>

#include "classify/fields/extractors.h"
#include "classify/fields/normalise_amount.h"
#include "classify/fields/validators.h"

namespace docket::fields {
namespace {

long long Cents(const std::string& v) {
  size_t p = v.find('.');
  try {
    return std::stoll(v.substr(0, p)) * 100 + (p == std::string::npos ? 0 : std::stoll(v.substr(p + 1)));
  } catch (const std::exception&) {
    return -1;
  }
}

std::string FromCents(long long c) {
  std::string frac = std::to_string(c % 100);
  return std::to_string(c / 100) + "." + (frac.size() < 2 ? "0" + frac : frac);
}

// Title words of an invoice's header, never a company.
bool IsTitle(const std::string& text) {
  std::string up;
  for (char c : text) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* t : {"INVOICE", "TAX INVOICE", "BILL", "RECEIPT", "ORIGINAL", "STATEMENT"}) {
    if (up.find(t) != std::string::npos) return true;
  }
  return false;
}

double MedianHeight(const Block& b) {
  std::vector<double> h;
  for (const Word& w : b.words) h.push_back(w.box.bottom - w.box.top);
  std::sort(h.begin(), h.end());
  return h.empty() ? 0 : h[h.size() / 2];
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<Parsed> ParseTaxId(const ValueText& v);

// The vendor's tax id: printed before the customer's block (the buyer's
// GSTIN is not a field).
std::optional<Found> VendorTaxId(const Document& doc) {
  size_t customer_line = doc.lines().size();
  for (const LabelHit& h : doc.Hits("customer_name")) customer_line = std::min(customer_line, h.line);
  for (const Found& f : doc.Candidates("vendor_tax_id", ParseTaxId, kSameLine)) {
    if (f.line < customer_line) return f;
  }
  return std::nullopt;
}

// The company in the letterhead: the tallest name-like block near the top
// of the first page (above the customer's block), preferring a name the
// page prints again ("For X", "payable to X") and the sender of a
// return-address line ("X · street · town").
std::optional<Found> Vendor(const Document& doc) {
  const auto& lines = doc.lines();
  double limit = 0.3;
  for (const LabelHit& h : doc.Hits("customer_name")) {
    if (lines[h.line].page == 1) limit = std::min(limit, lines[h.line].box.top);
  }
  std::string text = Lower(doc.text());
  auto repeated = [&](const std::string& name) {
    std::string n = Lower(name);
    size_t first = text.find(n);
    return first != std::string::npos && text.find(n, first + n.size()) != std::string::npos;
  };
  // The vendor's tax id sits in its address block: the first name above it
  // in the same column is the vendor's. When the tax id is printed but no
  // name is found above it, the page is too damaged to guess.
  if (auto tax = VendorTaxId(doc)) {
    const Box& tb = tax->box;
    std::optional<Found> top;
    for (size_t li = tax->line; li-- > 0 && li + 6 > tax->line;) {
      const Line& l = lines[li];
      if (l.page != tax->page) break;
      const Block* col = nullptr;
      for (const Block& b : l.blocks) {
        if (std::min(b.box.right, tb.right) - std::max(b.box.left, tb.left) > 0) col = &b;
      }
      if (!col) continue;
      std::string t = col->Text();
      size_t dot = t.find("\xC2\xB7");
      if (dot != std::string::npos) t = t.substr(0, dot);
      if (IsTitle(t)) break;
      auto parsed = ParseName(ValueText{t, col->words, l.page, 1});
      if (!parsed) continue;
      // The topmost name of the block: a street or town without digits
      // may stand between the name and the tax id.
      Found f;
      f.value = parsed->value;
      f.confidence = (repeated(parsed->value) ? 0.95 : 0.8) * OcrFactor(col->words);
      f.page = l.page;
      f.box = col->box;
      f.line = li;
      top = f;
    }
    return top;
  }
  std::optional<Found> best;
  double best_score = 0;
  for (size_t li = 0; li < lines.size(); ++li) {
    const Line& l = lines[li];
    if (l.page != 1 || l.box.top >= limit) continue;
    for (const Block& b : l.blocks) {
      std::string t = b.Text();
      double h = MedianHeight(b);
      std::string name;
      double factor = 1.0;
      size_t dot = t.find("\xC2\xB7");  // '·' of a return-address line
      if (dot != std::string::npos && dot > 3) {
        name = t.substr(0, dot);
        factor = 1.6;
      } else if (!IsTitle(t) && b.words.size() >= 2) {
        name = t;
      }
      auto parsed = ParseName(ValueText{name, b.words, 1, 1});
      if (!parsed) continue;
      bool again = repeated(parsed->value);
      double score = h * factor * (again ? 1.5 : 1.0);
      if (score <= best_score) continue;
      best_score = score;
      Found f;
      f.value = parsed->value;
      f.confidence = (again ? 0.95 : 0.7) * OcrFactor(b.words);
      f.page = 1;
      f.box = b.box;
      f.line = li;
      best = f;
    }
  }
  return best;
}

// The recipient: below or right of "Bill To"; else, on letters with a
// window envelope, the line below the sender's return-address line.
std::optional<Found> Customer(const Document& doc, const std::string& vendor) {
  auto f = doc.Best("customer_name", [](const ValueText& v) { return ParseName(v); }, kAnywhere);
  if (f) return f;
  if (!doc.Hits("customer_name").empty()) return std::nullopt;  // labelled, but unreadable
  if (vendor.empty() && doc.region() == "EU") {
    // A European invoice addresses its window envelope: under the sender
    // line, the first name at the left margin whose next line is a street.
    const auto& lines = doc.lines();
    for (size_t li = 1; li + 1 < lines.size() && lines[li].page == 1 && lines[li].box.top < 0.25; ++li) {
      const Block& b = lines[li].blocks.front();
      if (b.box.left > 0.2) continue;
      auto p = ParseName(ValueText{b.Text(), b.words, 1, 1});
      if (!p || IsTitle(p->value)) continue;
      const Block& next = lines[li + 1].blocks.front();
      std::string nt = next.Text();
      if (std::fabs(next.box.left - b.box.left) > 0.03 || nt.find_first_of("0123456789") == std::string::npos) continue;
      Found c;
      c.value = p->value;
      c.confidence = 0.75 * OcrFactor(b.words);
      c.page = 1;
      c.box = b.box;
      c.line = li;
      return c;
    }
  }
  if (vendor.empty()) return std::nullopt;
  const auto& lines = doc.lines();
  std::string lv = Lower(vendor);
  for (size_t li = 0; li + 1 < lines.size(); ++li) {
    const Line& l = lines[li];
    if (l.page != 1 || l.box.top > 0.4) continue;
    const Block& first = l.blocks.front();
    std::string t = Lower(first.Text());
    if (t.rfind(lv, 0) != 0 || t.size() < lv.size() + 8) continue;  // the vendor name followed by its address
    // The first block below it in the same column.
    for (size_t ni = li + 1; ni < lines.size() && ni <= li + 3; ++ni) {
      const Line& next = lines[ni];
      for (const Block& b : next.blocks) {
        if (std::fabs(b.box.left - first.box.left) > 0.03) continue;
        auto p = ParseName(ValueText{b.Text(), b.words, next.page, 1});
        if (!p) return std::nullopt;
        Found c;
        c.value = p->value;
        c.confidence = 0.8 * OcrFactor(b.words);
        c.page = next.page;
        c.box = b.box;
        c.line = ni;
        return c;
      }
    }
  }
  return std::nullopt;
}

// Repairs OCR confusions in a GSTIN at positions whose kind is fixed
// (2 digits, 5 letters, 4 digits, letter, alnum, 'Z', alnum); the check
// character decides.
std::string RepairGstin(std::string s) {
  if (s.size() != 15) return "";
  if (ValidGstin(s)) return s;
  auto digit = [](char c) {
    switch (c) {
      case 'O': case 'D': case 'Q': return '0';
      case 'I': case 'L': return '1';
      case 'Z': return '2';
      case 'S': return '5';
      case 'B': return '8';
      case 'G': return '6';
      default: return c;
    }
  };
  auto letter = [](char c) {
    switch (c) {
      case '0': return 'O';
      case '1': return 'I';
      case '2': return 'Z';
      case '5': return 'S';
      case '8': return 'B';
      case '6': return 'G';
      default: return c;
    }
  };
  for (int i : {0, 1, 7, 8, 9, 10}) s[i] = digit(s[i]);
  for (int i : {2, 3, 4, 5, 6, 11}) s[i] = letter(s[i]);
  s[13] = s[13] == '2' ? 'Z' : s[13];
  return ValidGstin(s) ? s : "";
}

std::optional<Parsed> ParseTaxId(const ValueText& v) {
  // As printed, spaces removed: "GB 123 4567 89" -> "GB123456789".
  std::string s;
  for (char c : v.text) {
    if (c == ' ') continue;
    s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  try {
    static const std::regex kGstin(R"(^([0-9A-Z]{15}))");
    static const std::regex kEin(R"(^(\d{2}-\d{7})(?!\d))");
    std::smatch m;
    if (std::regex_search(s, m, kGstin)) {
      std::string g = RepairGstin(m[1]);
      if (!g.empty()) return Parsed{g, 1.0};
    }
    if (std::regex_search(s, m, kEin)) return Parsed{m[1], 0.95};
    std::string t;  // EU and UK VAT ids: country letters and 8-12 characters, at least 7 of them digits
    for (char c : v.text) {
      if (c == ' ') continue;
      t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    static const std::regex kVatOnly(R"(^([A-Z]{2}[0-9A-Z]{8,12})(?:[^0-9A-Z]|$))");
    if (std::regex_search(t, m, kVatOnly)) {
      std::string vat = m[1];
      // After the country letters, an 'O' among digits is a zero misread.
      for (size_t i = 2; i < vat.size(); ++i) {
        bool digit_before = i == 2 || std::isdigit(static_cast<unsigned char>(vat[i - 1]));
        bool digit_after = i + 1 < vat.size() && std::isdigit(static_cast<unsigned char>(vat[i + 1]));
        if (vat[i] == 'O' && digit_before && digit_after) vat[i] = '0';
      }
      int digits = 0;
      for (char c : vat) digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
      if (digits >= 7) return Parsed{vat, 0.95};
    }
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace

FieldSet ExtractInvoice(const Document& doc) {
  FieldSet out;
  DateOrder order = doc.date_order();
  bool eu = doc.region() == "EU";
  auto date = [order](const ValueText& v) { return ParseDateValue(v, order); };
  auto amount = [eu](const ValueText& v) { return ParseAmountValue(v, eu); };

  Put(&out, "invoice_number", doc.Best("invoice_number", ParseReference, kSameLine | kBelow));
  Put(&out, "invoice_date", doc.Best("invoice_date", date, kSameLine));
  Put(&out, "due_date", doc.Best("due_date", date, kSameLine));
  Put(&out, "po_number", doc.Best("po_number", ParseReference, kSameLine));

  // Amounts: the total, the tax (or its CGST + SGST parts) and the subtotal
  // must agree where all are printed.
  auto total = doc.Best("total_amount", amount, kSameLine);
  auto tax = doc.Best("tax_amount", amount, kSameLine);
  auto sub = doc.Best("subtotal", amount, kSameLine);
  if (!tax) {
    auto parts = doc.Candidates("tax_amount.part", amount, kSameLine);
    if (parts.size() >= 2) {
      long long sum = 0;
      Found f = parts[0];
      std::vector<size_t> used;
      for (const Found& p : parts) {
        if (std::find(used.begin(), used.end(), p.line) != used.end()) continue;
        used.push_back(p.line);
        sum += Cents(p.value);
        f.confidence = std::min(f.confidence, p.confidence);
        f.box.left = std::min(f.box.left, p.box.left), f.box.top = std::min(f.box.top, p.box.top);
        f.box.right = std::max(f.box.right, p.box.right), f.box.bottom = std::max(f.box.bottom, p.box.bottom);
      }
      f.value = FromCents(sum);
      tax = f;
    }
  }
  if (total && tax && sub) {
    long long t = Cents(total->value), x = Cents(tax->value), s = Cents(sub->value);
    if (s + x == t) {
      total->confidence = std::max(total->confidence, 0.97);
      tax->confidence = std::max(tax->confidence, 0.97);
    } else if (s + x < t && std::to_string(t).size() > std::to_string(s + x).size() &&
               std::to_string(t).find(std::to_string(s + x)) != std::string::npos) {
      // A currency sign read as a digit ("₹61,904" -> "261,904"): the
      // arithmetic says which digits are the total.
      total->value = FromCents(s + x);
      total->confidence = 0.9;
      tax->confidence = std::max(tax->confidence, 0.9);
    } else {
      // Something was misread; which one is unknown.
      total->confidence *= 0.6;
      tax->confidence *= 0.6;
    }
  } else if (total && sub && !tax) {
    // No tax line: leave tax out (never infer it).
    if (Cents(sub->value) > Cents(total->value)) total->confidence *= 0.6;
  }
  Put(&out, "total_amount", total);
  Put(&out, "tax_amount", tax);

  std::string currency = doc.currency();
  if (!currency.empty()) {
    Found c;
    c.value = currency;
    c.confidence = 0.95;
    c.page = total ? total->page : 1;
    if (total) c.box = total->box;
    Put(&out, "currency", c);
  }

  auto vendor = Vendor(doc);
  Put(&out, "vendor_name", vendor);
  auto customer = Customer(doc, vendor ? vendor->value : "");
  if (customer && vendor && Lower(customer->value) == Lower(vendor->value)) customer.reset();
  Put(&out, "customer_name", customer);

  Put(&out, "vendor_tax_id", VendorTaxId(doc));
  return out;
}

}  // namespace docket::fields
