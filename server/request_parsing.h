// Reading what a browser sends: percent-decoding, query strings and
// urlencoded forms, cookies; and the escaping of what goes back into HTML.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace docket::server {

// Percent-decodes `s`; '+' becomes a space when `plus_is_space` (forms and
// query strings). Malformed escapes are kept as they are.
std::string UrlDecode(std::string_view s, bool plus_is_space = true);
// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view s);

// "a=1&b=x+y" -> {a: "1", b: "x y"}; the first of repeated names wins.
std::map<std::string, std::string> ParseQuery(std::string_view query);

// The value of cookie `name` in a Cookie header, empty when absent.
std::string CookieValue(std::string_view header, std::string_view name);

// Text made safe in HTML element content and in quoted attribute values.
std::string HtmlEscape(std::string_view s);

// A non-negative integer from `s`, or `fallback` when it is not one or is
// larger than `max`.
int ParseCount(const std::string& s, int fallback, int max);

}  // namespace docket::server
