#pragma once

#include "model/interview.h"

#include <QWidget>

#include <array>

class QTimer;

namespace hld {

// The interview's six phases as a bar: one segment a phase, as wide as its minutes, the
// phases behind filled, the current one highlighted with how far into it the clock is.
// flash() pulses the current segment a few times: the gentle signal of a phase change.
class PhaseBar : public QWidget
{
    Q_OBJECT

public:
    explicit PhaseBar(QWidget *parent = nullptr);

    void setPhaseMinutes(const std::array<double, kInterviewPhases> &minutes);
    void setElapsed(double elapsedS);
    void flash();
    bool isFlashing() const;
    int currentPhase() const;
    // What segment i says: its short name, else three letters, else its number.
    QString label(int i) const;

    QSize sizeHint() const override { return {300, 30}; }
    QSize minimumSizeHint() const override { return {120, 26}; }

protected:
    void paintEvent(QPaintEvent *e) override;
    bool event(QEvent *e) override; // tooltips per segment

private:
    QRectF segment(int i) const;
    QFont labelFont(int i) const;

    std::array<double, kInterviewPhases> m_minutes = kDefaultPhaseMinutes;
    double m_elapsed = 0;
    QTimer *m_flash;
    int m_flashesLeft = 0;
};

} // namespace hld
