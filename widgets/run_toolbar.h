#pragma once

#include <QToolBar>

class QComboBox;
class QLabel;
class QSpinBox;

namespace hld {

class SimulationController;

// Run, pause, single step, reset, speed and seed, with the simulated clock.
class RunToolbar : public QToolBar
{
    Q_OBJECT

public:
    RunToolbar(SimulationController *sim, QWidget *parent = nullptr);

    QAction *runAction() const { return m_run; }
    QAction *stepAction() const { return m_step; }
    QAction *resetAction() const { return m_reset; }
    QComboBox *speedBox() const { return m_speed; }
    void showClock(double simTimeS, double achievedSpeed);

private:
    SimulationController *m_sim;
    QAction *m_run;
    QAction *m_step;
    QAction *m_reset;
    QComboBox *m_speed;
    QSpinBox *m_seed;
    QLabel *m_clock;
};

} // namespace hld
