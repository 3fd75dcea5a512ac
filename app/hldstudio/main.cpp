// hldstudio [FILE] [--screenshot OUT.png] [--select ID,ID] [--simulate S] [--size WxH]
#include "diagram_scene.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "main_window.h"
#include "simulation_controller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("HLD Studio"));
    QApplication::setApplicationName(QStringLiteral("HLD Studio"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw a system architecture and simulate it."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window at 1280x800 to OUT.png and exit."),
        QStringLiteral("OUT.png"));
    parser.addOption(screenshot);
    QCommandLineOption select(QStringLiteral("select"),
                              QStringLiteral("Select these components (comma-separated ids)."),
                              QStringLiteral("IDS"));
    parser.addOption(select);
    QCommandLineOption simulate(
        QStringLiteral("simulate"),
        QStringLiteral("With --screenshot: run the simulation to simulated second S first."),
        QStringLiteral("S"));
    parser.addOption(simulate);
    QCommandLineOption size(QStringLiteral("size"),
                            QStringLiteral("The window's size (default 1280x800)."),
                            QStringLiteral("WxH"),
                            QStringLiteral("1280x800"));
    parser.addOption(size);
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A design to open (*.hld.json)."));
    parser.process(app);

    hld::MainWindow window;
    const QStringList files = parser.positionalArguments();
    const bool shooting = parser.isSet(screenshot);
    bool opened = false;
    if (!shooting)
        opened = window.offerRecovery();
    if (!opened && !files.isEmpty()) {
        if (shooting) {
            // No dialogs when nobody is there to answer them: the loader's message on stderr.
            if (auto error = window.files()->open(files.front())) {
                std::fprintf(stderr, "hldstudio: %s\n", qPrintable(*error));
                return 3;
            }
            opened = true;
        } else {
            opened = window.openFile(files.front());
        }
    }
    // Without a file: the start page (a screenshot shows the demo design instead).
    if (!opened && shooting)
        window.openDemo();
    else if (!opened)
        window.showStartPage();
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    window.resize(wh.value(0).toInt() > 0 ? wh.value(0).toInt() : 1280,
                  wh.value(1).toInt() > 0 ? wh.value(1).toInt() : 800);
    window.show();
    if (parser.isSet(select))
        window.scene()->selectComponents(
            parser.value(select).split(QLatin1Char(','), Qt::SkipEmptyParts));

    if (shooting) {
        // Let layouts settle, fit the design, then grab the window.
        const double until = parser.value(simulate).toDouble();
        if (until > 0) // exactly to that second, so the picture is the same every time
            window.simulation()->step(until);
        auto *poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &window, [&, poll, until] {
            const auto s = window.simulation()->latest();
            if (until > 0 && (!s || s->simTimeS < until))
                return;
            poll->stop();
            window.simulation()->pause();
            window.view()->zoomToFit();
            QTimer::singleShot(50, &window, [&] {
                const QString out = parser.value(screenshot);
                const bool ok = window.grab().save(out);
                if (!ok)
                    std::fprintf(stderr, "hldstudio: cannot write %s\n", qPrintable(out));
                QApplication::exit(ok ? 0 : 4);
            });
        });
        poll->start(50);
    }
    return app.exec();
}
