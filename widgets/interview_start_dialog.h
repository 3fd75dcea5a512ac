#pragma once

#include "model/interview.h"

#include <QDialog>

#include <array>

class QDoubleSpinBox;
class QListWidget;

namespace hld {

class PromptLibrary;

// "Practise an interview": pick a prompt (title and one line) or a random one, and the
// minutes of each phase (the guide's 5/5/5/15/12/3 by default).
class InterviewStartDialog : public QDialog
{
    Q_OBJECT

public:
    explicit InterviewStartDialog(const PromptLibrary &library, QWidget *parent = nullptr);

    QString promptId() const; // the chosen prompt; a random one for "Random prompt"
    std::array<double, kInterviewPhases> phaseMinutes() const;
    QListWidget *list() const { return m_list; }
    void selectPrompt(const QString &id);

private:
    const PromptLibrary &m_library;
    QListWidget *m_list;
    std::array<QDoubleSpinBox *, kInterviewPhases> m_minutes{};
    mutable QString m_random; // drawn once, so promptId() answers the same each time
};

} // namespace hld
