#include "file_controller.h"

#include "auto_layout.h"
#include "design_document.h"
#include "io/design_reader.h"
#include "io/design_writer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSettings>
#include <QStandardPaths>

#include <atomic>

namespace hld {

namespace {
constexpr int kAutosaveMs = 30000;
constexpr int kMaxRecent = 10;
const char kRecentKey[] = "files/recent";

QString message(const LoadResult &r, const QString &path)
{
    return QString::fromStdString(r.describe(QFileInfo(path).fileName().toStdString())).trimmed();
}
} // namespace

FileController::FileController(DesignDocument *doc, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
{
    static std::atomic<int> instances{0};
    m_recoveryName
        = QStringLiteral("%1-%2").arg(QCoreApplication::applicationPid()).arg(++instances);
    m_autosave.setInterval(kAutosaveMs);
    connect(&m_autosave, &QTimer::timeout, this, &FileController::writeRecovery);
    m_autosave.start();
}

FileController::~FileController()
{
    // Unsaved work stays behind for the next start; its lock goes with this instance.
    if (m_doc && !isModified())
        discardRecovery();
}

QString FileController::displayName() const
{
    if (!m_path.isEmpty())
        return QFileInfo(m_path).fileName();
    // A template or concept design not yet saved goes by its name.
    const std::string &name = m_doc->design().name;
    return name.empty() ? tr("Untitled") : QString::fromStdString(name);
}

bool FileController::isModified() const
{
    return !m_doc->undoStack()->isClean();
}

void FileController::setPath(const QString &path)
{
    m_path = path;
    emit filePathChanged(path);
}

void FileController::newDocument(const Design &initial)
{
    Design d = initial;
    placeUnpositioned(d);
    m_doc->undoStack()->clear();
    m_doc->resetDesign(d);
    m_doc->undoStack()->setClean();
    setPath({});
}

std::optional<QString> FileController::open(const QString &path)
{
    LoadResult r = loadDesignFile(path.toStdString());
    if (!r.ok())
        return message(r, path);
    placeUnpositioned(*r.design);
    m_doc->undoStack()->clear();
    m_doc->resetDesign(*r.design);
    m_doc->undoStack()->setClean();
    setPath(QFileInfo(path).absoluteFilePath());
    addRecent(m_path);
    return std::nullopt;
}

std::optional<QString> FileController::save()
{
    if (m_path.isEmpty())
        return tr("The design has no file yet: use Save As.");
    return saveAs(m_path);
}

std::optional<QString> FileController::saveAs(const QString &path)
{
    emit aboutToSave(); // a running interview clock stores its reading first
    std::string error;
    if (!saveDesignFile(m_doc->design(), path.toStdString(), &error))
        return QString::fromStdString(error);
    m_doc->undoStack()->setClean();
    setPath(QFileInfo(path).absoluteFilePath());
    addRecent(m_path);
    discardRecovery();
    return std::nullopt;
}

QStringList FileController::recentFiles() const
{
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void FileController::addRecent(const QString &path)
{
    QSettings settings;
    QStringList list = settings.value(QLatin1String(kRecentKey)).toStringList();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    settings.setValue(QLatin1String(kRecentKey), list);
    emit recentFilesChanged();
}

QString FileController::recoveryDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/recovery");
}

QString FileController::recoveryPath() const
{
    return recoveryDir() + QLatin1Char('/') + m_recoveryName + QStringLiteral(".hld.json");
}

bool FileController::lockRecovery()
{
    if (m_recoveryLock && m_recoveryLock->isLocked())
        return true;
    QDir().mkpath(recoveryDir());
    m_recoveryLock = std::make_unique<QLockFile>(recoveryDir() + QLatin1Char('/') + m_recoveryName
                                                 + QStringLiteral(".lock"));
    m_recoveryLock->setStaleLockTime(0); // only a dead owner makes a lock stale, never its age
    return m_recoveryLock->tryLock(0);
}

QString FileController::orphanedRecovery() const
{
    const QDir dir(recoveryDir());
    const QString own = QFileInfo(recoveryPath()).fileName();
    for (const QString &name :
         dir.entryList({QStringLiteral("*.hld.json")}, QDir::Files, QDir::Time)) {
        if (name == own)
            continue;
        // A lock we can take is free: its owner closed without cleaning up, or died (Qt
        // checks the process id it holds). A running owner keeps it.
        const QString base = name.chopped(int(qstrlen(".hld.json")));
        QLockFile lock(dir.filePath(base + QStringLiteral(".lock")));
        lock.setStaleLockTime(0);
        if (lock.tryLock(0))
            return dir.filePath(name); // the lock file goes when `lock` does
    }
    return {};
}

bool FileController::hasRecovery() const
{
    return !orphanedRecovery().isEmpty();
}

bool FileController::writeRecovery()
{
    emit aboutToSave();
    if (!isModified() || !lockRecovery())
        return false;
    if (!saveDesignFile(m_doc->design(), recoveryPath().toStdString(), nullptr))
        return false;
    QSettings().setValue(QStringLiteral("files/recoveryOf/") + m_recoveryName, m_path);
    return true;
}

std::optional<QString> FileController::restoreRecovery()
{
    const QString orphan = orphanedRecovery();
    if (orphan.isEmpty())
        return tr("There is no unsaved work of an instance that has gone.");
    const LoadResult r = loadDesignFile(orphan.toStdString());
    if (!r.ok())
        return message(r, orphan);
    m_doc->undoStack()->clear();
    m_doc->resetDesign(*r.design);
    // The restored work is unsaved: keep it marked modified, under its original name.
    m_doc->undoStack()->resetClean();
    const QString name = QFileInfo(orphan).fileName().chopped(int(qstrlen(".hld.json")));
    QSettings settings;
    const QString key = QStringLiteral("files/recoveryOf/") + name;
    setPath(settings.value(key).toString());
    settings.remove(key);
    // Take the copy over, so that it survives until this instance saves or discards it.
    discardRecovery();
    if (lockRecovery()) {
        QFile::remove(recoveryPath());
        QFile::rename(orphan, recoveryPath());
    }
    QFile::remove(orphan);
    return std::nullopt;
}

void FileController::discardRecovery()
{
    QFile::remove(recoveryPath());
    QSettings().remove(QStringLiteral("files/recoveryOf/") + m_recoveryName);
    if (m_recoveryLock)
        m_recoveryLock->unlock();
}

void FileController::discardOrphanedRecovery()
{
    for (QString orphan = orphanedRecovery(); !orphan.isEmpty(); orphan = orphanedRecovery()) {
        if (!QFile::remove(orphan))
            return;
    }
}

std::optional<Design> FileController::loadTemplate(const QString &resourcePath, QString *error)
{
    QFile f(resourcePath);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot open %1").arg(resourcePath);
        return std::nullopt;
    }
    const LoadResult r = parseDesign(f.readAll().toStdString());
    if (!r.ok()) {
        if (error)
            *error = message(r, resourcePath);
        return std::nullopt;
    }
    return r.design;
}

QList<std::pair<QString, QString>> FileController::templates()
{
    QList<std::pair<QString, QString>> out;
    const QDir dir(QStringLiteral(":/templates"));
    for (const QString &name : dir.entryList({QStringLiteral("*.hld.json")}, QDir::Files)) {
        const QString path = dir.filePath(name);
        const auto d = loadTemplate(path);
        out.append({d ? QString::fromStdString(d->name) : name, path});
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace hld
