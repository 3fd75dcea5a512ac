#pragma once

#include <string>
#include <string_view>

namespace hld {

// User text (ids, names, keys, file names) as it may be shown on a terminal or in a
// message: control characters (C0, DEL and C1, which terminals obey) become visible escapes
// such as \n or \x1b, so a file cannot move the cursor, ring the bell or print a fake line,
// and text longer than `maxBytes` is cut at a character boundary with a note of its length.
std::string printable(std::string_view text, std::size_t maxBytes = 200);

// printable() in double quotes, for naming a thing inside a message.
std::string quote(std::string_view text, std::size_t maxBytes = 64);

// A number for a message: at most 10 significant digits, never 300 (1e+300, not 1000...0).
std::string shortNumber(double v);

// A number for people: 1234567.8 -> "1,234,568"; below 100, a fraction keeps three
// significant digits ("12.7").
std::string groupedNumber(double v);

} // namespace hld
