#include "concepts_browser.h"

#include "concept_comparison.h"

#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace hld {

namespace {

// "0.800", "12.4", "6,012", "3.2%": as many digits as the number deserves.
QString formatValue(const QString &path, std::optional<double> v)
{
    if (!v)
        return QStringLiteral("—");
    const QLocale en(QLocale::English);
    if (path.endsWith(QLatin1String("error_rate")))
        return en.toString(100 * *v, 'f', 2) + QLatin1Char('%');
    if (path.endsWith(QLatin1String("_ms")))
        return en.toString(*v, 'f', std::abs(*v) < 10 ? 2 : 1);
    if (std::abs(*v - std::round(*v)) < 1e-9 && std::abs(*v) < 1e15)
        return en.toString(qlonglong(std::llround(*v)));
    if (std::abs(*v) < 10)
        return en.toString(*v, 'f', 3);
    return en.toString(*v, 'f', 1);
}

} // namespace

ConceptsBrowser::ConceptsBrowser(QWidget *parent)
    : QDialog(parent)
    , m_comparison(new ConceptComparison(this))
    , m_list(new QListWidget(this))
    , m_title(new QLabel(this))
    , m_section(new QLabel(this))
    , m_text(new QTextBrowser(this))
    , m_variants(new QLabel(this))
    , m_openOn(new QPushButton(tr("Open with it &on"), this))
    , m_openOff(new QPushButton(tr("Open with it o&ff"), this))
    , m_compare(new QPushButton(tr("&Compare on and off"), this))
    , m_progress(new QProgressBar(this))
    , m_compareTitle(new QLabel(this))
    , m_table(new QTableWidget(0, 3, this))
{
    setWindowTitle(tr("Concepts"));
    setObjectName(QStringLiteral("conceptsBrowser"));
    resize(1040, 720);

    for (const Concept &c : m_library.concepts()) {
        auto *item = new QListWidgetItem(c.title, m_list);
        item->setData(Qt::UserRole, c.id);
        item->setToolTip(c.summary);
    }
    m_list->setSpacing(2);
    m_list->setMinimumWidth(220);
    m_list->setMaximumWidth(300);

    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_section->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_text->setOpenExternalLinks(false);
    m_variants->setWordWrap(true);
    m_variants->setTextFormat(Qt::RichText);
    m_openOn->setToolTip(tr("Open the design with the mechanism on, as a new document"));
    m_openOff->setToolTip(tr("Open the same design with the mechanism off"));
    m_compare->setToolTip(tr("Run both designs (same seed) and show their numbers side by side"));
    m_compare->setDefault(true);
    m_progress->setRange(0, 2);
    m_progress->setFormat(tr("Running both designs… %v of %m done"));
    m_progress->hide();
    m_compareTitle->setWordWrap(true);

    m_table->setHorizontalHeaderLabels({tr("Measure"), tr("On"), tr("Off")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int col : {1, 2}) {
        m_table->horizontalHeader()->setSectionResizeMode(col, QHeaderView::Fixed);
        m_table->setColumnWidth(col, 110);
    }
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setMinimumHeight(200);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openOn);
    buttons->addWidget(m_openOff);
    buttons->addStretch();
    buttons->addWidget(m_compare);

    auto *right = new QWidget(this);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(8, 0, 0, 0);
    rl->addWidget(m_title);
    rl->addWidget(m_section);
    rl->addWidget(m_text, 3);
    rl->addWidget(m_variants);
    rl->addLayout(buttons);
    rl->addWidget(m_progress);
    rl->addWidget(m_compareTitle);
    rl->addWidget(m_table, 2);

    auto *split = new QSplitter(this);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    if (!m_library.error().isEmpty())
        m_text->setPlainText(m_library.error());

    connect(m_list, &QListWidget::currentRowChanged, this, &ConceptsBrowser::showConcept);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] { open(Concept::Variant::On); });
    connect(m_openOn, &QPushButton::clicked, this, [this] { open(Concept::Variant::On); });
    connect(m_openOff, &QPushButton::clicked, this, [this] { open(Concept::Variant::Off); });
    connect(m_compare, &QPushButton::clicked, this, &ConceptsBrowser::compare);
    connect(m_comparison, &ConceptComparison::progress, this, [this](int done, int total) {
        m_progress->setMaximum(total);
        m_progress->setValue(done);
    });
    connect(m_comparison, &ConceptComparison::finished, this, &ConceptsBrowser::showComparison);
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

ConceptsBrowser::~ConceptsBrowser() = default;

const Concept *ConceptsBrowser::current() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? m_library.find(item->data(Qt::UserRole).toString()) : nullptr;
}

QString ConceptsBrowser::currentId() const
{
    const Concept *c = current();
    return c ? c->id : QString();
}

bool ConceptsBrowser::select(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == id) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void ConceptsBrowser::showConcept(int)
{
    const Concept *c = current();
    if (!c)
        return;
    m_title->setText(c->title);
    m_section->setText(tr("Guide: %1").arg(c->guideSection));
    // The files use level-2 headings; a level down reads calmer inside the dialog.
    QString text = ConceptLibrary::explanation(*c);
    text.replace(QStringLiteral("\n## "), QStringLiteral("\n### "));
    if (text.startsWith(QLatin1String("## ")))
        text.insert(0, QLatin1Char('#'));
    m_text->setMarkdown(QStringLiteral("*%1*\n\n").arg(c->summary) + text);
    m_variants->setText(tr("<b>On:</b> %1<br><b>Off:</b> %2")
                            .arg(c->onLabel.toHtmlEscaped(), c->offLabel.toHtmlEscaped()));
    // A comparison belongs to its concept: another concept starts without one. The table keeps
    // its place, so the buttons above it never move under the mouse.
    const bool shown = m_comparison->current().id == c->id && !m_comparison->isRunning()
                       && !m_comparison->on().isEmpty();
    if (shown)
        showComparison();
    else
        clearComparison();
}

void ConceptsBrowser::open(Concept::Variant v)
{
    const Concept *c = current();
    if (!c)
        return;
    QString why;
    const auto d = ConceptLibrary::loadDesign(*c, v, &why);
    if (!d) {
        QMessageBox::warning(this, tr("Cannot open the concept"), why);
        return;
    }
    emit designChosen(
        *d, v == Concept::Variant::On ? tr("%1 (on)").arg(c->title) : tr("%1 (off)").arg(c->title));
}

void ConceptsBrowser::compare()
{
    const Concept *c = current();
    if (!c || m_comparison->isRunning())
        return;
    clearComparison();
    if (!m_comparison->start(*c)) {
        QMessageBox::warning(this, tr("Cannot compare"), m_comparison->error());
        return;
    }
    m_compare->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
}

void ConceptsBrowser::showComparison()
{
    m_compare->setEnabled(true);
    m_progress->hide();
    if (!m_comparison->error().isEmpty()) {
        QMessageBox::warning(this, tr("The comparison failed"), m_comparison->error());
        return;
    }
    if (m_comparison->current().id != currentId())
        return; // the user moved on; comparing again is one click
    const auto rows = m_comparison->rows();
    m_table->setRowCount(int(rows.size()));
    const QColor better(0xd8, 0xf0, 0xd8), worse(0xf8, 0xe0, 0xe0);
    for (int i = 0; i < rows.size(); ++i) {
        const ComparisonRow &r = rows[i];
        auto *label = new QTableWidgetItem(r.label);
        label->setToolTip(tr("In the results: %1").arg(r.path));
        m_table->setItem(i, 0, label);
        for (int side = 0; side < 2; ++side) {
            auto *cell = new QTableWidgetItem(formatValue(r.path, side == 0 ? r.on : r.off));
            cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (r.differs) {
                QFont f = cell->font();
                f.setBold(true);
                cell->setFont(f);
                if (r.betterSide >= 0)
                    cell->setBackground(r.betterSide == side ? better : worse);
            }
            m_table->setItem(i, side + 1, cell);
        }
        if (r.differs)
            label->setFont([&] {
                QFont f = label->font();
                f.setBold(true);
                return f;
            }());
    }
    m_compareTitle->setText(
        tr("Same seed, %1 simulated seconds each. Bold rows differ by more than 5%; green is "
           "the better side, red the worse.")
            .arg(m_comparison->on().value(QLatin1String("sim_time_s")).toDouble(), 0, 'f', 0));
}

void ConceptsBrowser::clearComparison()
{
    m_table->setRowCount(0);
    m_compareTitle->setText(
        tr("<i>Compare runs both designs with the same seed and shows their numbers here.</i>"));
}

} // namespace hld
