// File names are bytes, JSON is UTF-8: a name with bytes that are not UTF-8
// (old shares, faxes named by other systems) must still give valid JSON.
#pragma once

#include <string>
#include <string_view>

namespace docket {

// `s` with every byte that is not part of a valid UTF-8 sequence written as
// the four characters \xHH, so it is readable, valid UTF-8 and tells the
// bytes apart. Valid text passes through unchanged.
std::string ValidUtf8(std::string_view s);

// Lower-case hex of the bytes, and back (false on a malformed string): for
// keeping exact bytes inside JSON.
std::string HexEncode(std::string_view bytes);
bool HexDecode(std::string_view hex, std::string* bytes);

}  // namespace docket
