// ParseLabels and LabelTokens (classify/fields/labels.h): the label file's
// format, as someone editing fields/labels.txt might get it wrong.
#include <cctype>
#include <cstdint>
#include <string_view>

#include "classify/fields/labels.h"
#include "fuzz/fuzz_util.h"

using namespace docket::fields;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  docket::Result<LabelTable> table = ParseLabels(text);
  if (table.ok()) {
    for (const auto& [key, labels] : *table) {
      DOCKET_FUZZ_CHECK(!key.empty());
      for (const Label& l : labels) DOCKET_FUZZ_CHECK(l.tokens == LabelTokens(l.text));
    }
  }
  for (const std::string& t : LabelTokens(text)) {
    DOCKET_FUZZ_CHECK(!t.empty());
    for (char c : t) DOCKET_FUZZ_CHECK(!std::isupper(static_cast<unsigned char>(c)));
  }
  return 0;
}
