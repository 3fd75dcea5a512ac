#include "io/json_scan.h"

#include "io/display_text.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace hld {

namespace {

std::string lineAndColumn(std::string_view text, std::size_t offset)
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// A SAX consumer that keeps only the path to the current value and the keys of the
// objects still open (to find repeated keys), and stops at the first problem.
class Scanner : public nlohmann::json_sax<nlohmann::json>
{
public:
    Scanner(std::string_view text, const JsonLimits &limits)
        : m_text(text)
        , m_limits(limits)
    {}

    std::optional<DesignError> error;

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t &) override { return value(); }
    bool string(string_t &) override { return value(); }
    bool binary(binary_t &) override { return value(); }

    bool start_object(std::size_t) override { return open(false); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t &k) override
    {
        Level &l = m_levels.back();
        l.key = k;
        if (!l.keys.insert(k).second) {
            fail(path(),
                 "the key " + quote(k)
                     + " appears twice in one object; JSON "
                       "readers disagree on which value counts, so name each field once");
            return false;
        }
        return true;
    }

    bool parse_error(std::size_t position,
                     const std::string &lastToken,
                     const nlohmann::detail::exception &ex) override
    {
        std::string what = ex.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error
        // while parsing value - invalid literal; last read: 'x'": keep the reason.
        if (auto p = what.find("syntax error"); p != std::string::npos)
            what = what.substr(p);
        else if (auto q = what.find("] "); q != std::string::npos)
            what = what.substr(q + 2); // e.g. "number overflow parsing '1e400'"
        (void)lastToken;
        const std::size_t offset = position > 0 ? position - 1 : 0;
        fail(m_levels.empty() ? std::string() : path(),
             "malformed JSON at " + lineAndColumn(m_text, offset) + ": " + printable(what));
        return false;
    }

private:
    struct Level
    {
        bool array = false;
        std::size_t index = 0;
        std::string key;
        std::set<std::string> keys;
    };

    bool value()
    {
        if (++m_values > m_limits.maxValues) {
            fail(path(),
                 "the file holds more than " + std::to_string(m_limits.maxValues)
                     + " JSON values; no design needs that many");
            return false;
        }
        if (!m_levels.empty() && m_levels.back().array)
            ++m_levels.back().index;
        return true;
    }

    bool open(bool array)
    {
        if (!value())
            return false;
        if (!m_levels.empty() && m_levels.back().array)
            --m_levels.back().index; // the path of the new container names its own index
        if (static_cast<int>(m_levels.size()) >= m_limits.maxDepth) {
            fail(path(), "nesting deeper than " + std::to_string(m_limits.maxDepth) + " levels");
            return false;
        }
        m_levels.push_back({array, 0, {}, {}});
        return true;
    }

    bool close()
    {
        m_levels.pop_back();
        if (!m_levels.empty() && m_levels.back().array)
            ++m_levels.back().index;
        return true;
    }

    std::string path() const
    {
        std::string p;
        for (const Level &l : m_levels) {
            p += '/';
            if (l.array) {
                p += std::to_string(l.index);
                continue;
            }
            for (char c : l.key) { // JSON Pointer escaping
                if (c == '~')
                    p += "~0";
                else if (c == '/')
                    p += "~1";
                else
                    p += c;
            }
        }
        return printable(p, 200);
    }

    void fail(std::string where, std::string message)
    {
        if (!error)
            error = DesignError{std::move(where), std::move(message)};
    }

    std::string_view m_text;
    JsonLimits m_limits;
    std::vector<Level> m_levels;
    std::size_t m_values = 0;
};

} // namespace

std::optional<DesignError> scanJson(std::string_view text, const JsonLimits &limits)
{
    // The parser would stop at a NUL byte and take what came before as the whole file.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        return DesignError{"",
                           "the file holds a NUL byte at " + lineAndColumn(text, nul)
                               + "; a design is UTF-8 text"};
    Scanner scanner(text, limits);
    nlohmann::json::sax_parse(text.begin(), text.end(), &scanner);
    return scanner.error;
}

} // namespace hld
