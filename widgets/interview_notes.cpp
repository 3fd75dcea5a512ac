#include "interview_notes.h"

#include "design_document.h"
#include "design_editor.h"
#include "estimator_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <set>

namespace hld {

namespace {
std::string Interview::*const kTextFields[] = {&Interview::requirements,
                                               &Interview::estimates,
                                               &Interview::deepDive,
                                               &Interview::failures,
                                               &Interview::tradeOffs};
const char *const kTextNames[] = {QT_TRANSLATE_NOOP("InterviewNotes", "Edit requirements"),
                                  QT_TRANSLATE_NOOP("InterviewNotes", "Edit estimation notes"),
                                  QT_TRANSLATE_NOOP("InterviewNotes", "Edit deep-dive notes"),
                                  QT_TRANSLATE_NOOP("InterviewNotes", "Edit failure modes"),
                                  QT_TRANSLATE_NOOP("InterviewNotes", "Edit trade-offs")};
} // namespace

bool InterviewNotes::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_api) // while a cell is edited, its editor has the keys
        return QTabWidget::eventFilter(watched, event);
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
        return QTabWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->key() != Qt::Key_Delete && key->key() != Qt::Key_Backspace)
        return QTabWidget::eventFilter(watched, event);
    event->accept();
    if (event->type() == QEvent::KeyPress)
        removeSelectedApiRows();
    return true;
}

InterviewNotes::InterviewNotes(DesignEditor *editor, QWidget *parent)
    : QTabWidget(parent)
    , m_editor(editor)
    , m_estimator(new EstimatorPanel(editor))
    , m_api(new QTableWidget(0, 3))
{
    setObjectName(QStringLiteral("interviewNotes"));
    setDocumentMode(true);
    addTab(makeText(RequirementsText,
                    tr("Functional and non-functional requirements, and the questions you "
                       "asked: how many users? read or write heavy? what latency?")),
           tr("Requirements"));

    // The estimator is tall: it scrolls rather than making the window taller than the screen.
    auto *estimation = new QWidget;
    auto *el = new QVBoxLayout(estimation);
    el->setContentsMargins(0, 0, 0, 0);
    el->addWidget(m_estimator, 3);
    auto *estText = makeText(EstimatesText, tr("Your own arithmetic and assumptions."));
    estText->setMinimumHeight(70);
    el->addWidget(estText);
    auto *estimationScroll = new QScrollArea;
    estimationScroll->setWidget(estimation);
    estimationScroll->setWidgetResizable(true);
    estimationScroll->setFrameShape(QFrame::NoFrame);
    addTab(estimationScroll, tr("Estimation"));
    connect(m_estimator, &EstimatorPanel::message, this, &InterviewNotes::message);
    connect(m_estimator,
            &EstimatorPanel::inputEdited,
            this,
            [this](const EstimateInput &in, int field) {
                edit([&in](Interview &iv) { iv.estimate = in; },
                     tr("Edit estimate"),
                     EstimateInputs + field);
            });

    auto *api = new QWidget;
    auto *al = new QVBoxLayout(api);
    al->setContentsMargins(0, 4, 0, 0);
    m_api->setObjectName(QStringLiteral("apiTable"));
    m_api->installEventFilter(this);
    m_api->setHorizontalHeaderLabels({tr("Method"), tr("Path"), tr("Description")});
    m_api->horizontalHeader()->setStretchLastSection(true);
    m_api->verticalHeader()->setVisible(false);
    m_api->setColumnWidth(0, 70);
    m_api->setColumnWidth(1, 150);
    al->addWidget(m_api, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add endpoint"));
    add->setObjectName(QStringLiteral("addApiRow"));
    auto *remove = new QPushButton(tr("Remove"));
    remove->setObjectName(QStringLiteral("removeApiRow"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    al->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &InterviewNotes::addApiRow);
    connect(remove, &QPushButton::clicked, this, &InterviewNotes::removeSelectedApiRows);
    connect(m_api, &QTableWidget::cellChanged, this, [this] {
        if (!m_refreshing)
            storeApiTable();
    });
    addTab(api, tr("API"));

    addTab(makeText(DeepDiveText,
                    tr("The component you go deep on: its data model, how it scales, where "
                       "it breaks.")),
           tr("Deep dive"));
    addTab(makeText(FailuresText,
                    tr("Failure modes: what happens when each component dies, and what "
                       "breaks at 10× the load.")),
           tr("Failures"));
    addTab(makeText(TradeOffsText,
                    tr("The trade-offs you chose while drawing the design: \"X because Y; the "
                       "cost is Z\".")),
           tr("Trade-offs"));

    connect(editor->document(), &DesignDocument::interviewChanged, this, &InterviewNotes::refresh);
    connect(editor->document(), &DesignDocument::documentReset, this, &InterviewNotes::refresh);
    refresh();
}

QPlainTextEdit *InterviewNotes::makeText(MergeField field, const QString &placeholder)
{
    auto *text = new QPlainTextEdit;
    text->setObjectName(QStringLiteral("notes%1").arg(int(field)));
    text->setPlaceholderText(placeholder);
    m_texts[std::size_t(field)] = text;
    connect(text, &QPlainTextEdit::textChanged, this, [this, text, field] {
        if (m_refreshing)
            return;
        const std::string value = text->toPlainText().toStdString();
        edit([&](Interview &iv) { iv.*kTextFields[field] = value; }, tr(kTextNames[field]), field);
    });
    return text;
}

QPlainTextEdit *InterviewNotes::textEdit(MergeField f) const
{
    return f < 5 ? m_texts[std::size_t(f)] : nullptr;
}

void InterviewNotes::edit(const std::function<void(Interview &)> &change,
                          const QString &text,
                          int field)
{
    const auto &current = m_editor->document()->design().interview;
    if (!current)
        return;
    Interview after = *current;
    change(after);
    m_editor->setInterview(after, text, field);
}

InterviewNotes::Tab InterviewNotes::tabForPhase(InterviewPhase p)
{
    switch (p) {
    case InterviewPhase::Requirements:
        return Requirements;
    case InterviewPhase::Estimation:
        return Estimation;
    case InterviewPhase::Api:
        return Api;
    case InterviewPhase::HighLevel:
        return TradeOffs; // the design is on the canvas; its trade-offs are noted here
    case InterviewPhase::DeepDive:
        return DeepDive;
    case InterviewPhase::ScaleAndFailures:
        return Failures;
    }
    return Requirements;
}

void InterviewNotes::refresh()
{
    const auto &iv = m_editor->document()->design().interview;
    if (!iv)
        return;
    m_refreshing = true;
    for (int f = 0; f < 5; ++f) {
        QPlainTextEdit *text = m_texts[std::size_t(f)];
        const QString value = QString::fromStdString((*iv).*kTextFields[f]);
        if (text->toPlainText() != value) {
            const QSignalBlocker block(text);
            text->setPlainText(value);
        }
    }
    m_estimator->setInput(iv->estimate.value_or(EstimateInput{}));
    m_api->setRowCount(int(iv->api.size()));
    for (int r = 0; r < int(iv->api.size()); ++r) {
        const ApiEndpoint &e = iv->api[std::size_t(r)];
        const QString cells[] = {QString::fromStdString(e.method),
                                 QString::fromStdString(e.path),
                                 QString::fromStdString(e.description)};
        for (int c = 0; c < 3; ++c) {
            QTableWidgetItem *item = m_api->item(r, c);
            if (!item)
                m_api->setItem(r, c, new QTableWidgetItem(cells[c]));
            else if (item->text() != cells[c])
                item->setText(cells[c]);
        }
    }
    m_refreshing = false;
}

void InterviewNotes::storeApiTable()
{
    std::vector<ApiEndpoint> api;
    for (int r = 0; r < m_api->rowCount(); ++r) {
        auto cell = [this, r](int c) {
            const QTableWidgetItem *item = m_api->item(r, c);
            return item ? item->text().trimmed().toStdString() : std::string();
        };
        api.push_back({cell(0), cell(1), cell(2)});
    }
    edit([&api](Interview &iv) { iv.api = api; }, tr("Edit API endpoint"), -1);
}

void InterviewNotes::addApiRow()
{
    const auto &iv = m_editor->document()->design().interview;
    if (!iv || iv->api.size() >= kMaxApiEndpoints)
        return;
    edit([](Interview &v) { v.api.push_back({"GET", "/", ""}); }, tr("Add API endpoint"), -1);
    const int row = m_api->rowCount() - 1;
    if (row >= 0) {
        m_api->setCurrentCell(row, 1);
        m_api->editItem(m_api->item(row, 1));
    }
}

void InterviewNotes::removeSelectedApiRows()
{
    std::set<int> rows;
    for (const QModelIndex &i : m_api->selectionModel()->selectedIndexes())
        rows.insert(i.row());
    if (rows.empty() && m_api->currentRow() >= 0)
        rows.insert(m_api->currentRow());
    if (rows.empty())
        return;
    edit(
        [&rows](Interview &iv) {
            for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
                if (*it < int(iv.api.size()))
                    iv.api.erase(iv.api.begin() + *it);
            }
        },
        tr("Remove API endpoint"),
        -1);
}

} // namespace hld
