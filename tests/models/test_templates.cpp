// Every shipped template loads, validates, justifies every component, and runs stably.
#include "file_controller.h"
#include "io/design_validate.h"
#include "sim/run.h"

#include <QTest>

using namespace hld;

class TestTemplates : public QObject
{
    Q_OBJECT

private slots:
    void atLeastEightTemplates() { QVERIFY(FileController::templates().size() >= 8); }

    void everyTemplateIsValidJustifiedAndStable()
    {
        for (const auto &[title, path] : FileController::templates()) {
            QString error;
            const auto d = FileController::loadTemplate(path, &error);
            QVERIFY2(d, qPrintable(error));
            QVERIFY2(validateDesign(*d).empty(), qPrintable(path));
            QVERIFY(!d->name.empty());
            for (const auto &c : d->components)
                QVERIFY2(c.justification && c.justification->size() > 20,
                         qPrintable(path + QStringLiteral(": ") + QString::fromStdString(c.id)));
            RunOptions o;
            o.sim.durationS = 5;
            const Results r = runDesign(*d, o);
            QVERIFY2(r.status == "ok", qPrintable(path));
            QVERIFY2(r.endToEnd.errorRate < 0.01, qPrintable(path));
            for (const auto &f : r.findings)
                QVERIFY2(
                    f.severity != Severity::Error,
                    qPrintable(path + QStringLiteral(": ") + QString::fromStdString(f.message)));
        }
    }
};

QTEST_GUILESS_MAIN(TestTemplates)
#include "test_templates.moc"
