#include "start_page.h"

#include "design_thumbnail.h"
#include "file_controller.h"
#include "prompt_library.h"

#include <QFileInfo>
#include <QFrame>
#include <QMouseEvent>
#include <QPainter>

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>
#include <functional>

namespace hld {

namespace {
constexpr QSize kThumb(240, 120);

// A card to click: a picture, a title, a line of text.
class Card : public QFrame
{
public:
    Card(const QPixmap &picture, const QString &title, const QString &line, QWidget *parent)
        : QFrame(parent)
    {
        setFrameShape(QFrame::StyledPanel);
        setCursor(Qt::PointingHandCursor);
        setFixedWidth(kThumb.width() + 20);
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(10, 10, 10, 10);
        auto *image = new QLabel(this);
        image->setFixedSize(kThumb);
        image->setAlignment(Qt::AlignCenter);
        if (!picture.isNull())
            image->setPixmap(picture);
        layout->addWidget(image);
        auto *name = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
        name->setWordWrap(true);
        layout->addWidget(name);
        auto *text = new QLabel(line, this);
        text->setWordWrap(true);
        text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        layout->addWidget(text, 1);
    }
    std::function<void()> onClick;

protected:
    void mouseReleaseEvent(QMouseEvent *e) override
    {
        QFrame::mouseReleaseEvent(e);
        if (onClick && rect().contains(e->position().toPoint()))
            onClick();
    }
    void enterEvent(QEnterEvent *) override { setFrameShadow(QFrame::Sunken); }
    void leaveEvent(QEvent *) override { setFrameShadow(QFrame::Plain); }
};

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    QFont f = l->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.25);
    l->setFont(f);
    return l;
}
} // namespace

QString StartPage::templateSummary(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    static const std::pair<const char *, const char *> lines[] = {
        {"url-shortener",
         QT_TR_NOOP("Read-heavy: a cache takes 85% of redirects off the database.")},
        {"news-feed", QT_TR_NOOP("Fan-out on write through a queue; timelines served from cache.")},
        {"chat", QT_TR_NOOP("Many small messages, a queue for delivery, presence in memory.")},
        {"video-streaming",
         QT_TR_NOOP("A CDN at the edge serves the bytes; the origin barely works.")},
        {"ecommerce-checkout",
         QT_TR_NOOP("A chain of sync calls: each hop adds to P99 and to the failure risk.")},
        {"ride-hailing", QT_TR_NOOP("Location updates at high rate, matching on a hot path.")},
        {"rate-limiter", QT_TR_NOOP("A shared counter in a cache guards the API from bursts.")},
        {"web-crawler", QT_TR_NOOP("Batch work through queues: throughput over latency.")},
        {"global-profile-store",
         QT_TR_NOOP("Two regions and a replicated store: watch CP against AP under a partition.")},
    };
    for (const auto &[file, line] : lines) {
        if (name.startsWith(QLatin1String(file)))
            return tr(line);
    }
    return {};
}

StartPage::StartPage(QWidget *parent)
    : QWidget(parent)
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(10);

    auto *title = new QLabel(tr("HLD Studio"), content);
    QFont tf = title->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 2);
    title->setFont(tf);
    layout->addWidget(title);
    layout->addWidget(new QLabel(tr("Draw a system architecture, push real traffic through it, and "
                                    "watch where it bends."),
                                 content));
    // The concepts in sight from the first screen: a newcomer's way in.
    auto *learnRow = new QHBoxLayout;
    auto *learn = new QPushButton(tr("Learn the concepts…"), content);
    learn->setObjectName(QStringLiteral("learnConcepts"));
    learn->setToolTip(tr("Caching, sharding, replication and queues: each concept explained, "
                         "with a design to run with the mechanism on and off."));
    connect(learn, &QPushButton::clicked, this, &StartPage::conceptsChosen);
    learnRow->addWidget(learn);
    learnRow->addWidget(new QLabel(tr("Caches, sharding, replication and queues, each explained "
                                      "and run side by side: with the mechanism on and off."),
                                   content));
    learnRow->addStretch();
    layout->addLayout(learnRow);
    // The interview practice, in sight from the first screen too.
    auto *interviewRow = new QHBoxLayout;
    auto *interview = new QPushButton(tr("Practise an interview…"), content);
    interview->setObjectName(QStringLiteral("practiseInterview"));
    interview->setToolTip(tr("A timed 45-minute mock system-design interview: a prompt, the "
                             "guide's six phases, notes, the estimator, then drills of your "
                             "design with the simulator and a score."));
    connect(interview, &QPushButton::clicked, this, &StartPage::interviewChosen);
    interview->setMinimumWidth(200);
    learn->setMinimumWidth(200);
    interviewRow->addWidget(interview);
    interviewRow->addWidget(new QLabel(tr("A timed mock interview on one of %1 problems (URL "
                                          "shortener to ticket booking): the simulator drills "
                                          "your design and scores it.")
                                           .arg(PromptLibrary::shipped().entries().size()),
                                       content));
    interviewRow->addStretch();
    layout->addLayout(interviewRow);

    // How it works.
    layout->addSpacing(8);
    layout->addWidget(heading(tr("How it works"), content));
    auto *steps = new QHBoxLayout;
    const std::pair<const char *, const char *> howTo[] = {
        {QT_TR_NOOP("1 · Drag"),
         QT_TR_NOOP("Drag components (users, balancers, services, caches, databases, queues) "
                    "from the palette onto the canvas.")},
        {QT_TR_NOOP("2 · Connect"),
         QT_TR_NOOP("Drag from the dot on a component's right edge to another component. Hold "
                    "Alt for an async link.")},
        {QT_TR_NOOP("3 · Run"),
         QT_TR_NOOP("Press Run (F5): requests move, components fill with load, charts scroll. "
                    "Scale, kill and restore while it runs.")},
    };
    for (const auto &[head, text] : howTo) {
        auto *box = new QLabel(QStringLiteral("<b>%1</b><br>%2").arg(tr(head), tr(text)), content);
        box->setWordWrap(true);
        box->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        box->setFrameShape(QFrame::StyledPanel);
        box->setMargin(8);
        box->setMinimumWidth(180);
        steps->addWidget(box, 1);
    }
    layout->addLayout(steps);

    // Templates.
    layout->addSpacing(8);
    layout->addWidget(heading(tr("Start from a template"), content));
    auto *grid = new QGridLayout;
    grid->setSpacing(12);
    int i = 0;
    QPixmap empty(kThumb);
    empty.fill(palette().color(QPalette::Base));
    {
        QPainter p(&empty);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(palette().color(QPalette::Mid), 2, Qt::DashLine));
        p.drawRoundedRect(QRectF(empty.rect()).adjusted(20, 14, -20, -14), 8, 8);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 3);
        p.setFont(f);
        p.drawText(empty.rect(), Qt::AlignCenter, QStringLiteral("+"));
    }
    auto *blank = new Card(
        empty, tr("Blank design"), tr("An empty canvas: start from the palette."), content);
    blank->setObjectName(QStringLiteral("blankDesign"));
    blank->onClick = [this] { emit blankChosen(); };
    grid->addWidget(blank, 0, i++);
    for (const auto &[name, path] : FileController::templates()) {
        grid->addWidget(makeTemplateCard(name, path), i / 4, i % 4);
        ++i;
    }
    layout->addLayout(grid);

    // Recent files and more.
    layout->addSpacing(8);
    auto *lower = new QHBoxLayout;
    auto *recentBox = new QVBoxLayout;
    recentBox->addWidget(heading(tr("Recent files"), content));
    m_recent = new QVBoxLayout;
    recentBox->addLayout(m_recent);
    auto *open = new QPushButton(tr("Open a design…"), content);
    connect(open, &QPushButton::clicked, this, &StartPage::openChosen);
    recentBox->addWidget(open, 0, Qt::AlignLeft);
    recentBox->addStretch();
    lower->addLayout(recentBox, 1);
    layout->addLayout(lower);
    layout->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    setRecentFiles({});
}

QWidget *StartPage::makeTemplateCard(const QString &title, const QString &path)
{
    QPixmap picture;
    if (const auto d = FileController::loadTemplate(path))
        picture = QPixmap::fromImage(renderThumbnail(*d, kThumb));
    auto *card = new Card(picture, title, templateSummary(path), nullptr);
    card->setObjectName(QStringLiteral("template:") + QFileInfo(path).fileName());
    card->onClick = [this, path] { emit templateChosen(path); };
    return card;
}

void StartPage::setRecentFiles(const QStringList &paths)
{
    while (QLayoutItem *item = m_recent->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (paths.isEmpty()) {
        auto *none = new QLabel(tr("None yet: designs you open or save appear here."));
        none->setEnabled(false);
        m_recent->addWidget(none);
        return;
    }
    for (const QString &path : paths.mid(0, 6)) {
        auto *b = new QPushButton(QFileInfo(path).fileName());
        b->setFlat(true);
        b->setToolTip(path);
        b->setStyleSheet(QStringLiteral("text-align: left;"));
        connect(b, &QPushButton::clicked, this, [this, path] { emit recentChosen(path); });
        m_recent->addWidget(b, 0, Qt::AlignLeft);
    }
}

} // namespace hld
