#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace hld::test {

struct Run
{
    int status = -1;
    std::string out;
};

// Runs hldsim with a shell-quoted argument string; stderr is folded into the output when
// `withStderr` is set.
inline Run hldsim(const std::string &args, bool withStderr = false)
{
    const std::string cmd
        = std::string(HLDSIM_PATH) + " " + args + (withStderr ? " 2>&1" : " 2>/dev/null");
    Run r;
    FILE *p = popen(cmd.c_str(), "r");
    if (!p)
        return r;
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
        r.out.append(buf.data(), n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

inline const std::string kDemo
    = std::string(HLD_SOURCE_DIR) + "/resources/examples/url-shortener.hld.json";

inline std::string writeTemp(const std::string &name, const std::string &text)
{
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path.string();
}

} // namespace hld::test
