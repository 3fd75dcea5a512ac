#include "interchange_cli.h"

#include "cli_main.h"
#include "interchange/text_interchange.h"
#include "interchange_options.h"
#include "io/design_reader.h"
#include "io/display_text.h"
#include "output_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <ostream>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace hld::cli {

namespace {

std::string siblingTool()
{
    if (const char *env = std::getenv("HLDSIM_QT"); env && *env)
        return env;
    char buf[4096];
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return "hldsim-qt";
    std::string self(buf, std::size_t(n));
    return self.substr(0, self.find_last_of('/') + 1) + "hldsim-qt";
}

int runQtTool(const std::vector<std::string> &args, std::ostream &err)
{
    const std::string tool = siblingTool();
    if (access(tool.c_str(), X_OK) != 0) {
        err << "hldsim: " << args[0] << " needs " << printable(tool)
            << ", which is not installed beside hldsim (build with the Qt front end)\n";
        return kExitIo;
    }
    std::vector<char *> argv{const_cast<char *>(tool.c_str())};
    for (const auto &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    err.flush();
    pid_t pid = 0;
    if (posix_spawn(&pid, tool.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
        err << "hldsim: cannot start " << printable(tool) << ": " << std::strerror(errno) << "\n";
        return kExitIo;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    err << "hldsim: " << printable(tool) << " stopped by signal " << WTERMSIG(status) << "\n";
    return kExitIo;
}

} // namespace

int runInterchange(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    for (const auto &a : args) {
        if (a == "--help" || a == "-h") {
            out << interchangeUsage();
            return kExitOk;
        }
    }
    auto parsed = parseInterchange(args);
    if (auto *e = std::get_if<std::string>(&parsed)) {
        err << "hldsim: " << printable(*e, 2000) << "\ntry 'hldsim --help'\n";
        return kExitUsage;
    }
    const InterchangeOptions &o = std::get<InterchangeOptions>(parsed);
    if (needsQt(o))
        return runQtTool(args, err);

    std::string why;
    const auto output = OutputFile::prepare(o.out, o.input, why);
    if (!output) {
        err << "hldsim: " << why << "\n";
        return kExitUsage;
    }
    const LoadResult loaded = loadDesignFile(o.input);
    if (!loaded.ok()) {
        err << loaded.describe(o.input);
        return kExitInvalidDesign;
    }
    Design d = *loaded.design;
    if (!o.only.empty()) {
        const std::set<std::string> keep(o.only.begin(), o.only.end());
        for (const auto &id : keep) {
            if (!d.find(id)) {
                err << "hldsim: --only: " << printable(o.input) << " has no component '"
                    << printable(id) << "'\n";
                return kExitUsage;
            }
        }
        std::erase_if(d.components, [&](const Component &c) { return !keep.count(c.id); });
        std::erase_if(d.links,
                      [&](const Link &l) { return !keep.count(l.from) || !keep.count(l.to); });
    }
    const std::string text
        = o.format == "mermaid" ? interchange::designToMermaid(d) : interchange::designToDot(d);
    if (!output->write(text, why)) {
        err << "hldsim: " << why << "\n";
        return kExitIo;
    }
    return kExitOk;
}

} // namespace hld::cli
