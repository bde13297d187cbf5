#include "classify/fields/normalise_term.h"

#include <regex>

namespace docket::fields {

std::optional<FoundNumber> FindRate(std::string_view text) {
  static const std::regex kRate(R"((?:^|[^\d.,])(\d{1,2}(?:[.,]\d{1,3})?) ?(?:%|percent|per cent))",
                                std::regex::icase);
  std::string s(text);
  try {
    std::smatch m;
    if (!std::regex_search(s, m, kRate)) return std::nullopt;
    std::string v = m[1];
    for (char& c : v) {
      if (c == ',') c = '.';
    }
    double d = std::stod(v);
    if (d <= 0 || d >= 100) return std::nullopt;
    size_t b = m.position(1);
    return FoundNumber{v, b, static_cast<size_t>(m.position(0) + m.length(0))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<FoundNumber> FindTermMonths(std::string_view text) {
  static const std::regex kTerm(
      R"((?:^|[^\d])(\d{1,3}) ?(years?|yrs?|months?|mths?|mos?)\b(?: ?(?:and )?(\d{1,2}) ?(months?|mths?)\b)?)",
      std::regex::icase);
  std::string s(text);
  try {
    std::smatch m;
    if (!std::regex_search(s, m, kTerm)) return std::nullopt;
    int n = std::stoi(m[1]);
    bool years = std::tolower(static_cast<unsigned char>(std::string(m[2])[0])) == 'y';
    int months = years ? n * 12 : n;
    if (m[3].matched) {
      if (!years) return std::nullopt;
      months += std::stoi(m[3]);
    }
    if (months <= 0 || months > 600) return std::nullopt;
    return FoundNumber{std::to_string(months), static_cast<size_t>(m.position(1)),
                       static_cast<size_t>(m.position(0) + m.length(0))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace docket::fields
