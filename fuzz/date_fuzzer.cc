// FindDate (classify/fields/normalise_date.h): the first byte picks the
// day/month order, the rest is the text searched.
#include <cstdint>
#include <string_view>

#include "classify/fields/normalise_date.h"
#include "fuzz/fuzz_util.h"

using namespace docket::fields;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  DateOrder order = static_cast<DateOrder>(data[0] % 3);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::optional<FoundDate> d = FindDate(text, order);
  if (!d) return 0;
  DOCKET_FUZZ_CHECK(d->begin < d->end && d->end <= text.size());
  DOCKET_FUZZ_CHECK(docket::fuzz::IsIsoDate(d->iso));
  // The date found is the first one: searching from where it starts finds it again.
  std::optional<FoundDate> again = FindDate(text.substr(d->begin), order);
  DOCKET_FUZZ_CHECK(again && again->iso == d->iso);
  return 0;
}
