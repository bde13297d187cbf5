// FindRate and FindTermMonths (classify/fields/normalise_term.h).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "classify/fields/normalise_term.h"
#include "fuzz/fuzz_util.h"

using namespace docket::fields;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (std::optional<FoundNumber> r = FindRate(text)) {
    DOCKET_FUZZ_CHECK(r->begin < r->end && r->end <= text.size());
    DOCKET_FUZZ_CHECK(!r->value.empty() && r->value.find_first_not_of("0123456789.") == std::string::npos);
    double v = std::strtod(r->value.c_str(), nullptr);
    DOCKET_FUZZ_CHECK(v >= 0 && v <= 100);
  }
  if (std::optional<FoundNumber> t = FindTermMonths(text)) {
    DOCKET_FUZZ_CHECK(t->begin < t->end && t->end <= text.size());
    DOCKET_FUZZ_CHECK(!t->value.empty() && t->value.find_first_not_of("0123456789") == std::string::npos);
  }
  return 0;
}
