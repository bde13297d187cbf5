// Interest rates ("8.75% p.a.", "5,95 % p.a.") and loan terms ("20 years",
// "240 months", "5 yrs 6 months") to CONTRACT.md's forms. Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace docket::fields {

struct FoundNumber {
  std::string value;  // "8.75" (the printed digits, '.' as the point), or "240"
  size_t begin = 0;   // byte offsets within the text searched
  size_t end = 0;
};

// The first percentage in `text`: a number of at most three decimals
// followed by '%' or "percent", between 0 and 100.
std::optional<FoundNumber> FindRate(std::string_view text);

// The first term in `text`: years and/or months as whole months.
std::optional<FoundNumber> FindTermMonths(std::string_view text);

}  // namespace docket::fields
