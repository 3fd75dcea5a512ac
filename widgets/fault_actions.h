#pragma once

#include "fault_injector.h"

#include <QObject>

class QMenu;
class QWidget;

namespace hld {

// The faults as the user reaches them: the entries of a component's right-click menu (only
// those that apply to it now), the Simulate menu's actions on the selection, and the small
// dialogs that ask for a value or two regions. FaultInjector does the work.
class FaultActions : public QObject
{
    Q_OBJECT

public:
    FaultActions(FaultInjector *faults, QWidget *window);

    void addTo(const QString &componentId, QMenu *menu);
    void inject(FaultInjector::Fault fault, const QStringList &ids);
    void partition();
    void healAll();

signals:
    void message(const QString &text);

private:
    FaultInjector *m_faults;
    QWidget *m_window;
};

} // namespace hld
