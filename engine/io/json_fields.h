#pragma once

#include "io/design_error.h"
#include "io/display_text.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hld {

// Reads the fields of one JSON object, recording a path-named error for every wrong type,
// and at the end every field that nobody asked for (a typo such as "replica").
class ObjectFields
{
public:
    ObjectFields(const nlohmann::json &obj, std::string path, std::vector<DesignError> &errors);

    bool has(std::string_view key) const;
    std::optional<std::string> string(std::string_view key, bool required = false);
    std::optional<double> number(std::string_view key, bool required = false);
    std::optional<std::int64_t> integer(std::string_view key, bool required = false);
    std::optional<bool> boolean(std::string_view key);
    const nlohmann::json *object(std::string_view key, bool required = false);
    const nlohmann::json *array(std::string_view key, bool required = false);

    template<typename E>
    std::optional<E> enumeration(std::string_view key,
                                 std::optional<E> (*fromName)(std::string_view),
                                 std::string_view allowed,
                                 bool required = false)
    {
        auto s = string(key, required);
        if (!s)
            return std::nullopt;
        auto v = fromName(*s);
        if (!v)
            error(key, "unknown value " + quote(*s) + "; expected one of " + std::string(allowed));
        return v;
    }

    // Errors for keys present in the object but never read.
    void rejectUnknown();
    void error(std::string_view key, const std::string &message);
    std::string pathOf(std::string_view key) const;

private:
    const nlohmann::json *get(std::string_view key, bool required);
    const nlohmann::json &m_obj;
    std::string m_path;
    std::vector<DesignError> &m_errors;
    std::set<std::string, std::less<>> m_seen;
};

std::string jsonTypeName(const nlohmann::json &j);

} // namespace hld
