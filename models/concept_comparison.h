#pragma once

#include "concept_library.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>

#include <optional>

namespace hld {

// Runs one variant of a concept the way `hldsim run --format json` would: for the design's
// scenario length (60 s without one) at a fixed seed, so a comparison is repeatable. Returns
// the results JSON, or an object with an "error" string.
QJsonObject runConceptVariant(const Design &d, std::uint64_t seed = 1);

// A number of the results JSON by its dotted path; a number in the path picks an array's
// element (links.1.retries), and an array at the end gives its largest element (the
// busiest shard). Nothing when the path is absent or not a number.
std::optional<double> resultValue(const QJsonObject &results, const QString &path);

// One line of the side-by-side table: P50, P99 and error rate first, then the concept's own.
struct ComparisonRow
{
    QString label;
    QString path;
    std::optional<double> on, off;
    ConceptCounter::Better better = ConceptCounter::Better::Either;
    bool differs = false; // by more than 5% (or from zero)
    int betterSide = -1;  // 0: on is better, 1: off is better, -1: neither or no preference
};
QList<ComparisonRow>
comparisonRows(const Concept &c, const QJsonObject &on, const QJsonObject &off);

// Runs the on and off designs of a concept off the GUI thread, in parallel, and says when each
// is done. One comparison at a time; starting another abandons the first's results.
class ConceptComparison : public QObject
{
    Q_OBJECT

public:
    explicit ConceptComparison(QObject *parent = nullptr);
    ~ConceptComparison() override;

    // False (and error()) when a design cannot be loaded.
    bool start(const Concept &c, std::uint64_t seed = 1);
    bool isRunning() const;
    void waitForFinished(); // for tests and shutdown

    const Concept &current() const { return m_concept; }
    QJsonObject on() const { return m_on; }
    QJsonObject off() const { return m_off; }
    QList<ComparisonRow> rows() const { return comparisonRows(m_concept, m_on, m_off); }
    QString error() const { return m_error; }

signals:
    void progress(int done, int total);
    void finished();

private:
    void variantDone();

    Concept m_concept;
    QFutureWatcher<QJsonObject> m_onWatcher, m_offWatcher;
    QJsonObject m_on, m_off;
    QString m_error;
    int m_done = 0;
};

} // namespace hld
