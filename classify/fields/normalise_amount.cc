#include "classify/fields/normalise_amount.h"

#include <cctype>
#include <cstdint>
#include <vector>

namespace docket::fields {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool StartsWithNoCase(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(p[i]))) return false;
  }
  return true;
}

// Groups of digits between separators, e.g. "12,34,567" -> {2, 2, 3}.
bool GroupsValid(const std::vector<std::string>& groups) {
  if (groups.size() < 2) return true;
  if (groups.front().empty() || groups.front().size() > 3) return false;
  if (groups.back().size() != 3) return false;
  bool western = true, indian = groups.front().size() <= 2;
  for (size_t i = 1; i + 1 < groups.size(); ++i) {
    western = western && groups[i].size() == 3;
    indian = indian && groups[i].size() == 2;
  }
  return western || indian;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// `num` holds digits, ',' and '.'; returns the plain decimal, or "" when
// its grouping is not one of the three known.
std::string PlainDecimal(const std::string& num, const AmountOptions& options, bool* grouped) {
  size_t lc = num.rfind(','), ld = num.rfind('.');
  std::string whole, frac;
  char group_sep = 0;
  auto take = [&](size_t point) {
    whole = num.substr(0, point);
    frac = num.substr(point + 1);
  };
  if (lc != std::string::npos && ld != std::string::npos) {
    size_t point = std::max(lc, ld);
    group_sep = point == lc ? '.' : ',';
    take(point);
  } else if (lc != std::string::npos) {
    size_t after = num.size() - lc - 1;
    if (num.find(',') == lc && after <= 2) {
      take(lc);  // "5,95": a decimal comma
    } else {
      whole = num;
      group_sep = ',';
    }
  } else if (ld != std::string::npos) {
    size_t after = num.size() - ld - 1;
    if (num.find('.') == ld && after <= 2) {
      take(ld);
    } else if (num.find('.') == ld && after == 3 && !options.dot_groups) {
      return "";  // "1.234": three decimals are not money
    } else {
      whole = num;
      group_sep = '.';
    }
  } else {
    whole = num;
  }
  if (frac.size() > 2 || (frac.empty() && (lc == num.size() - 1 || ld == num.size() - 1))) return "";
  if (group_sep) {
    if (!GroupsValid(Split(whole, group_sep))) return "";
    std::string w;
    for (char c : whole) {
      if (c == group_sep) continue;
      if (!IsDigit(c)) return "";
      w += c;
    }
    whole = w;
  } else {
    for (char c : whole) {
      if (!IsDigit(c)) return "";
    }
  }
  for (char c : frac) {
    if (!IsDigit(c)) return "";
  }
  if (whole.empty()) whole = "0";
  size_t nz = whole.find_first_not_of('0');
  whole = nz == std::string::npos ? "0" : whole.substr(nz);
  *grouped = group_sep != 0 || !frac.empty();
  while (frac.size() < 2) frac += '0';
  return whole + "." + frac;
}

// Multiplies a plain decimal by 10^zeros ("1.50" lakh -> "150000.00").
std::string Scale(const std::string& dec, int zeros) {
  size_t p = dec.find('.');
  std::string digits = dec.substr(0, p) + dec.substr(p + 1);  // two implied decimals
  digits += std::string(zeros, '0');
  std::string whole = digits.substr(0, digits.size() - 2), frac = digits.substr(digits.size() - 2);
  size_t nz = whole.find_first_not_of('0');
  return (nz == std::string::npos ? "0" : whole.substr(nz)) + "." + frac;
}

}  // namespace

std::string CurrencyAt(std::string_view t, size_t* len) {
  struct Marker {
    const char* text;
    const char* code;
    bool word;  // must not be followed by a letter
  };
  static const Marker kMarkers[] = {
      {"\xE2\x82\xB9", "INR", false}, {"Rs.", "INR", false}, {"Rs", "INR", true},   {"INR", "INR", true},
      {"Rupees", "INR", true},         {"US$", "USD", false}, {"$", "USD", false},   {"USD", "USD", true},
      {"\xE2\x82\xAC", "EUR", false}, {"EUR", "EUR", true},  {"Euro", "EUR", true}, {"\xC2\xA3", "GBP", false},
      {"GBP", "GBP", true},
  };
  for (const Marker& m : kMarkers) {
    std::string_view mt(m.text);
    bool match = m.word ? t.substr(0, mt.size()) == mt : StartsWithNoCase(t, mt);
    if (!match) continue;
    if (m.word && t.size() > mt.size() && IsAlpha(t[mt.size()])) continue;
    *len = mt.size();
    return m.code;
  }
  *len = 0;
  return "";
}

// OCR puts a space after a group separator ("62,50, 000.00"): closes it up
// where digits stand on both sides, keeping every other byte in place.
std::string CloseGroupSpaces(std::string_view in) {
  std::string s(in);
  for (size_t i = 1; i + 2 < s.size(); ++i) {
    if ((s[i] == ',' || s[i] == '.') && s[i + 1] == ' ' && IsDigit(s[i - 1]) && IsDigit(s[i + 2])) {
      s.erase(i + 1, 1);
      s.push_back(' ');  // keep the length: offsets after it stay close
    }
  }
  return s;
}

std::vector<FoundAmount> FindAmounts(std::string_view raw, const AmountOptions& options) {
  std::vector<FoundAmount> out;
  const std::string closed = CloseGroupSpaces(raw);
  std::string_view text = closed;
  size_t i = 0;
  while (i < text.size()) {
    // "Rs.1,000": a point that ends a currency marker may touch the number.
    bool after_marker = i >= 3 && text.substr(i - 3, 3) == "Rs.";
    if (!IsDigit(text[i]) ||
        (i > 0 && !after_marker && (IsDigit(text[i - 1]) || IsAlpha(text[i - 1]) || text[i - 1] == '.' ||
                                    text[i - 1] == ',' || text[i - 1] == '-' || text[i - 1] == '/'))) {
      ++i;
      continue;
    }
    size_t b = i, e = i;
    while (e < text.size() && (IsDigit(text[e]) || ((text[e] == ',' || text[e] == '.') && e + 1 < text.size() &&
                                                    IsDigit(text[e + 1])))) {
      ++e;
    }
    i = e;
    // Touching letters, a percent sign or more digit punctuation: a code,
    // a rate, a date or a phone number, not money.
    if (e < text.size() && (IsAlpha(text[e]) || text[e] == '%' || text[e] == '/' || text[e] == '-')) {
      if (!(text.substr(e, 2) == "/-")) continue;
    }
    if (e + 1 < text.size() && text[e] == ' ' && text[e + 1] == '%') continue;
    bool grouped = false;
    std::string value = PlainDecimal(std::string(text.substr(b, e - b)), options, &grouped);
    if (value.empty()) continue;
    FoundAmount a{value, "", b, e, grouped};
    // A currency marker just before ("₹1,000", "Rs. 1,000", "EUR 1.234,00"),
    // unless the amount before already took it as its own ("1.247,43 € 81").
    size_t taken = out.empty() ? 0 : out.back().end;
    for (size_t back = 1; back <= 8 && back <= b && b - back >= taken; ++back) {
      size_t len = 0;
      std::string code = CurrencyAt(text.substr(b - back), &len);
      if (!code.empty() && b - back + len <= b) {
        bool gap_ok = true;
        for (size_t k = b - back + len; k < b; ++k) gap_ok = gap_ok && text[k] == ' ';
        if (gap_ok) {
          a.currency = code;
          a.begin = b - back;
          break;
        }
      }
    }
    size_t k = e;
    if (text.substr(k, 2) == "/-") k += 2;
    while (k < text.size() && text[k] == ' ') ++k;
    if (a.currency.empty()) {
      size_t len = 0;
      std::string code = CurrencyAt(text.substr(k), &len);
      if (!code.empty() && code != "USD") {  // "$" after a number is not a convention
        a.currency = code;
        e = k + len;
      }
    }
    std::string_view rest = text.substr(k);
    if (StartsWithNoCase(rest, "lakh") || StartsWithNoCase(rest, "lac")) {
      a.value = Scale(a.value, 5);
      e = k + (StartsWithNoCase(rest, "lakh") ? 4 : 3);
    } else if (StartsWithNoCase(rest, "crore") || (StartsWithNoCase(rest, "cr") && (rest.size() == 2 || !IsAlpha(rest[2])))) {
      a.value = Scale(a.value, 7);
      e = k + (StartsWithNoCase(rest, "crore") ? 5 : 2);
    }
    a.end = e;
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<FoundAmount> FindAmount(std::string_view text, const AmountOptions& options) {
  auto all = FindAmounts(text, options);
  if (all.empty()) return std::nullopt;
  return all.front();
}

}  // namespace docket::fields
