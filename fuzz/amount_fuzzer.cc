// FindAmount, FindAmounts and CurrencyAt (classify/fields/normalise_amount.h):
// the first byte's low bit sets dot_groups, the rest is the text searched.
#include <cstdint>
#include <string_view>

#include "classify/fields/normalise_amount.h"
#include "fuzz/fuzz_util.h"

using namespace docket::fields;

namespace {

// CONTRACT.md's plain decimal: digits, '.', exactly two decimals.
bool PlainDecimal(const std::string& v) {
  size_t dot = v.find('.');
  if (dot == std::string::npos || dot == 0 || v.size() - dot != 3) return false;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i != dot && !docket::fuzz::IsDigit(v[i])) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  AmountOptions options;
  options.dot_groups = (data[0] & 1) != 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<FoundAmount> all = FindAmounts(text, options);
  size_t prev_end = 0;
  for (const FoundAmount& a : all) {
    DOCKET_FUZZ_CHECK(a.begin < a.end && a.end <= text.size());
    DOCKET_FUZZ_CHECK(a.begin >= prev_end);  // left to right, no overlap
    DOCKET_FUZZ_CHECK(PlainDecimal(a.value));
    DOCKET_FUZZ_CHECK(a.currency.empty() || a.currency.size() == 3);
    prev_end = a.end;
  }
  std::optional<FoundAmount> first = FindAmount(text, options);
  DOCKET_FUZZ_CHECK(first.has_value() == !all.empty());
  if (first) DOCKET_FUZZ_CHECK(first->value == all[0].value && first->begin == all[0].begin);

  size_t len = 12345;
  std::string code = CurrencyAt(text, &len);
  if (!code.empty()) DOCKET_FUZZ_CHECK(code.size() == 3 && len > 0 && len <= text.size());
  return 0;
}
