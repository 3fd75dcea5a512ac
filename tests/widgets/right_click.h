#pragma once

// A real right click on a viewport (press, the context-menu event the platform sends,
// release) and a click on the entry of the menu it opens that `pick` chooses.
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QTest>
#include <QTimer>

#include <functional>

namespace hld::test {

struct RightClickResult
{
    QStringList offered; // the enabled entries' texts
    bool clicked = false;
};

inline RightClickResult
rightClickAndPick(QWidget *viewport, QPoint at, const std::function<bool(const QAction *)> &pick)
{
    RightClickResult result;
    QTimer::singleShot(100, viewport, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator() && a->isVisible() && a->isEnabled())
                result.offered << a->text();
        }
        for (QAction *a : menu->actions()) {
            if (pick(a)) {
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
                result.clicked = true;
                return;
            }
        }
        menu->close();
    });
    const QPoint global = viewport->mapToGlobal(at);
    QMouseEvent press(QEvent::MouseButtonPress, at, global, Qt::RightButton, Qt::RightButton, {});
    QApplication::sendEvent(viewport, &press);
    QContextMenuEvent menuEvent(QContextMenuEvent::Mouse, at, global);
    QApplication::sendEvent(viewport, &menuEvent);
    QMouseEvent release(QEvent::MouseButtonRelease, at, global, Qt::RightButton, Qt::NoButton, {});
    QApplication::sendEvent(viewport, &release);
    return result;
}

} // namespace hld::test
