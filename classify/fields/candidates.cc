#include "classify/fields/candidates.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <tuple>

#include "classify/fields/normalise_amount.h"

namespace docket::fields {
namespace {

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + needle.size())) ++n;
  return n;
}

size_t CountRegex(const std::string& text, const std::regex& re) {
  return static_cast<size_t>(std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

}  // namespace

std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Field ToField(const Found& f) {
  Field out;
  out.value = f.value;
  out.confidence = std::clamp(f.confidence, 0.0, 1.0);
  out.page = f.page;
  if (f.box.right > f.box.left) out.box = f.box;
  return out;
}

double OcrFactor(const std::vector<Word>& words) {
  if (words.empty()) return 0.8;
  double sum = 0;
  for (const Word& w : words) sum += w.confidence;
  return 0.6 + 0.4 * std::clamp(sum / words.size() / 100.0, 0.0, 1.0);
}

Document::Document(const std::vector<Page>& pages) {
  lines_ = BuildLines(pages);
  for (const Page& p : pages) {
    size_t start = 0;
    while (start <= p.text.size()) {
      size_t nl = p.text.find('\n', start);
      text_lines_.push_back(p.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    text_ += p.text;
    text_ += '\n';
  }
  // Which labels start where: a short label ("Date") loses to a longer one
  // printed at the same place ("Date of Birth").
  for (const auto& [key, labels] : Labels()) {
    if (key.rfind("licence.", 0) == 0) continue;  // bare numbers: only looked for on licences
    for (const Label& l : labels) {
      for (const LabelHit& h : FindLabel(lines_, l)) {
        size_t& n = longest_[{h.line, h.block, h.first_word}];
        n = std::max(n, l.tokens.size());
      }
    }
  }
  // The region decides the order of numeric dates and the currency when no
  // symbol is printed.
  try {
    static const std::regex kGstin(R"(\b\d{2}[A-Z]{5}\d{4}[A-Z][A-Z0-9]Z[A-Z0-9]\b)");
    static const std::regex kUsZip(R"(, [A-Z]{2} \d{5}\b)");
    static const std::regex kUkPostcode(R"(\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b)");
    static const std::regex kInPin(R"(- \d{6}\b)");
    std::map<std::string, double> score;
    score["IN"] = Count(text_, "\xE2\x82\xB9") + Count(text_, "Rs.") + Count(text_, "INR") + Count(text_, "Rupees") +
                  2.0 * CountRegex(text_, kGstin) + Count(text_, "Lakh") + Count(text_, "IFSC") +
                  Count(text_, "India") + Count(text_, "INDIA") + CountRegex(text_, kInPin);
    score["US"] = Count(text_, "$") + Count(text_, "USD") + 2.0 * Count(text_, "EIN") + CountRegex(text_, kUsZip) +
                  Count(text_, "U.S.A") + Count(text_, "Social Security") + Count(text_, "FDIC");
    score["UK"] = Count(text_, "\xC2\xA3") + Count(text_, "GBP") + Count(text_, "VAT Reg") +
                  CountRegex(text_, kUkPostcode) + Count(text_, "UNITED KINGDOM") + Count(text_, "Building Society");
    score["EU"] = Count(text_, "\xE2\x82\xAC") + Count(text_, "EUR") + Count(text_, "IBAN") + Count(text_, "VAT ID");
    double best = 0;
    for (const auto& [r, s] : score) {
      if (s > best) best = s, region_ = r;
    }
  } catch (const std::exception&) {
    region_.clear();
  }
  if (region_ == "US") date_order_ = DateOrder::kMonthFirst;
  if (region_ == "IN" || region_ == "UK" || region_ == "EU") date_order_ = DateOrder::kDayFirst;

  std::map<std::string, int> money;
  AmountOptions opt;
  opt.dot_groups = region_ == "EU";
  for (const Line& l : lines_) {
    for (const FoundAmount& a : FindAmounts(l.Text(), opt)) {
      if (!a.currency.empty()) ++money[a.currency];
    }
  }
  int most = 0;
  for (const auto& [c, n] : money) {
    if (n > most) most = n, currency_ = c;
  }
  if (currency_.empty() && region_ == "IN") currency_ = "INR";
}

bool Document::StartsWithLabel(size_t line, size_t block) const {
  return longest_.count({line, block, 0}) > 0;
}

std::vector<LabelHit> Document::Hits(const std::string& key) const {
  std::vector<LabelHit> out;
  for (const Label& l : LabelsFor(key)) {
    for (const LabelHit& h : FindLabel(lines_, l)) {
      auto it = longest_.find({h.line, h.block, h.first_word});
      if (it != longest_.end() && it->second > l.tokens.size()) continue;
      out.push_back(h);
    }
  }
  return out;
}

std::vector<Found> Document::Candidates(const std::string& key, const Parser& parse, unsigned positions) const {
  std::vector<Found> out;
  for (const LabelHit& h : Hits(key)) {
    for (const ValueText& v : ValuesOf(lines_, h)) {
      unsigned pos = v.below ? kBelow : v.position >= 1.0 ? kSameBlock : kRightBlock;
      if (!(positions & pos)) continue;
      // A block that is itself a label is not a value.
      if (pos != kSameBlock && !v.words.empty()) {
        bool label_block = false;
        for (size_t li = 0; li < lines_.size() && !label_block; ++li) {
          if (lines_[li].page != v.page) continue;
          for (size_t bi = 0; bi < lines_[li].blocks.size(); ++bi) {
            const Block& b = lines_[li].blocks[bi];
            if (!b.words.empty() && b.words.front().box.left == v.words.front().box.left &&
                b.words.front().box.top == v.words.front().box.top && StartsWithLabel(li, bi)) {
              label_block = true;
              break;
            }
          }
        }
        if (label_block) continue;
      }
      auto p = parse(v);
      if (!p) continue;
      Found f;
      f.value = p->value;
      f.confidence = h.label->weight * v.position * OcrFactor(v.words) * p->validity;
      f.page = v.page;
      f.box = UnionBox(v.words);
      f.line = h.line;
      out.push_back(f);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.confidence > b.confidence; });
  return out;
}

std::optional<Found> Document::Best(const std::string& key, const Parser& parse, unsigned positions) const {
  auto all = Candidates(key, parse, positions);
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::optional<Parsed> ParseDateValue(const ValueText& v, DateOrder order) {
  auto d = FindDate(v.text, order);
  if (!d || d->begin > 2) return std::nullopt;
  return Parsed{d->iso, d->ambiguous ? 0.55 : 1.0};
}

std::optional<Parsed> ParseAmountValue(const ValueText& v, bool dot_groups) {
  AmountOptions opt;
  opt.dot_groups = dot_groups;
  auto all = FindAmounts(v.text, opt);
  if (all.empty()) return std::nullopt;
  // Rates and codes are not amounts (FindAmounts skips "18%"), so the first
  // amount after a label is its value ("IGST @ 18% 15,688.74").
  const FoundAmount& a = all.front();
  if (a.value == "0.00") return std::nullopt;  // a total or a loan of nothing is a misreading
  return Parsed{a.value, a.grouped ? 1.0 : 0.9};
}

std::optional<Parsed> ParseReference(const ValueText& v) {
  // Tokens of letters, digits and / - . ; grouped digits ("1234 5678 90",
  // "MH12 20101234567") are one number printed with spaces.
  std::vector<std::string> toks;
  std::string cur;
  for (char c : v.text + " ") {
    if (c == ' ') {
      if (!cur.empty()) toks.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (toks.empty()) return std::nullopt;
  auto clean = [](std::string t) {
    while (!t.empty() && std::string(".,;:)").find(t.back()) != std::string::npos) t.pop_back();
    while (!t.empty() && std::string("(:#").find(t.front()) != std::string::npos) t.erase(0, 1);
    return t;
  };
  auto all_of = [](const std::string& t, auto pred) {
    return !t.empty() && std::all_of(t.begin(), t.end(), [&](char c) { return pred(static_cast<unsigned char>(c)); });
  };
  std::string value = clean(toks[0]);
  bool all_alnum = true;
  for (const auto& t : toks) all_alnum = all_alnum && all_of(t, [](unsigned char c) { return std::isalnum(c); });
  if (all_alnum && toks.size() <= 4) {
    bool rest_digits = true;
    for (size_t i = 1; i < toks.size(); ++i) rest_digits = rest_digits && all_of(toks[i], [](unsigned char c) { return std::isdigit(c); });
    if (rest_digits) {
      value.clear();
      for (const auto& t : toks) value += t;
    }
  }
  for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (value.size() < 3 || value.size() > 30) return std::nullopt;
  bool digit = false;
  for (char c : value) {
    if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    else if (!std::isalnum(static_cast<unsigned char>(c)) && std::string("/-.").find(c) == std::string::npos) return std::nullopt;
  }
  if (!digit) return std::nullopt;
  return Parsed{value, 1.0};
}

std::optional<Parsed> ParseName(const ValueText& v) {
  std::string s = Squeeze(v.text);
  while (!s.empty() && (s.back() == ',' || s.back() == ':' || s.back() == ';')) s.pop_back();
  size_t letters = 0, words = 1;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalpha(u) || u >= 0x80) {
      ++letters;
    } else if (c == ' ') {
      ++words;
    } else if (std::string(".,&'-()").find(c) == std::string::npos) {
      return std::nullopt;  // digits, colons, slashes: an address, a label, a number
    }
  }
  if (letters < 3 || s.size() > 70 || words > 8) return std::nullopt;
  // An unpaired bracket is a misread letter ("MANO)").
  if (std::count(s.begin(), s.end(), '(') != std::count(s.begin(), s.end(), ')')) return std::nullopt;
  if (!std::isupper(static_cast<unsigned char>(s[0]))) return std::nullopt;
  return Parsed{s, 1.0};
}

}  // namespace docket::fields
