// YYYY-MM-DD dates as the API writes them.
#pragma once

#include <string_view>

namespace briefsearch {

// True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 and 2023-2-1 no).
bool IsCalendarDate(std::string_view yyyy_mm_dd);

}  // namespace briefsearch
