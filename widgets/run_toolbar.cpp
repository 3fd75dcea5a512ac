#include "run_toolbar.h"

#include "simulation_controller.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QStyle>

namespace hld {

RunToolbar::RunToolbar(SimulationController *sim, QWidget *parent)
    : QToolBar(tr("Simulation"), parent)
    , m_sim(sim)
    , m_speed(new QComboBox(this))
    , m_seed(new QSpinBox(this))
    , m_clock(new QLabel(this))
{
    setObjectName(QStringLiteral("runToolbar"));
    m_run = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"));
    m_run->setObjectName(QStringLiteral("run"));
    m_run->setCheckable(true);
    m_run->setShortcut(QKeySequence(tr("F5")));
    m_run->setToolTip(tr("Run or pause the simulation (F5)"));
    m_step = addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"));
    m_step->setObjectName(QStringLiteral("step"));
    m_step->setShortcut(QKeySequence(tr("F6")));
    m_step->setToolTip(tr("Advance one simulated second (F6)"));
    m_reset = addAction(style()->standardIcon(QStyle::SP_MediaSkipBackward), tr("Reset"));
    m_reset->setObjectName(QStringLiteral("reset"));
    m_reset->setToolTip(tr("Back to t = 0"));
    addSeparator();
    addWidget(new QLabel(tr(" Speed ")));
    const std::pair<const char *, double> speeds[] = {{"0.1×", 0.1},
                                                      {"0.5×", 0.5},
                                                      {"1×", 1},
                                                      {"2×", 2},
                                                      {"5×", 5},
                                                      {"10×", 10},
                                                      {"100×", 100},
                                                      {"max", 0}};
    for (const auto &[label, v] : speeds)
        m_speed->addItem(QString::fromUtf8(label), v);
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("Simulated seconds per wall-clock second"));
    addWidget(m_speed);
    addWidget(new QLabel(tr("  Seed ")));
    m_seed->setRange(0, 1000000);
    m_seed->setValue(int(sim->seed()));
    m_seed->setToolTip(tr("The same seed replays the same run"));
    addWidget(m_seed);
    addSeparator();
    m_clock->setMinimumWidth(220);
    addWidget(m_clock);
    showClock(0, 0);

    connect(m_run, &QAction::toggled, this, [this](bool on) {
        on ? m_sim->run() : m_sim->pause();
        m_run->setIcon(style()->standardIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
        m_run->setText(on ? tr("Pause") : tr("Run"));
    });
    // The run may stop by itself (at its scenario's duration_s): the button follows.
    connect(m_sim, &SimulationController::runningChanged, this, [this](bool on) {
        if (m_run->isChecked() != on)
            m_run->setChecked(on);
    });
    connect(m_step, &QAction::triggered, this, [this] {
        m_run->setChecked(false);
        m_sim->step(1.0);
    });
    connect(m_reset, &QAction::triggered, this, [this] { m_sim->reset(); });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        m_sim->setSpeed(m_speed->currentData().toDouble());
    });
    connect(
        m_seed, &QSpinBox::valueChanged, this, [this](int v) { m_sim->setSeed(std::uint64_t(v)); });
}

void RunToolbar::showClock(double simTimeS, double achievedSpeed)
{
    const int s = int(simTimeS);
    m_clock->setText(tr("  t = %1:%2.%3   (%4× real time)")
                         .arg(s / 60)
                         .arg(s % 60, 2, 10, QLatin1Char('0'))
                         .arg(int((simTimeS - s) * 10))
                         .arg(achievedSpeed < 100 ? QString::number(achievedSpeed, 'g', 3)
                                                  : QLocale().toString(qRound64(achievedSpeed))));
}

} // namespace hld
