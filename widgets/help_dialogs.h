#pragma once

class QWidget;

namespace hld {

// The Help menu's windows. The shortcuts come from the window's own actions, so the list
// cannot drift from what the keys do; the gestures of the canvas are listed beside them.
void showShortcuts(QWidget *window);
void showDesignFormat(QWidget *window);
void showAbout(QWidget *window);

} // namespace hld
