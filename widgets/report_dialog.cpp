#include "report_dialog.h"

#include "report_export.h"
#include "report_run.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <thread>

namespace hld {

// The run on its own thread; the dialog polls its progress and collects the results.
class ReportWorker
{
public:
    ReportWorker(const Design &d,
                 const RunOptions &opt,
                 std::atomic<double> &progress,
                 const std::atomic<bool> &cancel)
        : m_thread([this, d, opt, &progress, &cancel] {
            results = runForReport(
                d, opt, [&progress](double f) { progress = f; }, &cancel);
            done = true;
        })
    {}
    ~ReportWorker() { m_thread.join(); }

    std::optional<Results> results;
    std::atomic<bool> done{false};

private:
    std::thread m_thread;
};

ReportDialog::ReportDialog(const Design &design,
                           std::uint64_t seed,
                           const QString &suggestedPath,
                           QWidget *parent)
    : QDialog(parent)
    , m_design(design)
    , m_suggested(suggestedPath)
    , m_format(new QComboBox(this))
    , m_duration(new QDoubleSpinBox(this))
    , m_warmup(new QDoubleSpinBox(this))
    , m_replications(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_bar(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_go(new QPushButton(tr("Run and Save…"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_poll(new QTimer(this))
{
    setWindowTitle(tr("Export Report"));
    m_format->addItem(tr("HTML (one self-contained file)"), QStringLiteral("html"));
    m_format->addItem(tr("PDF"), QStringLiteral("pdf"));
    m_format->addItem(tr("Markdown (with images beside it)"), QStringLiteral("md"));
    m_duration->setRange(1, 1e6);
    m_duration->setDecimals(0);
    m_duration->setSuffix(tr(" simulated s"));
    m_duration->setValue(design.scenario && design.scenario->durationS ? *design.scenario->durationS
                                                                       : 60);
    m_warmup->setRange(0, 1e6);
    m_warmup->setDecimals(0);
    m_warmup->setSuffix(tr(" s"));
    m_replications->setRange(1, 100);
    m_replications->setValue(3);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(int(std::min<std::uint64_t>(seed, std::numeric_limits<int>::max())));
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_status->setWordWrap(true);
    m_status->setText(tr("The report runs the design with these settings, then writes the "
                         "diagram, the components, the results with confidence intervals, the "
                         "charts over time and the findings."));
    for (auto [w, name] :
         std::initializer_list<std::pair<QWidget *, const char *>>{{m_format, "format"},
                                                                   {m_duration, "duration"},
                                                                   {m_warmup, "warmup"},
                                                                   {m_replications, "replications"},
                                                                   {m_seed, "seed"},
                                                                   {m_bar, "progress"},
                                                                   {m_status, "status"},
                                                                   {m_go, "go"},
                                                                   {m_cancelButton, "cancel"}})
        w->setObjectName(QString::fromLatin1(name));

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Arrivals for:"), m_duration);
    form->addRow(tr("Warm-up:"), m_warmup);
    form->addRow(tr("Replications:"), m_replications);
    form->addRow(tr("Seed:"), m_seed);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_go);
    m_go->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(460, sizeHint().height());

    connect(m_go, &QPushButton::clicked, this, &ReportDialog::chooseFileAndStart);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_running)
            m_cancel = true; // the worker stops within milliseconds; the poll tidies up
        else
            reject();
    });
    m_poll->setInterval(50);
    connect(m_poll, &QTimer::timeout, this, [this] {
        m_bar->setValue(int(1000 * m_progress.load()));
        if (m_worker && m_worker->done)
            onRunDone(m_cancel);
    });
}

ReportDialog::~ReportDialog()
{
    m_cancel = true;
    m_worker.reset(); // joins
}

void ReportDialog::chooseFileAndStart()
{
    const QString key = m_format->currentData().toString();
    const QFileInfo base(m_suggested);
    const QString initial = base.path() + QLatin1Char('/') + base.completeBaseName()
                            + QStringLiteral("-report.") + key;
    const QString filter = key == QLatin1String("html")  ? tr("HTML (*.html)")
                           : key == QLatin1String("pdf") ? tr("PDF (*.pdf)")
                                                         : tr("Markdown (*.md)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Report"), initial, filter);
    if (!path.isEmpty())
        start(path);
}

void ReportDialog::setRunning(bool on)
{
    m_running = on;
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_format, m_duration, m_warmup, m_replications, m_seed, m_go})
        w->setEnabled(!on);
    m_cancelButton->setText(on ? tr("Cancel Run") : tr("Close"));
}

void ReportDialog::start(const QString &path)
{
    if (m_running)
        return;
    m_path = path;
    if (!reportFormatFor(path)) // a name typed without the extension
        m_path += QLatin1Char('.') + m_format->currentData().toString();
    RunOptions opt;
    opt.sim.durationS = m_duration->value();
    opt.sim.warmupS = m_warmup->value();
    opt.replications = m_replications->value();
    opt.threads = std::clamp(int(std::thread::hardware_concurrency()), 1, opt.replications);
    opt.seed = std::uint64_t(m_seed->value());
    m_cancel = false;
    m_progress = 0;
    m_error.clear();
    setRunning(true);
    m_status->setText((opt.replications == 1 ? tr("Running %1 replication of %2 simulated seconds…")
                                             : tr("Running %1 replications of %2 simulated "
                                                  "seconds…"))
                          .arg(opt.replications)
                          .arg(opt.sim.durationS));
    m_worker = std::make_unique<ReportWorker>(m_design, opt, m_progress, m_cancel);
    m_poll->start();
}

void ReportDialog::onRunDone(bool cancelled)
{
    m_poll->stop();
    const std::optional<Results> results = std::move(m_worker->results);
    RunOptions opt;
    opt.sim.durationS = m_duration->value();
    opt.sim.warmupS = m_warmup->value();
    opt.replications = m_replications->value();
    opt.seed = std::uint64_t(m_seed->value());
    m_worker.reset();
    setRunning(false);
    if (cancelled || !results) {
        m_bar->setValue(0);
        m_status->setText(tr("Cancelled: no report was written."));
        emit finished(false);
        return;
    }
    m_status->setText(tr("Writing the report…"));
    const ReportFiles files = writeReportFiles(m_design,
                                               *results,
                                               {opt, false},
                                               m_path,
                                               reportFormatFor(m_path).value_or(ReportFormat::Html),
                                               m_providers);
    if (!files.error.isEmpty()) {
        m_error = files.error;
        m_status->setText(tr("Cannot write the report: %1").arg(files.error));
        emit finished(false);
        return;
    }
    m_written = m_path;
    m_bar->setValue(1000);
    m_status->setText(tr("Wrote <a href=\"%1\">%2</a>%3.")
                          .arg(QUrl::fromLocalFile(m_path).toString().toHtmlEscaped(),
                               QFileInfo(m_path).fileName().toHtmlEscaped(),
                               files.pages == 1  ? tr(" (1 page)")
                               : files.pages > 1 ? tr(" (%1 pages)").arg(files.pages)
                                                 : QString()));
    m_status->setOpenExternalLinks(true);
    emit finished(true);
}

} // namespace hld
