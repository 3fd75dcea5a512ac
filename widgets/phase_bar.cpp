#include "phase_bar.h"

#include "interview/phases.h"
#include "io/interview_io.h"

#include <QHelpEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>

namespace hld {

namespace {
const char *const kShort[kInterviewPhases] = {QT_TRANSLATE_NOOP("PhaseBar", "Reqs"),
                                              QT_TRANSLATE_NOOP("PhaseBar", "Estimate"),
                                              QT_TRANSLATE_NOOP("PhaseBar", "API"),
                                              QT_TRANSLATE_NOOP("PhaseBar", "Design"),
                                              QT_TRANSLATE_NOOP("PhaseBar", "Deep dive"),
                                              QT_TRANSLATE_NOOP("PhaseBar", "Failures")};
// For segments too narrow for the short name (a 5-minute phase in a narrow dock).
const char *const kTiny[kInterviewPhases] = {QT_TRANSLATE_NOOP("PhaseBar", "Req"),
                                             QT_TRANSLATE_NOOP("PhaseBar", "Est"),
                                             QT_TRANSLATE_NOOP("PhaseBar", "API"),
                                             QT_TRANSLATE_NOOP("PhaseBar", "HLD"),
                                             QT_TRANSLATE_NOOP("PhaseBar", "Dive"),
                                             QT_TRANSLATE_NOOP("PhaseBar", "Fail")};
constexpr int kFlashes = 6; // on and off three times
} // namespace

PhaseBar::PhaseBar(QWidget *parent)
    : QWidget(parent)
    , m_flash(new QTimer(this))
{
    setObjectName(QStringLiteral("phaseBar"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_flash->setInterval(350);
    connect(m_flash, &QTimer::timeout, this, [this] {
        if (--m_flashesLeft <= 0)
            m_flash->stop();
        update();
    });
}

void PhaseBar::setPhaseMinutes(const std::array<double, kInterviewPhases> &minutes)
{
    m_minutes = minutes;
    update();
}

void PhaseBar::setElapsed(double elapsedS)
{
    m_elapsed = elapsedS;
    update();
}

void PhaseBar::flash()
{
    m_flashesLeft = kFlashes;
    m_flash->start();
    update();
}

bool PhaseBar::isFlashing() const
{
    return m_flash->isActive();
}

int PhaseBar::currentPhase() const
{
    return int(phaseAt(m_minutes, m_elapsed).phase);
}

QRectF PhaseBar::segment(int i) const
{
    double total = 0, before = 0;
    for (int k = 0; k < kInterviewPhases; ++k) {
        total += m_minutes[std::size_t(k)];
        if (k < i)
            before += m_minutes[std::size_t(k)];
    }
    const QRectF r = QRectF(rect()).adjusted(1, 1, -1, -1);
    if (total <= 0)
        return {};
    // Every segment is wide enough for a few letters; the rest of the bar is shared in
    // proportion to the minutes (a 3-minute phase of 45 was 21 px wide).
    const double least = std::min(30.0, r.width() / kInterviewPhases);
    const double shared = r.width() - least * kInterviewPhases;
    const double x = r.left() + least * i + shared * before / total;
    const double w = least + shared * m_minutes[std::size_t(i)] / total;
    return {x, r.top(), w, r.height()};
}

void PhaseBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const PhasePosition pos = phaseAt(m_minutes, m_elapsed);
    const int current = int(pos.phase);
    const QPalette &pal = palette();
    const QColor accent = pal.color(QPalette::Highlight);
    const bool flashOn = m_flash->isActive() && (m_flashesLeft % 2 == 0);
    for (int i = 0; i < kInterviewPhases; ++i) {
        const QRectF s = segment(i).adjusted(1, 0, -1, 0);
        if (s.width() <= 0)
            continue;
        QColor fill = i < current ? pal.color(QPalette::Mid) : pal.color(QPalette::Button);
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.setBrush(fill);
        p.drawRoundedRect(s, 3, 3);
        if (i == current) {
            // How far into the phase: a filled share of the segment.
            const double len = m_minutes[std::size_t(i)] * 60;
            const double share = len > 0 ? std::clamp(pos.intoPhaseS / len, 0.0, 1.0) : 1.0;
            QColor bar = pos.overtime ? QColor(200, 60, 50) : accent;
            bar.setAlpha(flashOn ? 255 : 150);
            p.setPen(Qt::NoPen);
            p.setBrush(bar);
            p.drawRoundedRect(QRectF(s.left(), s.top(), s.width() * share, s.height()), 3, 3);
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(flashOn ? accent.darker(130) : accent, flashOn ? 3 : 2));
            p.drawRoundedRect(s, 3, 3);
        }
        p.setFont(labelFont(i));
        p.setPen(i == current ? pal.color(QPalette::Text) : pal.color(QPalette::ButtonText));
        p.drawText(s, Qt::AlignCenter, label(i));
    }
}

QFont PhaseBar::labelFont(int i) const
{
    QFont f = font();
    f.setBold(i == currentPhase());
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

QString PhaseBar::label(int i) const
{
    const QFontMetricsF fm(labelFont(i));
    const double width = segment(i).width();
    QString label = QString::number(i + 1);
    for (const QString &text : {tr(kTiny[i]), tr(kShort[i])}) {
        if (fm.horizontalAdvance(text) + 4 <= width)
            label = text;
    }
    return label;
}

bool PhaseBar::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(e);
        for (int i = 0; i < kInterviewPhases; ++i) {
            if (segment(i).contains(help->pos())) {
                QToolTip::showText(help->globalPos(),
                                   tr("Phase %1 of %2: %3 — %4 min")
                                       .arg(i + 1)
                                       .arg(kInterviewPhases)
                                       .arg(QString::fromUtf8(phaseTitle(InterviewPhase(i))))
                                       .arg(m_minutes[std::size_t(i)]),
                                   this);
                return true;
            }
        }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

} // namespace hld
