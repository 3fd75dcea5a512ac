#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hld {

// An enum's names in the file format, both ways.
template<typename E, std::size_t N>
struct NameTable
{
    std::array<std::pair<E, std::string_view>, N> rows;
    constexpr std::string_view name(E e) const
    {
        for (const auto &[v, n] : rows) {
            if (v == e)
                return n;
        }
        return "?";
    }
    constexpr std::optional<E> value(std::string_view s) const
    {
        for (const auto &[v, n] : rows) {
            if (n == s)
                return v;
        }
        return std::nullopt;
    }
    // "a, b, c" for messages.
    std::string list() const
    {
        std::string out;
        for (const auto &[v, n] : rows) {
            if (!out.empty())
                out += ", ";
            out += n;
        }
        return out;
    }
};

} // namespace hld
