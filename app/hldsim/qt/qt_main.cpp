// hldsim-qt: the Qt half of hldsim (export, import, report). Started by hldsim; never
// opens a window and needs no display.
#include "qt_commands.h"

#include <QApplication>

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace {

// Qt's own chatter (font or platform notes) is not for a command-line user.
void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &msg)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "hldsim: %s\n", qPrintable(msg));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("HLDSIM_QT_DEBUG"))
        qInstallMessageHandler(quietMessages);
    const std::vector<std::string> args(argv + 1, argv + argc);
    int qtArgc = 1; // Qt must not read the user's arguments as its own (-style, -platform)
    QApplication app(qtArgc, argv);
    QApplication::setApplicationName(QStringLiteral("hldsim"));
    return hld::cli::runQtCommand(args, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
}
