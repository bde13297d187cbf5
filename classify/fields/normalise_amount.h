// Money as printed to CONTRACT.md's plain decimal, with the currency it is
// written in: Western (1,234,567.89), Indian (12,34,567.89) and European
// (1.234.567,89) grouping; ₹, Rs., INR, $, USD, €, EUR, £, GBP before or
// after; "/-" after; "lakh" and "crore". Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docket::fields {

struct FoundAmount {
  std::string value;     // "150000.00": '.' as the point, two decimals, no grouping
  std::string currency;  // ISO 4217 when a symbol or code is printed with it, else empty
  size_t begin = 0;      // byte offsets within the text searched
  size_t end = 0;
  bool grouped = false;  // printed with grouping or a decimal part (looks like money)
};

struct AmountOptions {
  // "1.234" is one thousand two hundred and thirty-four in Europe; without
  // this it is read as 1.234 (three decimals are never money, so it is
  // rejected).
  bool dot_groups = false;
};

// The first amount in `text`: a number with an optional currency marker,
// valid grouping and at most two decimals. Numbers that touch letters
// ("A4", "40W") or a '%' are not amounts.
std::optional<FoundAmount> FindAmount(std::string_view text, const AmountOptions& options = {});

// Every amount in `text`, left to right.
std::vector<FoundAmount> FindAmounts(std::string_view text, const AmountOptions& options = {});

// The ISO 4217 code of a currency word or symbol at the start of `text`
// ("₹", "Rs.", "INR", "Rupees", "$", "US$", "€", "EUR", "£", "GBP"), and
// its length in bytes through *len.
std::string CurrencyAt(std::string_view text, size_t* len);

}  // namespace docket::fields
