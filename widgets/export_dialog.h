#pragma once

#include "live_snapshot.h"
#include "model/design.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QRadioButton;

namespace hld {

// File → Export: the design (or the selection) as PNG, SVG, PDF, Mermaid, DOT or draw.io,
// with a preview of exactly what will be written and the options of each format. A run can
// be drawn too: as the canvas shows it now, or simulated to a chosen second.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const Design &design,
                 const QStringList &selection,
                 LiveSnapshotPtr live,
                 std::uint64_t seed,
                 const QString &suggestedPath,
                 QWidget *parent = nullptr);

    // Writes the file; the error, or nothing. Used by the Export button and by tests.
    std::optional<QString> exportTo(const QString &path);
    QString lastWritten() const { return m_written; }

    // Widgets by name for tests: "format", "scale", "transparent", "page", "landscape",
    // "selectionOnly", "run", "runSecond", "preview".

private:
    void updateOptions();
    void updatePreview();
    void chooseFileAndExport();
    QString formatKey() const;
    std::optional<LiveSnapshot> runSnapshot();

    Design m_design;
    QStringList m_selection;
    LiveSnapshotPtr m_live;
    std::uint64_t m_seed;
    QString m_suggested;
    QString m_written;
    std::optional<LiveSnapshot> m_simulated; // cached for m_simulatedAt
    double m_simulatedAt = -1;

    QComboBox *m_format;
    QComboBox *m_scale;
    QCheckBox *m_transparent;
    QComboBox *m_page;
    QCheckBox *m_landscape;
    QCheckBox *m_selectionOnly;
    QComboBox *m_run;
    QDoubleSpinBox *m_runSecond;
    QLabel *m_preview;
    QLabel *m_info;
};

} // namespace hld
