#pragma once

#include "model/design.h"
#include "report/report_document.h"

#include <QDialog>

#include <atomic>
#include <optional>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace hld {

// File → Export Report: run settings (length, warm-up, replications, seed), the format,
// then a run of the design with a progress bar and a Cancel button, then the report file.
// The run happens on a worker thread; the window stays responsive.
class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    ReportDialog(const Design &design,
                 std::uint64_t seed,
                 const QString &suggestedPath,
                 QWidget *parent = nullptr);
    ~ReportDialog() override;

    // Runs and writes without asking for a file name (tests, and the Save button after the
    // file dialog). Returns at once; finished() tells the outcome.
    void start(const QString &path);
    bool isRunning() const { return m_running; }
    // Sections added after the report's own (the interview's session report).
    void setProviders(std::vector<report::SectionProvider> providers)
    {
        m_providers = std::move(providers);
    }
    QString lastWritten() const { return m_written; }
    QString lastError() const { return m_error; }

signals:
    void finished(bool ok);

private:
    void chooseFileAndStart();
    void onRunDone(bool cancelled);
    void setRunning(bool on);

    Design m_design;
    std::vector<report::SectionProvider> m_providers;
    QString m_suggested;
    QString m_path;
    QString m_written;
    QString m_error;
    bool m_running = false;
    std::atomic<bool> m_cancel{false};
    std::atomic<double> m_progress{0};
    std::unique_ptr<class ReportWorker> m_worker;

    QComboBox *m_format;
    QDoubleSpinBox *m_duration;
    QDoubleSpinBox *m_warmup;
    QSpinBox *m_replications;
    QSpinBox *m_seed;
    QProgressBar *m_bar;
    QLabel *m_status;
    QPushButton *m_go;
    QPushButton *m_cancelButton;
    class QTimer *m_poll;
};

} // namespace hld
