#include "concept_comparison.h"

#include "report/results_format.h"
#include "sim/run.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace hld {

namespace {

constexpr double kDefaultDurationS = 60;

} // namespace

QJsonObject runConceptVariant(const Design &d, std::uint64_t seed)
{
    RunOptions opt;
    opt.seed = seed;
    opt.sim.durationS
        = d.scenario && d.scenario->durationS ? *d.scenario->durationS : kDefaultDurationS;
    try {
        const std::string json = resultsToJsonText(runDesign(d, opt));
        return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    } catch (const std::exception &e) {
        return QJsonObject{{QStringLiteral("error"), QString::fromUtf8(e.what())}};
    }
}

std::optional<double> resultValue(const QJsonObject &results, const QString &path)
{
    QJsonValue v = results;
    for (const QString &part : path.split(QLatin1Char('.'))) {
        bool number = false;
        const int index = part.toInt(&number);
        if (v.isArray() && number && index >= 0) { // links.1.retries: the second link
            if (index >= v.toArray().size())
                return std::nullopt;
            v = v.toArray().at(index);
            continue;
        }
        if (!v.isObject())
            return std::nullopt;
        v = v.toObject().value(part);
    }
    if (v.isDouble())
        return v.toDouble();
    if (v.isArray()) {
        std::optional<double> top;
        for (const QJsonValue &e : v.toArray()) {
            if (e.isDouble() && (!top || e.toDouble() > *top))
                top = e.toDouble();
        }
        return top;
    }
    return std::nullopt;
}

QList<ComparisonRow> comparisonRows(const Concept &c, const QJsonObject &on, const QJsonObject &off)
{
    using B = ConceptCounter::Better;
    QList<ConceptCounter> all{
        {QStringLiteral("end_to_end.p50_ms"), QObject::tr("P50 latency (ms)"), B::Lower},
        {QStringLiteral("end_to_end.p99_ms"), QObject::tr("P99 latency (ms)"), B::Lower},
        {QStringLiteral("end_to_end.error_rate"), QObject::tr("Error rate"), B::Lower},
    };
    all += c.counters;
    QList<ComparisonRow> rows;
    for (const ConceptCounter &k : all) {
        ComparisonRow r;
        r.label = k.label;
        r.path = k.path;
        r.better = k.better;
        r.on = resultValue(on, k.path);
        r.off = resultValue(off, k.path);
        const double a = r.on.value_or(0), b = r.off.value_or(0);
        const double scale = std::max(std::abs(a), std::abs(b));
        r.differs = r.on.has_value() != r.off.has_value()
                    || (scale > 1e-9 && std::abs(a - b) > 0.05 * scale);
        if (r.differs && r.on && r.off && k.better != B::Either)
            r.betterSide = (a < b) == (k.better == B::Lower) ? 0 : 1;
        rows.append(r);
    }
    return rows;
}

ConceptComparison::ConceptComparison(QObject *parent)
    : QObject(parent)
{
    for (auto *w : {&m_onWatcher, &m_offWatcher})
        connect(w, &QFutureWatcherBase::finished, this, [this] { variantDone(); });
}

ConceptComparison::~ConceptComparison()
{
    waitForFinished(); // the runs hold no reference to this object, but finish them cleanly
}

bool ConceptComparison::start(const Concept &c, std::uint64_t seed)
{
    waitForFinished();
    m_concept = c;
    m_on = m_off = {};
    m_error.clear();
    m_done = 0;
    QString why;
    auto on = ConceptLibrary::loadDesign(c, Concept::Variant::On, &why);
    auto off = on ? ConceptLibrary::loadDesign(c, Concept::Variant::Off, &why) : std::nullopt;
    if (!on || !off) {
        m_error = why;
        return false;
    }
    emit progress(0, 2);
    m_onWatcher.setFuture(
        QtConcurrent::run([d = *on, seed] { return runConceptVariant(d, seed); }));
    m_offWatcher.setFuture(
        QtConcurrent::run([d = *off, seed] { return runConceptVariant(d, seed); }));
    return true;
}

bool ConceptComparison::isRunning() const
{
    return m_onWatcher.isRunning() || m_offWatcher.isRunning();
}

void ConceptComparison::waitForFinished()
{
    m_onWatcher.waitForFinished();
    m_offWatcher.waitForFinished();
}

void ConceptComparison::variantDone()
{
    // A watcher also reports the end of an abandoned future; count only this run's.
    if (m_done >= 2)
        return;
    ++m_done;
    emit progress(m_done, 2);
    if (m_done < 2)
        return;
    m_on = m_onWatcher.result();
    m_off = m_offWatcher.result();
    for (const QJsonObject *r : {&m_on, &m_off}) {
        if (r->contains(QLatin1String("error")))
            m_error = r->value(QLatin1String("error")).toString();
    }
    emit finished();
}

} // namespace hld
