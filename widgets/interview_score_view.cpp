#include "interview_score_view.h"

#include "wrapping_delegate.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hld {

namespace {
QStringList toList(const std::vector<std::string> &v)
{
    QStringList out;
    for (const auto &s : v)
        out << QString::fromStdString(s);
    return out;
}
} // namespace

InterviewScoreView::InterviewScoreView(QWidget *parent)
    : QDialog(parent)
    , m_total(new QLabel(this))
    , m_rubric(new QTreeWidget(this))
    , m_drills(new QTableWidget(0, 6, this))
    , m_reference(new QPushButton(tr("Open reference design side by side"), this))
    , m_report(new QPushButton(tr("Export session report…"), this))
{
    setObjectName(QStringLiteral("interviewScore"));
    setWindowTitle(tr("Interview score"));
    QFont tf = m_total->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.4);
    m_total->setFont(tf);
    m_total->setWordWrap(true);

    m_rubric->setObjectName(QStringLiteral("rubric"));
    m_rubric->setHeaderLabels({tr("Rubric"), tr("Points")});
    m_rubric->header()->setStretchLastSection(false);
    m_rubric->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_rubric->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_rubric->setItemDelegate(new WrappingDelegate(m_rubric)); // feedback lines wrap whole

    m_drills->setObjectName(QStringLiteral("drills"));
    m_drills->setHorizontalHeaderLabels(
        {tr("Drill"), tr("Fault"), tr("P99"), tr("Availability"), tr("Busiest"), tr("Passed")});
    m_drills->verticalHeader()->setVisible(false);
    m_drills->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_drills->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_drills->setWordWrap(true);
    m_drills->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_drills->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);

    auto emitComponents = [this](const QVariant &v) {
        const QStringList ids = v.toStringList();
        if (!ids.isEmpty())
            emit componentsActivated(ids);
    };
    connect(m_rubric, &QTreeWidget::itemClicked, this, [emitComponents](QTreeWidgetItem *item) {
        emitComponents(item->data(0, ComponentsRole));
    });
    connect(m_drills, &QTableWidget::cellClicked, this, [this, emitComponents](int row) {
        if (auto *item = m_drills->item(row, 0))
            emitComponents(item->data(ComponentsRole));
    });

    m_reference->setObjectName(QStringLiteral("openReference"));
    m_report->setObjectName(QStringLiteral("exportSessionReport"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_reference, QDialogButtonBox::ActionRole);
    buttons->addButton(m_report, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_reference, &QPushButton::clicked, this, &InterviewScoreView::openReferenceRequested);
    connect(m_report, &QPushButton::clicked, this, &InterviewScoreView::exportReportRequested);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_rubric);
    split->addWidget(m_drills);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *hint = new QLabel(tr("Click a feedback line or a drill to select its components on "
                               "the canvas."),
                            this);
    hint->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_total);
    layout->addWidget(split, 1);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    resize(760, 640);
}

void InterviewScoreView::setOutcome(const QString &promptTitle, const InterviewOutcome &o)
{
    const InterviewScore &s = o.score;
    m_total->setText(tr("%1: %2 of %3 points").arg(promptTitle).arg(s.total).arg(s.max));
    m_rubric->clear();
    for (const RubricItem &item : s.items) {
        auto *head
            = new QTreeWidgetItem(m_rubric,
                                  {QString::fromStdString(item.heading),
                                   QStringLiteral("%1 / %2").arg(item.points).arg(item.max)});
        QFont bold = head->font(0);
        bold.setBold(true);
        head->setFont(0, bold);
        head->setIcon(0,
                      style()->standardIcon(item.points >= item.max ? QStyle::SP_DialogApplyButton
                                            : item.points > 0       ? QStyle::SP_MessageBoxWarning
                                                              : QStyle::SP_DialogCancelButton));
        const QStringList components = toList(item.components);
        head->setData(0, ComponentsRole, components);
        for (const std::string &line : item.feedback) {
            auto *child = new QTreeWidgetItem(head, {QString::fromStdString(line)});
            child->setToolTip(0, QString::fromStdString(line));
            // The components this line names, or else the heading's.
            QStringList named;
            for (const QString &c : components) {
                if (QString::fromStdString(line).contains(c))
                    named << c;
            }
            child->setData(0, ComponentsRole, named.isEmpty() ? components : named);
        }
        head->setExpanded(true);
    }
    m_drills->setRowCount(int(o.drills.size()));
    const QLocale locale(QLocale::English);
    for (int r = 0; r < int(o.drills.size()); ++r) {
        const DrillResult &d = o.drills[std::size_t(r)];
        const QString busiest = d.busiest.empty() ? QStringLiteral("—")
                                                  : QStringLiteral("%1 (%2%)")
                                                        .arg(QString::fromStdString(d.busiest))
                                                        .arg(qRound(d.busiestUtilisation * 100));
        const QString cells[] = {
            QString::fromStdString(d.title),
            d.applicable ? QString::fromStdString(d.faultAndEffect())
                         : tr("not applicable: %1").arg(QString::fromStdString(d.fault)),
            d.applicable ? (
                d.unstable ? tr("unstable")
                           : tr("%1 ms").arg(locale.toString(d.p99Ms, 'f', d.p99Ms < 10 ? 1 : 0)))
                         : QStringLiteral("—"),
            // An unstable run stopped taking requests: the share of those it finished is
            // no availability (it read 100% beside a P99 of minutes).
            d.applicable && !d.unstable
                ? QStringLiteral("%1%").arg(locale.toString(d.availability * 100, 'f', 2))
                : QStringLiteral("—"),
            busiest,
            !d.applicable ? QStringLiteral("—")
            : d.passed    ? tr("yes")
                          : tr("no"),
        };
        QStringList ids = toList(d.faulted);
        if (!d.busiest.empty() && !ids.contains(QString::fromStdString(d.busiest)))
            ids << QString::fromStdString(d.busiest);
        for (int c = 0; c < 6; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(ComponentsRole, ids);
            item->setToolTip(c == 3 && d.applicable && d.unstable
                                 ? tr("Unstable: queues grew until arrivals stopped at the "
                                      "in-flight cap; of the requests that finished, %1% "
                                      "succeeded.")
                                       .arg(locale.toString(d.availability * 100, 'f', 2))
                                 : cells[c]);
            if (c == 5 && d.applicable)
                item->setForeground(d.passed ? QColor(30, 130, 60) : QColor(190, 40, 40));
            m_drills->setItem(r, c, item);
        }
    }
    m_drills->resizeRowsToContents();
}

} // namespace hld
