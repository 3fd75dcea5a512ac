// Interview mode's models (issue 12): the clock and its phases under a fake clock, interview
// edits as undo steps that survive save and load, the prompt library, and the estimate
// applied to the clients.
#include "design_document.h"
#include "design_editor.h"
#include "estimate_apply.h"
#include "file_controller.h"
#include "interview_clock.h"
#include "measured_load.h"
#include "prompt_library.h"

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace hld;

namespace {
constexpr std::array<double, kInterviewPhases> kOneEach{1, 2, 1, 1, 1, 1}; // minutes

Interview startedInterview()
{
    Interview iv;
    iv.prompt = "url-shortener";
    iv.phaseMinutes = kOneEach;
    return iv;
}
} // namespace

class TestInterview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void clockChangesPhaseAtTheConfiguredBoundaries()
    {
        qint64 now = 1'000'000;
        InterviewClock clock(nullptr, [&now] { return now; });
        clock.restore(0, kOneEach);
        QSignalSpy phases(&clock, &InterviewClock::phaseChanged);
        QSignalSpy finished(&clock, &InterviewClock::finished);
        clock.start();
        QCOMPARE(clock.phase(), InterviewPhase::Requirements);
        now += 59'900;
        clock.poll();
        QCOMPARE(phases.count(), 0);
        QCOMPARE(clock.leftInPhaseS(), 0.1);
        now += 100; // 60 s: estimation begins
        clock.poll();
        QCOMPARE(phases.count(), 1);
        QCOMPARE(phases.takeFirst().at(0).toInt(), int(InterviewPhase::Estimation));
        now += 119'000; // 179 s: still estimation, which lasts two minutes
        clock.poll();
        QCOMPARE(phases.count(), 0);
        now += 1'000; // 180 s: API
        clock.poll();
        QCOMPARE(phases.count(), 1);
        QCOMPARE(phases.takeFirst().at(0).toInt(), int(InterviewPhase::Api));
        // A jump over several phases lands in the right one, with one signal.
        now += 200'000; // 380 s: the last phase (360-420 s)
        clock.poll();
        QCOMPARE(clock.phase(), InterviewPhase::ScaleAndFailures);
        QCOMPARE(phases.count(), 1);
        QCOMPARE(finished.count(), 0);
        now += 40'000; // 420 s: time is up
        clock.poll();
        QCOMPARE(finished.count(), 1);
        QVERIFY(clock.isOvertime());
        QVERIFY(clock.isRunning()); // overtime keeps counting
    }

    void pauseStopsTimeAndResumeContinues()
    {
        qint64 now = 0;
        InterviewClock clock(nullptr, [&now] { return now; });
        clock.restore(0, kOneEach);
        QSignalSpy running(&clock, &InterviewClock::runningChanged);
        clock.start();
        now = 30'000;
        clock.pause();
        QCOMPARE(clock.elapsedS(), 30.0);
        QVERIFY(!clock.isRunning());
        now = 500'000; // time passes while paused
        clock.poll();
        QCOMPARE(clock.elapsedS(), 30.0);
        QCOMPARE(clock.phase(), InterviewPhase::Requirements);
        clock.resume();
        now = 540'000;
        QCOMPARE(clock.elapsedS(), 70.0);
        QCOMPARE(clock.phase(), InterviewPhase::Estimation);
        QCOMPARE(running.count(), 3); // start, pause, resume
    }

    void restoresPausedAtTheSavedReading()
    {
        qint64 now = 7'000;
        InterviewClock clock(nullptr, [&now] { return now; });
        clock.start();
        clock.restore(250, kOneEach); // 250 s: the fourth phase (240-300 s)
        QVERIFY(!clock.isRunning());
        QCOMPARE(clock.elapsedS(), 250.0);
        QCOMPARE(clock.phase(), InterviewPhase::HighLevel);
        QCOMPARE(clock.leftInPhaseS(), 50.0);
        now += 100'000;
        QCOMPARE(clock.elapsedS(), 250.0);
        clock.start();
        now += 50'000;
        QCOMPARE(clock.phase(), InterviewPhase::DeepDive);
    }

    void interviewEditsAreUndoableAndTypingMerges()
    {
        DesignDocument doc;
        DesignEditor ed(&doc);
        doc.resetDesign(interviewStartDesign(startedInterview()));
        QSignalSpy changed(&doc, &DesignDocument::interviewChanged);
        auto edit = [&](auto change, int field) {
            Interview iv = *doc.design().interview;
            change(iv);
            ed.setInterview(iv, QStringLiteral("edit"), field);
        };
        // Typing in one field: one undo step.
        edit([](Interview &iv) { iv.requirements = "h"; }, 0);
        edit([](Interview &iv) { iv.requirements = "ho"; }, 0);
        edit([](Interview &iv) { iv.requirements = "how many users?"; }, 0);
        QCOMPARE(doc.undoStack()->count(), 1);
        // Another field starts another step.
        edit([](Interview &iv) { iv.deepDive = "the cache"; }, 2);
        edit([](Interview &iv) { iv.api.push_back({"GET", "/{code}", "redirect"}); }, -1);
        edit([](Interview &iv) { iv.phaseMinutes[3] = 20; }, -1);
        EstimateInput in;
        in.dau = 20e6;
        edit([&](Interview &iv) { iv.estimate = in; }, 10);
        QCOMPARE(doc.undoStack()->count(), 5);
        QVERIFY(changed.count() >= 7);
        const Interview full = *doc.design().interview;

        // The clock's reading is no undo step, and undo keeps it; but the file is modified.
        doc.undoStack()->setClean();
        doc.storeInterviewElapsed(123);
        QCOMPARE(doc.undoStack()->count(), 5);
        QVERIFY(!doc.undoStack()->isClean());

        for (int i = 0; i < 5; ++i)
            doc.undoStack()->undo();
        Interview empty = startedInterview();
        empty.elapsedS = 123;
        QCOMPARE(*doc.design().interview, empty);
        for (int i = 0; i < 5; ++i)
            doc.undoStack()->redo();
        Interview expected = full;
        expected.elapsedS = 123;
        QCOMPARE(*doc.design().interview, expected);

        // Typing something, then deleting it, leaves nothing to undo.
        edit([](Interview &iv) { iv.failures = "x"; }, 3);
        edit([](Interview &iv) { iv.failures = ""; }, 3);
        QCOMPARE(doc.undoStack()->count(), 5);
    }

    void interviewSurvivesSaveAndLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.hld.json"));
        DesignDocument doc;
        DesignEditor ed(&doc);
        FileController files(&doc);
        files.newDocument(interviewStartDesign(startedInterview()));
        Interview iv = *doc.design().interview;
        iv.requirements = "20M DAU, 98% redirects";
        iv.estimates = "3.5k/s at peak";
        iv.api = {{"POST", "/links", "create"}, {"GET", "/{code}", "redirect"}};
        iv.deepDive = "cache the hot codes";
        iv.failures = "database leader dies: promote a follower";
        iv.tradeOffs = "302 for analytics; costs a hop";
        EstimateInput in;
        in.dau = 20e6;
        in.requestsPerUser = 5;
        in.readRatio = 0.98;
        iv.estimate = in;
        iv.phaseMinutes = kOneEach;
        ed.setInterview(iv, QStringLiteral("notes"));
        // The clock stores its reading just before the write.
        connect(&files, &FileController::aboutToSave, &doc, [&doc] {
            doc.storeInterviewElapsed(321.5);
        });
        QVERIFY(!files.saveAs(path));
        QVERIFY(!files.isModified());

        DesignDocument doc2;
        FileController files2(&doc2);
        QVERIFY(!files2.open(path));
        QVERIFY(doc2.design().interview.has_value());
        iv.elapsedS = 321.5;
        QCOMPARE(*doc2.design().interview, iv);
    }

    void promptLibraryListsEveryPromptAndEachParses()
    {
        const PromptLibrary &lib = PromptLibrary::shipped();
        const QStringList files = QDir(QStringLiteral(HLD_SOURCE_DIR "/resources/prompts"))
                                      .entryList({QStringLiteral("*.prompt.json")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const auto &p : lib.problems())
            qWarning() << p.path << p.error;
        QVERIFY(lib.problems().isEmpty());
        QCOMPARE(lib.entries().size(), files.size()); // every file is in the resources
        for (const auto &e : lib.entries()) {
            const QString id = QString::fromStdString(e.prompt.id);
            QVERIFY2(files.contains(id + QStringLiteral(".prompt.json")), qPrintable(id));
            QVERIFY(!PromptLibrary::summary(e.prompt).isEmpty());
            QVERIFY(e.prompt.targetRps() > 0);
            QString error;
            QVERIFY2(lib.referenceDesign(id, &error),
                     qPrintable(id + QStringLiteral(": ") + error));
        }
        QVERIFY(lib.find(QStringLiteral("url-shortener")));
        QVERIFY(!lib.find(QStringLiteral("no-such-prompt")));
    }

    void estimateSplitsAcrossClientsByTheirRates()
    {
        Design d;
        for (const auto &[id, rps] : {std::pair{"web", 100.0}, {"mobile", 300.0}}) {
            Component c;
            c.kind = ComponentKind::Client;
            c.id = id;
            c.traffic = Traffic{};
            c.traffic->rps = rps;
            d.components.push_back(c);
        }
        auto edits = clientsAtEstimate(d, 1000, 0.8);
        QCOMPARE(edits.size(), std::size_t(2));
        QCOMPARE(edits[0].second.traffic->rps, 250.0);
        QCOMPARE(edits[1].second.traffic->rps, 750.0);
        QCOMPARE(*edits[1].second.traffic->readRatio, 0.8);
        // Clients sending nothing share equally; one client takes it all.
        d.components[0].traffic->rps = 0;
        d.components[1].traffic->rps = 0;
        edits = clientsAtEstimate(d, 1000, 0.5);
        QCOMPARE(edits[0].second.traffic->rps, 500.0);
        d.components.pop_back();
        QCOMPARE(clientsAtEstimate(d, 3472.2, 0.9)[0].second.traffic->rps, 3472.0);
    }

    void measuredLoadAveragesOverSimulatedTime()
    {
        Design d;
        d.components.resize(2);
        d.components[0].id = "db";
        d.components[1].id = "new";
        MeasuredLoad load;
        QVERIFY(load.byComponent(d).empty());
        LiveSnapshot s;
        s.generation = 1;
        s.previousSimTimeS = 0;
        s.simTimeS = 1;
        s.nodes.push_back(LiveNode{});
        s.nodes.back().id = QStringLiteral("db");
        s.nodes.back().utilization = 0.5;
        load.add(s);
        s.previousSimTimeS = 1;
        s.simTimeS = 4;
        s.nodes.back().utilization = 0.9;
        load.add(s);
        const auto u = load.byComponent(d);
        QCOMPARE(u.size(), std::size_t(2));
        QVERIFY(qAbs(u[0] - 0.8) < 1e-9); // (0.5 x 1 + 0.9 x 3) / 4
        QCOMPARE(u[1], 0.0);
        s.generation = 2; // a reset: a new run starts afresh
        load.add(s);
        QVERIFY(qAbs(load.byComponent(d)[0] - 0.9) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestInterview)
#include "test_interview.moc"
