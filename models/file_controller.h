#pragma once

#include "model/design.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>

class QLockFile;

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
    QString displayName() const; // the file name; unsaved, the design's name or "Untitled"
    bool isModified() const;

    void newDocument(const Design &initial = {});
    std::optional<QString> open(const QString &path); // error message, or nothing
    std::optional<QString> save();                    // needs a path
    std::optional<QString> saveAs(const QString &path);
    QStringList recentFiles() const;

    // Crash recovery. Each instance writes its own copy, next to a lock file that holds its
    // process id while it runs; only the copy of an instance that is gone (its lock is free,
    // or names a dead process) is offered back.
    void setAutosaveInterval(int ms) { m_autosave.setInterval(ms); }
    QString recoveryPath() const; // this instance's copy
    bool hasRecovery() const;     // a copy left by an instance that is no longer running
    // Restores that copy and takes it over (it stays until saved or discarded).
    std::optional<QString> restoreRecovery();
    void discardRecovery();         // this instance's copy
    void discardOrphanedRecovery(); // the copies of instances that are gone
    bool writeRecovery();           // what the timer calls

    static std::optional<Design> loadTemplate(const QString &resourcePath,
                                              QString *error = nullptr);
    // Templates shipped in resources/templates: (title, resource path), sorted by title.
    static QList<std::pair<QString, QString>> templates();

signals:
    void filePathChanged(const QString &path);
    void recentFilesChanged();
    // Just before the document is written (save, save as, the recovery copy): the last
    // chance for state outside the undo history (the interview clock) to reach the document.
    void aboutToSave();

private:
    void setPath(const QString &path);
    void addRecent(const QString &path);
    static QString recoveryDir();
    QString orphanedRecovery() const; // path of a copy whose owner is gone, or empty
    bool lockRecovery();

    QString m_recoveryName; // "<pid>-<n>": this instance's copy and lock
    std::unique_ptr<QLockFile> m_recoveryLock;

    QPointer<DesignDocument> m_doc; // the window may destroy it first
    QString m_path;
    QTimer m_autosave;
};

} // namespace hld
