// The id validators (classify/fields/validators.h), against the format
// rules their comments promise.
#include <cstdint>
#include <string_view>

#include "classify/fields/validators.h"
#include "fuzz/fuzz_util.h"

using namespace docket::fields;
using docket::fuzz::IsDigit;

namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) { return IsUpper(c) || IsDigit(c); }

bool AllOf(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

// The ICAO 9303 check digit, written out again as the standard states it.
int ReferenceIcao(std::string_view s) {
  static const int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    int v;
    if (IsDigit(c)) {
      v = c - '0';
    } else if (IsUpper(c)) {
      v = c - 'A' + 10;
    } else if (c == '<') {
      v = 0;
    } else {
      return -1;
    }
    sum += v * kWeights[i % 3];
  }
  return sum % 10;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  if (ValidGstin(s)) {
    DOCKET_FUZZ_CHECK(s.size() == 15 && IsDigit(s[0]) && IsDigit(s[1]) && s[13] == 'Z' && AllOf(s, IsAlnum));
  }
  if (ValidPan(s)) {
    DOCKET_FUZZ_CHECK(s.size() == 10 && AllOf(s.substr(0, 5), IsUpper) && AllOf(s.substr(5, 4), IsDigit) &&
                      IsUpper(s[9]));
  }
  if (ValidAadhaar(s)) {
    DOCKET_FUZZ_CHECK(s.size() == 12 && AllOf(s, IsDigit) && s[0] >= '2');
  }
  if (ValidIban(s)) {
    DOCKET_FUZZ_CHECK(s.size() >= 5 && s.size() <= 34 && IsUpper(s[0]) && IsUpper(s[1]) && IsDigit(s[2]) &&
                      IsDigit(s[3]) && AllOf(s, IsAlnum));
  }
  DOCKET_FUZZ_CHECK(IcaoCheckDigit(s) == ReferenceIcao(s));
  return 0;
}
