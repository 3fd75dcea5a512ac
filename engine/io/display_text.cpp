#include "io/display_text.h"

#include <cmath>
#include <cstdio>

namespace hld {

namespace {

void escapeByte(std::string &out, unsigned char c)
{
    switch (c) {
    case '\n':
        out += "\\n";
        return;
    case '\r':
        out += "\\r";
        return;
    case '\t':
        out += "\\t";
        return;
    default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
    }
    }
}

} // namespace

std::string printable(std::string_view text, std::size_t maxBytes)
{
    std::string out;
    out.reserve(std::min(text.size(), maxBytes) + 8);
    std::size_t i = 0;
    for (; i < text.size() && out.size() < maxBytes; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) {
            escapeByte(out, c);
        } else if (c == 0xc2 && i + 1 < text.size()
                   && static_cast<unsigned char>(text[i + 1]) >= 0x80
                   && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
            escapeByte(out, static_cast<unsigned char>(text[++i])); // U+0080..U+009F (C1)
        } else if (c >= 0x80 && c < 0xc0 && !out.empty() && out.size() + 1 >= maxBytes) {
            break; // never end in the middle of a UTF-8 sequence
        } else {
            out += static_cast<char>(c);
        }
    }
    // Drop a lead byte whose continuation was cut off.
    while (i < text.size() && !out.empty()
           && (static_cast<unsigned char>(out.back()) & 0xc0) == 0xc0) {
        out.pop_back();
        --i;
    }
    if (i < text.size()) {
        out.append("... (");
        out.append(std::to_string(text.size()));
        out.append(" bytes in all)");
    }
    return out;
}

std::string quote(std::string_view text, std::size_t maxBytes)
{
    std::string out(1, '"');
    out.append(printable(text, maxBytes));
    out.push_back('"');
    return out;
}

std::string shortNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string groupedNumber(double v)
{
    char buf[64];
    if (std::fabs(v) < 100 && v != std::floor(v)) {
        std::snprintf(buf, sizeof buf, "%.3g", v);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.0f", v);
    std::string s = buf, out;
    const std::size_t start = s[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > start && (s.size() - i) % 3 == 0)
            out += ',';
        out += s[i];
    }
    return out;
}

} // namespace hld
