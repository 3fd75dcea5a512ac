#include "estimator_panel.h"

#include "analysis/estimator.h"
#include "design_editor.h"
#include "reference_numbers.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace hld {

namespace {

struct FieldSpec
{
    const char *name;
    const char *label;
    const char *tip;
    double min, max, step;
    int decimals;
    const char *suffix;
};

constexpr FieldSpec kFields[] = {
    {"dau",
     QT_TR_NOOP("Daily active users:"),
     QT_TR_NOOP("People who use it on a day."),
     0,
     1e10,
     1e6,
     0,
     ""},
    {"requestsPerUser",
     QT_TR_NOOP("Requests per user:"),
     QT_TR_NOOP("Per user per day."),
     0,
     1e5,
     1,
     1,
     ""},
    {"readRatio",
     QT_TR_NOOP("Read ratio:"),
     QT_TR_NOOP("Share of requests that read (0.9 = 9 reads to 1 write)."),
     0,
     1,
     0.01,
     2,
     ""},
    {"peakFactor",
     QT_TR_NOOP("Peak factor:"),
     QT_TR_NOOP("Peak over average; the guide's rule of thumb is 3."),
     1,
     100,
     0.5,
     1,
     " ×"},
    {"payloadBytes",
     QT_TR_NOOP("Payload:"),
     QT_TR_NOOP("Bytes per request, and per stored write."),
     0,
     1e10,
     100,
     0,
     " bytes"},
    {"retentionDays",
     QT_TR_NOOP("Retention:"),
     QT_TR_NOOP("How long writes are kept."),
     0,
     36500,
     30,
     0,
     " days"},
    {"cacheShare",
     QT_TR_NOOP("Cache share:"),
     QT_TR_NOOP("The hot set as a share of a day's reads (80/20: 0.2)."),
     0,
     1,
     0.05,
     2,
     ""},
    {"serverRps",
     QT_TR_NOOP("Server capacity:"),
     QT_TR_NOOP("Requests per second one server handles (the guide: 10,000–50,000)."),
     1,
     1e8,
     1000,
     0,
     " req/s"},
};

QString title(const std::string &name)
{
    static const std::pair<const char *, const char *> titles[] = {
        {"avg_rps", QT_TR_NOOP("Average requests")},
        {"peak_rps", QT_TR_NOOP("Peak requests")},
        {"reads_rps", QT_TR_NOOP("Reads")},
        {"writes_rps", QT_TR_NOOP("Writes")},
        {"storage_per_day_bytes", QT_TR_NOOP("Storage per day")},
        {"storage_total_bytes", QT_TR_NOOP("Storage in total")},
        {"bandwidth_bytes_per_s", QT_TR_NOOP("Bandwidth")},
        {"cache_bytes", QT_TR_NOOP("Cache for the hot set")},
        {"servers", QT_TR_NOOP("Servers")},
    };
    for (const auto &[key, text] : titles) {
        if (name == key)
            return EstimatorPanel::tr(text);
    }
    return QString::fromStdString(name);
}

QString formatted(const EstimateValue &v)
{
    const QLocale locale(QLocale::English);
    if (v.unit == "bytes" || v.unit == "bytes/s") {
        const QString size
            = locale.formattedDataSize(qint64(std::llround(v.value)), 1, QLocale::DataSizeSIFormat);
        return v.unit == "bytes/s" ? size + QStringLiteral("/s") : size;
    }
    if (v.unit == "servers") {
        const int servers = int(std::ceil(v.value));
        return servers == 1 ? EstimatorPanel::tr("1 server")
                            : EstimatorPanel::tr("%1 servers").arg(servers);
    }
    const QString n = v.value >= 100 ? locale.toString(std::round(v.value), 'f', 0)
                                     : locale.toString(v.value, 'f', v.value >= 10 ? 1 : 2);
    if (v.unit == "/s")
        return n + QStringLiteral(" /s");
    return n + QLatin1Char(' ') + QString::fromStdString(v.unit);
}

} // namespace

EstimatorPanel::EstimatorPanel(DesignEditor *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_results(new QTextBrowser(this))
    , m_numbersToggle(new QToolButton(this))
    , m_numbers(new QLabel(this))
    , m_apply(new QPushButton(tr("Apply to design"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("estimator"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const EstimateInput defaults;
    for (int i = 0; i < FieldCount; ++i) {
        const FieldSpec &f = kFields[i];
        auto *spin = new QDoubleSpinBox(this);
        spin->setObjectName(QString::fromLatin1(f.name));
        spin->setRange(f.min, f.max);
        spin->setSingleStep(f.step);
        spin->setDecimals(f.decimals);
        spin->setSuffix(tr(f.suffix));
        spin->setGroupSeparatorShown(true);
        spin->setToolTip(tr(f.tip));
        spin->setKeyboardTracking(true);
        m_spin[std::size_t(i)] = spin;
        form->addRow(tr(f.label), spin);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, i] {
            recompute();
            emit inputEdited(input(), i);
        });
    }
    setInput(defaults);

    m_results->setObjectName(QStringLiteral("estimateResults"));
    m_results->setOpenLinks(false);
    m_results->setMinimumHeight(140);
    m_apply->setObjectName(QStringLiteral("applyEstimate"));
    m_apply->setToolTip(tr("Send the design's clients at the estimate's peak rate with its read "
                           "ratio (split in proportion to their current rates). Undoable."));
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (auto why = applyToDesign())
            m_status->setText(*why);
    });
    m_status->setWordWrap(true);

    m_numbersToggle->setObjectName(QStringLiteral("referenceNumbersToggle"));
    m_numbersToggle->setText(tr("Reference numbers"));
    m_numbersToggle->setCheckable(true);
    m_numbersToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_numbersToggle->setArrowType(Qt::RightArrow);
    m_numbersToggle->setAutoRaise(true);
    m_numbers->setText(referenceNumbersHtml());
    m_numbers->setTextFormat(Qt::RichText);
    m_numbers->setVisible(false);
    connect(m_numbersToggle, &QToolButton::toggled, this, [this](bool on) {
        m_numbers->setVisible(on);
        m_numbersToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addWidget(m_results, 1);
    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_apply);
    applyRow->addWidget(m_status, 1);
    layout->addLayout(applyRow);
    layout->addWidget(m_numbersToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_numbers);
    recompute();
}

EstimateInput EstimatorPanel::input() const
{
    EstimateInput in;
    auto v = [this](Field f) { return m_spin[std::size_t(f)]->value(); };
    in.dau = v(Dau);
    in.requestsPerUser = v(RequestsPerUser);
    in.readRatio = v(ReadRatio);
    in.peakFactor = v(PeakFactor);
    in.payloadBytes = v(Payload);
    in.retentionDays = v(Retention);
    in.cacheShare = v(CacheShare);
    in.serverRps = v(ServerRps);
    return in;
}

void EstimatorPanel::setInput(const EstimateInput &in)
{
    const double values[FieldCount] = {in.dau,
                                       in.requestsPerUser,
                                       in.readRatio,
                                       in.peakFactor,
                                       in.payloadBytes,
                                       in.retentionDays,
                                       in.cacheShare,
                                       in.serverRps};
    for (int i = 0; i < FieldCount; ++i) {
        QDoubleSpinBox *spin = m_spin[std::size_t(i)];
        if (spin->value() == values[i])
            continue;
        const QSignalBlocker block(spin);
        spin->setValue(values[i]);
    }
    recompute();
}

void EstimatorPanel::recompute()
{
    std::string error;
    const Estimate e = estimate(input(), &error);
    m_peakRps = 0;
    if (e.values.empty()) {
        const EstimateInput in = input();
        const QString why
            = in.dau <= 0 || in.requestsPerUser <= 0
                  ? tr("Enter the daily active users and the requests each makes a day: the "
                       "arithmetic follows, step by step.")
                  : QString::fromStdString(error).remove(QStringLiteral("--"));
        m_results->setHtml(QStringLiteral("<p>%1</p>").arg(why.toHtmlEscaped()));
        m_apply->setEnabled(false);
        return;
    }
    QString html;
    for (const EstimateValue &v : e.values) {
        html += QStringLiteral("<p style='margin:2px 0'><b>%1: %2</b>")
                    .arg(title(v.name).toHtmlEscaped(), formatted(v).toHtmlEscaped());
        for (const std::string &s : v.steps)
            html += QStringLiteral("<br><span style='color:gray'>&nbsp;&nbsp;%1</span>")
                        .arg(QString::fromStdString(s).toHtmlEscaped());
        html += QStringLiteral("</p>");
    }
    m_results->setHtml(html);
    if (const EstimateValue *peak = e.find("peak_rps"))
        m_peakRps = peak->value;
    m_apply->setEnabled(m_editor && m_peakRps > 0);
    m_status->clear();
}

QString EstimatorPanel::resultsText() const
{
    return m_results->toPlainText();
}

std::optional<QString> EstimatorPanel::applyToDesign()
{
    if (!m_editor || m_peakRps <= 0)
        return tr("Nothing to apply: the estimate has no peak rate yet.");
    if (auto why = m_editor->applyEstimate(m_peakRps, input().readRatio))
        return why;
    const QString text = tr("Clients now send %1 requests/s at peak, %2% reads.")
                             .arg(QLocale(QLocale::English).toString(std::round(m_peakRps), 'f', 0))
                             .arg(qRound(input().readRatio * 100));
    m_status->setText(text);
    emit message(text);
    return std::nullopt;
}

} // namespace hld
