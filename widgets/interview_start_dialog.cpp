#include "interview_start_dialog.h"

#include "io/interview_io.h"
#include "prompt_library.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

namespace hld {

InterviewStartDialog::InterviewStartDialog(const PromptLibrary &library, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_list(new QListWidget(this))
{
    setWindowTitle(tr("Practise an interview"));
    auto *intro = new QLabel(tr("Pick a problem. The clock runs through the guide's six "
                                "phases; write notes for each, draw the design, then finish "
                                "to have the simulator drill it and score the session."),
                             this);
    intro->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("promptList"));
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Each entry: the title in bold, one line under it.
    auto add = [this](const QString &id, const QString &title, const QString &line) {
        auto *item = new QListWidgetItem(m_list);
        item->setData(Qt::UserRole, id);
        item->setData(Qt::AccessibleTextRole, title);
        auto *label = new QLabel(
            QStringLiteral("<b>%1</b><br>%2").arg(title.toHtmlEscaped(), line.toHtmlEscaped()));
        label->setContentsMargins(6, 4, 6, 4);
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
        item->setSizeHint(label->sizeHint());
        m_list->setItemWidget(item, label);
        return item;
    };
    add({}, tr("Random prompt"), tr("A problem chosen for you, as in a real interview."));
    for (const auto &e : library.entries()) {
        QString line = PromptLibrary::summary(e.prompt);
        if (line.size() > 80)
            line = line.left(78) + QStringLiteral("…");
        add(QString::fromStdString(e.prompt.id), QString::fromStdString(e.prompt.title), line)
            ->setToolTip(QString::fromStdString(e.prompt.statement));
    }
    m_list->setCurrentRow(0);

    auto *phases = new QGroupBox(tr("Minutes per phase"), this);
    auto *grid = new QGridLayout(phases);
    for (int i = 0; i < kInterviewPhases; ++i) {
        auto *spin = new QDoubleSpinBox(phases);
        spin->setObjectName(QStringLiteral("phaseMinutes%1").arg(i));
        spin->setRange(0.5, 120);
        spin->setDecimals(1);
        spin->setSingleStep(1);
        spin->setSuffix(tr(" min"));
        spin->setValue(kDefaultPhaseMinutes[std::size_t(i)]);
        m_minutes[std::size_t(i)] = spin;
        grid->addWidget(new QLabel(QString::fromUtf8(phaseTitle(InterviewPhase(i))), phases),
                        i % 3,
                        (i / 3) * 2);
        grid->addWidget(spin, i % 3, (i / 3) * 2 + 1);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start the clock"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(phases);
    layout->addWidget(buttons);
    resize(560, 600);
}

void InterviewStartDialog::selectPrompt(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(i);
    }
}

QString InterviewStartDialog::promptId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    const QString id = item ? item->data(Qt::UserRole).toString() : QString();
    if (!id.isEmpty())
        return id;
    const auto &entries = m_library.entries();
    if (entries.isEmpty())
        return {};
    if (m_random.isEmpty())
        m_random = QString::fromStdString(
            entries[int(QRandomGenerator::global()->bounded(entries.size()))].prompt.id);
    return m_random;
}

std::array<double, kInterviewPhases> InterviewStartDialog::phaseMinutes() const
{
    std::array<double, kInterviewPhases> out{};
    for (int i = 0; i < kInterviewPhases; ++i)
        out[std::size_t(i)] = m_minutes[std::size_t(i)]->value();
    return out;
}

} // namespace hld
