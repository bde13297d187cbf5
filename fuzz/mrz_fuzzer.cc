// FindMrz (classify/fields/mrz.h): the input split into lines at '\n'.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "classify/fields/mrz.h"
#include "fuzz/fuzz_util.h"

using namespace docket::fields;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // a page's worth of lines is plenty
  std::vector<std::string> lines(1);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      lines.emplace_back();
    } else {
      lines.back() += static_cast<char>(data[i]);
    }
  }
  std::optional<Mrz> m = FindMrz(lines);
  if (!m) return 0;
  DOCKET_FUZZ_CHECK(m->format == "TD3" || m->format == "TD1");
  DOCKET_FUZZ_CHECK(m->lines.size() == (m->format == "TD3" ? 2u : 3u));
  std::set<int> seen;
  for (int i : m->lines) {
    DOCKET_FUZZ_CHECK(i >= 0 && static_cast<size_t>(i) < lines.size() && seen.insert(i).second);
  }
  // Dates are read only when they are real calendar dates.
  DOCKET_FUZZ_CHECK(m->birth_date.empty() || docket::fuzz::IsIsoDate(m->birth_date));
  DOCKET_FUZZ_CHECK(m->expiry_date.empty() || docket::fuzz::IsIsoDate(m->expiry_date));
  DOCKET_FUZZ_CHECK(m->repairs >= 0);
  return 0;
}
