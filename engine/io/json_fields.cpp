#include "io/json_fields.h"

#include "io/display_text.h"

#include <cmath>

namespace hld {

std::string jsonTypeName(const nlohmann::json &j)
{
    if (j.is_number())
        return "a number";
    if (j.is_string())
        return "a string";
    if (j.is_boolean())
        return "a boolean";
    if (j.is_null())
        return "null";
    if (j.is_array())
        return "an array";
    return "an object";
}

ObjectFields::ObjectFields(const nlohmann::json &obj,
                           std::string path,
                           std::vector<DesignError> &errors)
    : m_obj(obj)
    , m_path(std::move(path))
    , m_errors(errors)
{}

std::string ObjectFields::pathOf(std::string_view key) const
{
    std::string p = m_path;
    p += '/';
    for (char c : key) { // JSON Pointer escaping
        if (c == '~')
            p += "~0";
        else if (c == '/')
            p += "~1";
        else
            p += c;
    }
    return p;
}

void ObjectFields::error(std::string_view key, const std::string &message)
{
    m_errors.push_back({pathOf(key), message});
}

bool ObjectFields::has(std::string_view key) const
{
    return m_obj.find(key) != m_obj.end();
}

const nlohmann::json *ObjectFields::get(std::string_view key, bool required)
{
    m_seen.insert(std::string(key));
    auto it = m_obj.find(key);
    if (it == m_obj.end()) {
        if (required)
            error(key, "is required");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> ObjectFields::string(std::string_view key, bool required)
{
    const auto *j = get(key, required);
    if (!j)
        return std::nullopt;
    if (!j->is_string()) {
        error(key, "must be a string, not " + jsonTypeName(*j));
        return std::nullopt;
    }
    return j->get<std::string>();
}

std::optional<double> ObjectFields::number(std::string_view key, bool required)
{
    const auto *j = get(key, required);
    if (!j)
        return std::nullopt;
    if (!j->is_number()) {
        error(key, "must be a number, not " + jsonTypeName(*j));
        return std::nullopt;
    }
    const double v = j->get<double>();
    if (!std::isfinite(v)) {
        error(key, "must be a finite number");
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> ObjectFields::integer(std::string_view key, bool required)
{
    const auto *j = get(key, required);
    if (!j)
        return std::nullopt;
    if (j->is_number_integer()) {
        if (j->is_number_unsigned() && j->get<std::uint64_t>() > (1ull << 53)) {
            error(key, "is far too large");
            return std::nullopt;
        }
        return j->get<std::int64_t>();
    }
    if (j->is_number_float()) {
        const double v = j->get<double>();
        if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9e15)
            return static_cast<std::int64_t>(v);
        error(key, "must be a whole number, not " + shortNumber(j->get<double>()));
        return std::nullopt;
    }
    error(key, "must be a whole number, not " + jsonTypeName(*j));
    return std::nullopt;
}

std::optional<bool> ObjectFields::boolean(std::string_view key)
{
    const auto *j = get(key, false);
    if (!j)
        return std::nullopt;
    if (!j->is_boolean()) {
        error(key, "must be true or false, not " + jsonTypeName(*j));
        return std::nullopt;
    }
    return j->get<bool>();
}

const nlohmann::json *ObjectFields::object(std::string_view key, bool required)
{
    const auto *j = get(key, required);
    if (j && !j->is_object()) {
        error(key, "must be an object, not " + jsonTypeName(*j));
        return nullptr;
    }
    return j;
}

const nlohmann::json *ObjectFields::array(std::string_view key, bool required)
{
    const auto *j = get(key, required);
    if (j && !j->is_array()) {
        error(key, "must be an array, not " + jsonTypeName(*j));
        return nullptr;
    }
    return j;
}

void ObjectFields::rejectUnknown()
{
    for (auto it = m_obj.begin(); it != m_obj.end(); ++it) {
        if (m_seen.find(it.key()) == m_seen.end())
            error(it.key(), "unknown field");
    }
}

} // namespace hld
