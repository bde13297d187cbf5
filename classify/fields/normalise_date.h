// Dates as printed ("07/03/2024", "7 March 2024", "Mar 7, 2024",
// "2024-03-07", "07-MAR-24", "01.02.2023") to ISO 8601. Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace docket::fields {

// Which number comes first in an all-numeric date: Indian, British and
// European documents put the day first, American ones the month.
enum class DateOrder { kUnknown, kDayFirst, kMonthFirst };

struct FoundDate {
  std::string iso;         // YYYY-MM-DD
  size_t begin = 0;        // byte offsets of the date within the text searched
  size_t end = 0;
  bool ambiguous = false;  // day and month could be swapped and `order` did not say which
};

// The first calendar-valid date in `text`. Numeric dates whose day and
// month are both <= 12 follow `order`; with kUnknown they are read day
// first and marked ambiguous.
std::optional<FoundDate> FindDate(std::string_view text, DateOrder order);

}  // namespace docket::fields
