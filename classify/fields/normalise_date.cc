#include "classify/fields/normalise_date.h"

#include <cctype>
#include <cstdio>
#include <regex>

namespace docket::fields {
namespace {

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDay(int y, int m, int d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= days[m - 1] + (m == 2 && Leap(y) ? 1 : 0);
}

std::string Iso(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// A two-digit year: documents in an archive are about the recent past, and
// birth dates the century before.
int FullYear(const std::string& y) {
  int v = std::stoi(y);
  if (y.size() == 4) return v;
  return v <= 49 ? 2000 + v : 1900 + v;
}

// 1..12 for an English month name or its three-letter (or "Sept") form.
int MonthNumber(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* full[] = {"january", "february", "march",     "april",   "may",      "june",
                               "july",    "august",   "september", "october", "november", "december"};
  for (int i = 0; i < 12; ++i) {
    std::string f = full[i];
    if (name == f || name == f.substr(0, 3) || (i == 8 && name == "sept")) return i + 1;
  }
  return 0;
}

const std::string kMonth =
    "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

}  // namespace

std::optional<FoundDate> FindDate(std::string_view text, DateOrder order) {
  using std::regex;
  static const regex kIso(R"((?:^|[^\d])((\d{4})-(\d{2})-(\d{2}))(?!\d))");
  static const regex kNumeric(R"((?:^|[^\d])((\d{1,2})([/.-])(\d{1,2})\3(\d{4}|\d{2}))(?!\d))");
  static const regex kDayMonth("(?:^|[^\\d])((\\d{1,2})(?:st|nd|rd|th)?[ .-]*" + kMonth +
                                   "\\.?[ ,.-]*(\\d{4}|\\d{2}))(?!\\d)",
                               regex::icase);
  static const regex kMonthDay("(?:^|[^a-z])(" + kMonth + "\\.? ?(\\d{1,2})(?:st|nd|rd|th)?[ ,.]+(\\d{4}))(?!\\d)",
                               regex::icase);
  std::string s(text);
  std::optional<FoundDate> best;
  auto offer = [&](const std::smatch& m, int y, int mo, int d, bool ambiguous) {
    if (!ValidDay(y, mo, d)) return;
    size_t b = m.position(1), e = b + m.length(1);
    if (best && best->begin <= b) return;
    best = FoundDate{Iso(y, mo, d), b, e, ambiguous};
  };
  try {
    // sregex_iterator positions are from the start of `s`.
    using It = std::sregex_iterator;
    for (It it(s.begin(), s.end(), kIso); it != It(); ++it) {
      const std::smatch& m = *it;
      offer(m, std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), false);
    }
    for (It it(s.begin(), s.end(), kNumeric); it != It(); ++it) {
      const std::smatch& m = *it;
      int a = std::stoi(m[2]), b = std::stoi(m[4]), y = FullYear(m[5]);
      if (m[5].length() == 2 && m[3] == ".") continue;  // "1.5.24": more often a version or amount
      if (a > 12 && b <= 12) {
        offer(m, y, b, a, false);
      } else if (b > 12 && a <= 12) {
        offer(m, y, a, b, false);
      } else if (a == b || order == DateOrder::kDayFirst) {
        offer(m, y, b, a, false);
      } else if (order == DateOrder::kMonthFirst) {
        offer(m, y, a, b, false);
      } else {
        offer(m, y, b, a, true);
      }
    }
    for (It it(s.begin(), s.end(), kDayMonth); it != It(); ++it) {
      const std::smatch& m = *it;
      offer(m, FullYear(m[4]), MonthNumber(m[3]), std::stoi(m[2]), false);
    }
    for (It it(s.begin(), s.end(), kMonthDay); it != It(); ++it) {
      const std::smatch& m = *it;
      offer(m, FullYear(m[4]), MonthNumber(m[2]), std::stoi(m[3]), false);
    }
  } catch (const std::exception&) {
    return std::nullopt;  // regex_error or a number out of range: no date
  }
  return best;
}

}  // namespace docket::fields
