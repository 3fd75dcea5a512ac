#include "file_controller.h"

#include "auto_layout.h"
#include "design_document.h"
#include "io/design_reader.h"
#include "io/design_writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

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
    m_autosave.setInterval(kAutosaveMs);
    connect(&m_autosave, &QTimer::timeout, this, &FileController::writeRecovery);
    m_autosave.start();
}

FileController::~FileController() = default;

QString FileController::displayName() const
{
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
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

QString FileController::recoveryPath() const
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir + QStringLiteral("/recovery.hld.json");
}

bool FileController::hasRecovery() const
{
    return QFile::exists(recoveryPath());
}

bool FileController::writeRecovery()
{
    if (!isModified())
        return false;
    QDir().mkpath(QFileInfo(recoveryPath()).absolutePath());
    if (!saveDesignFile(m_doc->design(), recoveryPath().toStdString(), nullptr))
        return false;
    QSettings().setValue(QStringLiteral("files/recoveryOf"), m_path);
    return true;
}

std::optional<QString> FileController::restoreRecovery()
{
    const LoadResult r = loadDesignFile(recoveryPath().toStdString());
    if (!r.ok())
        return message(r, recoveryPath());
    m_doc->undoStack()->clear();
    m_doc->resetDesign(*r.design);
    // The restored work is unsaved: keep it marked modified, under its original name.
    m_doc->undoStack()->resetClean();
    setPath(QSettings().value(QStringLiteral("files/recoveryOf")).toString());
    return std::nullopt;
}

void FileController::discardRecovery()
{
    QFile::remove(recoveryPath());
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
