#pragma once

#include <QWidget>

class QVBoxLayout;

namespace hld {

// What a new user sees when HLD Studio starts without a file: the templates as pictures
// with a line each, the recent files, how it works in three steps (drag, connect, Run),
// the Concepts browser, and and "Practise an interview".
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);

    void setRecentFiles(const QStringList &paths);
    // One line about a shipped template (by its resource path), for the cards.
    static QString templateSummary(const QString &resourcePath);

signals:
    void templateChosen(const QString &resourcePath);
    void blankChosen();
    void openChosen(); // "Open a design…"
    void recentChosen(const QString &path);
    void conceptsChosen();  // "Learn the concepts"
    void interviewChosen(); // "Practise an interview"

private:
    QWidget *makeTemplateCard(const QString &title, const QString &path);

    QVBoxLayout *m_recent;
};

} // namespace hld
