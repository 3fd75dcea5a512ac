#include "export_dialog.h"

#include "diagram_export.h"
#include "interchange/text_interchange.h"
#include "run_snapshot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <set>

namespace hld {

namespace {

struct FormatInfo
{
    const char *key, *title, *suffix, *filter;
};

const FormatInfo kFormats[] = {
    {"png", "PNG image", "png", "PNG images (*.png)"},
    {"svg", "SVG (vector, text as text)", "svg", "SVG files (*.svg)"},
    {"pdf", "PDF (vector)", "pdf", "PDF files (*.pdf)"},
    {"mermaid", "Mermaid flowchart", "mmd", "Mermaid (*.mmd)"},
    {"dot", "Graphviz DOT", "dot", "Graphviz (*.dot *.gv)"},
    {"drawio", "draw.io diagram", "drawio", "draw.io (*.drawio)"},
};

const FormatInfo &info(const QString &key)
{
    for (const auto &f : kFormats) {
        if (key == QLatin1String(f.key))
            return f;
    }
    return kFormats[0];
}

Design onlyThese(Design d, const QStringList &ids)
{
    std::set<std::string> keep;
    for (const auto &id : ids)
        keep.insert(id.toStdString());
    std::erase_if(d.components, [&](const Component &c) { return !keep.count(c.id); });
    std::erase_if(d.links, [&](const Link &l) { return !keep.count(l.from) || !keep.count(l.to); });
    return d;
}

} // namespace

ExportDialog::ExportDialog(const Design &design,
                           const QStringList &selection,
                           LiveSnapshotPtr live,
                           std::uint64_t seed,
                           const QString &suggestedPath,
                           QWidget *parent)
    : QDialog(parent)
    , m_design(design)
    , m_selection(selection)
    , m_live(std::move(live))
    , m_seed(seed)
    , m_suggested(suggestedPath)
    , m_format(new QComboBox(this))
    , m_scale(new QComboBox(this))
    , m_transparent(new QCheckBox(tr("Transparent background"), this))
    , m_page(new QComboBox(this))
    , m_landscape(new QCheckBox(tr("Landscape"), this))
    , m_selectionOnly(new QCheckBox(tr("Selected components only"), this))
    , m_run(new QComboBox(this))
    , m_runSecond(new QDoubleSpinBox(this))
    , m_preview(new QLabel(this))
    , m_info(new QLabel(this))
{
    setWindowTitle(tr("Export Diagram"));
    for (const auto &f : kFormats)
        m_format->addItem(tr(f.title), QString::fromLatin1(f.key));
    m_scale->addItem(QStringLiteral("1×"), 1.0);
    m_scale->addItem(QStringLiteral("2×"), 2.0);
    m_scale->addItem(QStringLiteral("4×"), 4.0);
    m_scale->setCurrentIndex(1);
    m_page->addItem(tr("Fit to the design"), int(PageSize::Fit));
    m_page->addItem(QStringLiteral("A4"), int(PageSize::A4));
    m_page->addItem(tr("Letter"), int(PageSize::Letter));
    m_run->addItem(tr("Design only (latencies on links)"));
    m_run->addItem(
        m_live ? tr("The run as the canvas shows it (t = %1 s)").arg(m_live->simTimeS, 0, 'f', 1)
               : tr("The run as the canvas shows it (not running)"));
    m_run->addItem(tr("Simulate to second…"));
    if (!m_live) { // nothing to show: the item stays, greyed out
        if (auto *model = qobject_cast<QStandardItemModel *>(m_run->model()))
            model->item(1)->setEnabled(false);
    }
    m_runSecond->setRange(1, 100000);
    m_runSecond->setValue(m_live ? std::max(1.0, std::round(m_live->simTimeS)) : 60);
    m_runSecond->setSuffix(tr(" s"));
    m_selectionOnly->setEnabled(!m_selection.isEmpty());
    m_selectionOnly->setChecked(!m_selection.isEmpty());
    m_preview->setMinimumSize(560, 320);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_info->setWordWrap(true);
    for (auto [w, name] : std::initializer_list<std::pair<QWidget *, const char *>>{
             {m_format, "format"},
             {m_scale, "scale"},
             {m_transparent, "transparent"},
             {m_page, "page"},
             {m_landscape, "landscape"},
             {m_selectionOnly, "selectionOnly"},
             {m_run, "run"},
             {m_runSecond, "runSecond"},
             {m_preview, "preview"}})
        w->setObjectName(QString::fromLatin1(name));

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("PNG scale:"), m_scale);
    form->addRow(QString(), m_transparent);
    form->addRow(tr("PDF page:"), m_page);
    form->addRow(QString(), m_landscape);
    form->addRow(tr("What:"), m_selectionOnly);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run, 1);
    runRow->addWidget(m_runSecond);
    form->addRow(tr("Run:"), runRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_info);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, &ExportDialog::chooseFileAndExport);

    for (QComboBox *c : {m_format, m_scale, m_page, m_run})
        connect(c, &QComboBox::currentIndexChanged, this, &ExportDialog::updateOptions);
    for (QCheckBox *c : {m_transparent, m_landscape, m_selectionOnly})
        connect(c, &QCheckBox::toggled, this, &ExportDialog::updateOptions);
    connect(m_runSecond, &QDoubleSpinBox::editingFinished, this, &ExportDialog::updateOptions);
    updateOptions();
}

QString ExportDialog::formatKey() const
{
    return m_format->currentData().toString();
}

void ExportDialog::updateOptions()
{
    const QString f = formatKey();
    const bool picture
        = f == QLatin1String("png") || f == QLatin1String("svg") || f == QLatin1String("pdf");
    m_scale->setEnabled(f == QLatin1String("png"));
    m_transparent->setEnabled(f == QLatin1String("png") || f == QLatin1String("svg"));
    m_page->setEnabled(f == QLatin1String("pdf"));
    m_landscape->setEnabled(f == QLatin1String("pdf")
                            && PageSize(m_page->currentData().toInt()) != PageSize::Fit);
    m_run->setEnabled(picture);
    m_runSecond->setEnabled(picture && m_run->currentIndex() == 2);
    updatePreview();
}

std::optional<LiveSnapshot> ExportDialog::runSnapshot()
{
    if (!m_run->isEnabled())
        return std::nullopt;
    if (m_run->currentIndex() == 1 && m_live)
        return *m_live;
    if (m_run->currentIndex() == 2) {
        const double at = m_runSecond->value();
        if (at != m_simulatedAt) {
            QGuiApplication::setOverrideCursor(Qt::WaitCursor);
            m_simulated = simulateSnapshot(m_design, at, m_seed);
            QGuiApplication::restoreOverrideCursor();
            m_simulatedAt = at;
        }
        return m_simulated;
    }
    return std::nullopt;
}

void ExportDialog::updatePreview()
{
    const QString f = formatKey();
    const bool only = m_selectionOnly->isChecked() && !m_selection.isEmpty();
    DiagramRenderer r(m_design);
    r.showOnly(only ? m_selection : QStringList());
    if (auto snap = runSnapshot())
        r.setRun(*snap);
    const QSize box = m_preview->size().expandedTo(QSize(560, 320));
    QImage img(box, QImage::Format_ARGB32_Premultiplied);
    // A checkerboard shows what a transparent background leaves out.
    QPainter p(&img);
    if (m_transparent->isChecked() && m_transparent->isEnabled()) {
        for (int y = 0; y < box.height(); y += 10)
            for (int x = 0; x < box.width(); x += 10)
                p.fillRect(x, y, 10, 10, ((x + y) / 10) % 2 ? QColor(0xdd, 0xdd, 0xdd) : Qt::white);
    } else {
        img.fill(Qt::white);
    }
    QRectF area(QPointF(8, 8), QSizeF(box) - QSizeF(16, 16));
    const auto page = PageSize(m_page->currentData().toInt());
    if (f == QLatin1String("pdf") && page != PageSize::Fit) {
        // The paper, to scale, with the diagram inside its 12 mm margins.
        QSizeF mm = page == PageSize::A4 ? QSizeF(210, 297) : QSizeF(215.9, 279.4);
        if (m_landscape->isChecked())
            mm.transpose();
        const double k = std::min(area.width() / mm.width(), area.height() / mm.height());
        QRectF sheet(0, 0, mm.width() * k, mm.height() * k);
        sheet.moveCenter(area.center());
        p.fillRect(img.rect(), QColor(0xd8, 0xd8, 0xd8));
        p.fillRect(sheet, Qt::white);
        area = sheet.adjusted(12 * k, 12 * k, -12 * k, -12 * k);
    }
    r.paint(&p, area);
    p.end();
    m_preview->setPixmap(QPixmap::fromImage(img));
    const QRectF src = r.sourceRect();
    QString text;
    if (f == QLatin1String("png"))
        text = tr("%1 × %2 pixels")
                   .arg(qRound(src.width() * m_scale->currentData().toDouble()))
                   .arg(qRound(src.height() * m_scale->currentData().toDouble()));
    else if (f == QLatin1String("svg"))
        text = tr("Vector, %1 × %2, labels as text")
                   .arg(qRound(src.width()))
                   .arg(qRound(src.height()));
    else if (f == QLatin1String("pdf"))
        text = tr("Vector PDF, one page");
    else
        text = tr("Text: components, kinds, links and regions; the preview shows what they hold.");
    m_info->setText(text);
}

std::optional<QString> ExportDialog::exportTo(const QString &path)
{
    const QString f = formatKey();
    const bool only = m_selectionOnly->isChecked() && !m_selection.isEmpty();
    QByteArray data;
    if (f == QLatin1String("mermaid") || f == QLatin1String("dot")
        || f == QLatin1String("drawio")) {
        const Design d = only ? onlyThese(m_design, m_selection) : m_design;
        const std::string text = f == QLatin1String("mermaid") ? interchange::designToMermaid(d)
                                 : f == QLatin1String("dot")   ? interchange::designToDot(d)
                                                               : interchange::designToDrawio(d);
        data = QByteArray::fromStdString(text);
    } else {
        DiagramRenderer r(m_design);
        r.showOnly(only ? m_selection : QStringList());
        if (auto snap = runSnapshot())
            r.setRun(*snap);
        DiagramExportOptions o;
        o.format = f == QLatin1String("png")   ? DiagramFormat::Png
                   : f == QLatin1String("svg") ? DiagramFormat::Svg
                                               : DiagramFormat::Pdf;
        o.scale = m_scale->currentData().toDouble();
        o.transparent = m_transparent->isChecked();
        o.page = PageSize(m_page->currentData().toInt());
        o.landscape = m_landscape->isChecked();
        if (auto why = r.refusal(o))
            return *why;
        data = r.encode(o, QString::fromStdString(m_design.name));
    }
    QString error;
    if (!writeFileAtomically(path, data, &error))
        return error;
    m_written = path;
    return std::nullopt;
}

void ExportDialog::chooseFileAndExport()
{
    const FormatInfo &f = info(formatKey());
    const QFileInfo base(m_suggested);
    const QString start = base.path() + QLatin1Char('/') + base.completeBaseName()
                          + QLatin1Char('.') + QLatin1String(f.suffix);
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export Diagram"), start, tr(f.filter));
    if (path.isEmpty())
        return;
    if (auto error = exportTo(path)) {
        QMessageBox::warning(this, tr("Cannot export"), *error);
        return;
    }
    accept();
}

} // namespace hld
