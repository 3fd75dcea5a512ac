#pragma once

#include <optional>
#include <string>

namespace hld::cli {

// `--out FILE`, checked before a run and written atomically after it: a temporary file in
// the same directory, flushed to disk, then renamed over FILE. A failed write leaves FILE
// as it was; a path that cannot be written is found before minutes of simulation.
class OutputFile
{
public:
    // Nothing, with `error` set, if FILE cannot be written or is the design itself.
    static std::optional<OutputFile>
    prepare(const std::string &path, const std::string &designPath, std::string &error);
    bool write(const std::string &text, std::string &error) const;
    const std::string &path() const { return m_path; }

private:
    explicit OutputFile(std::string path)
        : m_path(std::move(path))
    {}
    std::string m_path;
};

} // namespace hld::cli
