#pragma once

#include "model/design.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace hld {

class DesignDocument;

// Files for one document window: new, open, save (atomic), save as, recent files, and a
// recovery copy written every 30 s while there are unsaved changes, offered back after a
// crash. A failed open leaves the document exactly as it was.
class FileController : public QObject
{
    Q_OBJECT

public:
    explicit FileController(DesignDocument *doc, QObject *parent = nullptr);
    ~FileController() override;

    QString filePath() const { return m_path; }
    QString displayName() const;
    bool isModified() const;

    void newDocument(const Design &initial = {});
    std::optional<QString> open(const QString &path); // error message, or nothing
    std::optional<QString> save();                    // needs a path
    std::optional<QString> saveAs(const QString &path);
    QStringList recentFiles() const;

    // Crash recovery.
    void setAutosaveInterval(int ms) { m_autosave.setInterval(ms); }
    QString recoveryPath() const;
    bool hasRecovery() const;
    std::optional<QString> restoreRecovery();
    void discardRecovery();
    bool writeRecovery(); // what the timer calls

    static std::optional<Design> loadTemplate(const QString &resourcePath,
                                              QString *error = nullptr);
    // Templates shipped in resources/templates: (title, resource path), sorted by title.
    static QList<std::pair<QString, QString>> templates();

signals:
    void filePathChanged(const QString &path);
    void recentFilesChanged();

private:
    void setPath(const QString &path);
    void addRecent(const QString &path);

    DesignDocument *m_doc;
    QString m_path;
    QTimer m_autosave;
};

} // namespace hld
