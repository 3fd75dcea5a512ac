#include "output_file.h"

#include "io/display_text.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace hld::cli {

namespace fs = std::filesystem;

namespace {

std::string directoryOf(const std::string &path)
{
    const fs::path dir = fs::path(path).parent_path();
    return dir.empty() ? std::string(".") : dir.string();
}

// A new temporary file beside `path`; -1 with errno set on failure.
int makeTemp(const std::string &path, std::string &tempPath)
{
    tempPath
        = (fs::path(directoryOf(path)) / ("." + fs::path(path).filename().string() + ".XXXXXX"))
              .string();
    return mkstemp(tempPath.data());
}

} // namespace

std::optional<OutputFile>
OutputFile::prepare(const std::string &path, const std::string &designPath, std::string &error)
{
    const std::string shown = printable(path);
    if (path.empty() || path.back() == '/') {
        error = "--out " + shown + ": needs a file name";
        return std::nullopt;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        error = "--out " + shown + ": is a directory";
        return std::nullopt;
    }
    if (fs::exists(path, ec) && fs::equivalent(path, designPath, ec)) {
        error = "--out " + shown + ": is the design file itself; it would be overwritten";
        return std::nullopt;
    }
    if (!fs::is_directory(directoryOf(path), ec)) {
        error = "--out " + shown + ": the directory " + printable(directoryOf(path))
                + " does not exist";
        return std::nullopt;
    }
    // Prove now that the directory takes a new file, rather than after the run.
    std::string probe;
    const int fd = makeTemp(path, probe);
    if (fd < 0) {
        error = "--out " + shown + ": cannot create a file in " + printable(directoryOf(path))
                + " (" + std::strerror(errno) + ")";
        return std::nullopt;
    }
    ::close(fd);
    ::unlink(probe.c_str());
    return OutputFile(path);
}

bool OutputFile::write(const std::string &text, std::string &error) const
{
    std::string temp;
    const int fd = makeTemp(m_path, temp);
    auto failWith = [&](const char *what) {
        error = "cannot write " + printable(m_path) + ": " + what + " (" + std::strerror(errno)
                + "); the file is unchanged";
        if (fd >= 0)
            ::close(fd);
        ::unlink(temp.c_str());
        return false;
    };
    if (fd < 0)
        return failWith("cannot create a temporary file");
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failWith("write failed");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
        return failWith("flush failed");
    const mode_t mask = ::umask(0); // mkstemp makes 0600; give the file the usual mode
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    if (::close(fd) != 0) {
        ::unlink(temp.c_str());
        error = "cannot write " + printable(m_path) + ": close failed; the file is unchanged";
        return false;
    }
    if (std::rename(temp.c_str(), m_path.c_str()) != 0) {
        error = "cannot write " + printable(m_path) + ": rename failed (" + std::strerror(errno)
                + "); the file is unchanged";
        ::unlink(temp.c_str());
        return false;
    }
    return true;
}

} // namespace hld::cli
