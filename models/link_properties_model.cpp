#include "link_properties_model.h"

#include "design_document.h"
#include "design_editor.h"
#include "model/component_kind.h"

#include <QFont>

namespace hld {

namespace {
enum Row { From, To, Latency, Mode, Weight, Requests, RowCount };
}

LinkPropertiesModel::LinkPropertiesModel(DesignEditor *editor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_editor(editor)
{
    auto *doc = editor->document();
    auto refresh = [this] {
        if (hasLink() && linkIndex() < 0)
            setLink({}, {});
        else
            emit dataChanged(index(0, 1), index(RowCount - 1, 1));
    };
    connect(doc, &DesignDocument::linkChanged, this, refresh);
    connect(doc, &DesignDocument::linkRemoved, this, refresh);
    connect(doc, &DesignDocument::componentChanged, this, refresh); // regions set latency
    connect(doc,
            &DesignDocument::componentRenamed,
            this,
            [this](const QString &oldId, const QString &newId) {
                if (m_from == oldId)
                    m_from = newId;
                if (m_to == oldId)
                    m_to = newId;
            });
    connect(doc, &DesignDocument::documentReset, this, [this] { setLink({}, {}); });
}

void LinkPropertiesModel::setLink(const QString &from, const QString &to)
{
    beginResetModel();
    m_from = from;
    m_to = to;
    endResetModel();
}

int LinkPropertiesModel::linkIndex() const
{
    return m_editor->document()->linkIndex(m_from, m_to);
}

int LinkPropertiesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !hasLink() ? 0 : RowCount;
}

int LinkPropertiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant LinkPropertiesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Property") : tr("Value");
}

QVariant LinkPropertiesModel::data(const QModelIndex &index, int role) const
{
    const int li = linkIndex();
    if (!index.isValid() || li < 0)
        return {};
    const Design &d = m_editor->document()->design();
    const Link &l = d.links[std::size_t(li)];
    if (index.column() == 0) {
        if (role != Qt::DisplayRole)
            return {};
        static const char *labels[] = {QT_TR_NOOP("From"),
                                       QT_TR_NOOP("To"),
                                       QT_TR_NOOP("Latency (ms, one way)"),
                                       QT_TR_NOOP("Mode"),
                                       QT_TR_NOOP("Weight"),
                                       QT_TR_NOOP("Requests")};
        return tr(labels[index.row()]);
    }
    if (role == ChoicesRole) {
        if (index.row() == Mode)
            return QStringList{"sync", "async"};
        if (index.row() == Requests)
            return QStringList{"all", "reads", "writes"};
        return {};
    }
    if (role == Qt::FontRole) {
        QFont f;
        f.setItalic((index.row() == Latency && !l.latencyMs) || (index.row() == Mode && !l.mode)
                    || (index.row() == Weight && !l.weight)
                    || (index.row() == Requests && !l.requests));
        return f;
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.row()) {
    case From:
        return QString::fromStdString(l.from);
    case To:
        return QString::fromStdString(l.to);
    case Latency:
        return effectiveLatencyMs(d, l);
    case Mode:
        return QString::fromUtf8(toString(l.mode.value_or(LinkMode::Sync)).data());
    case Weight:
        return l.weight.value_or(1.0);
    case Requests:
        return QString::fromUtf8(toString(l.requests.value_or(RequestFilter::All)).data());
    }
    return {};
}

Qt::ItemFlags LinkPropertiesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == 1 && index.row() >= Latency)
        f |= Qt::ItemIsEditable;
    return f;
}

bool LinkPropertiesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const int li = linkIndex();
    if (role != Qt::EditRole || index.column() != 1 || li < 0)
        return false;
    Link l = m_editor->document()->design().links[std::size_t(li)];
    const QString s = value.toString().trimmed();
    auto number = [&](std::optional<double> &field) -> bool {
        if (s.isEmpty()) {
            field.reset();
            return true;
        }
        bool ok = false;
        const double v = s.toDouble(&ok);
        if (!ok) {
            emit editRefused(tr("'%1' is not a number").arg(s));
            return false;
        }
        field = v;
        return true;
    };
    switch (index.row()) {
    case Latency:
        if (!number(l.latencyMs))
            return false;
        break;
    case Weight:
        if (!number(l.weight))
            return false;
        break;
    case Mode: {
        const auto m = linkModeFromName(s.toStdString());
        if (!m) {
            emit editRefused(tr("mode must be sync or async"));
            return false;
        }
        l.mode = *m;
        break;
    }
    case Requests: {
        const auto r = requestFilterFromName(s.toStdString());
        if (!r) {
            emit editRefused(tr("requests must be all, reads or writes"));
            return false;
        }
        l.requests = *r;
        break;
    }
    default:
        return false;
    }
    if (auto why = m_editor->editLink(li, l, tr("Edit link %1 → %2").arg(m_from, m_to))) {
        emit editRefused(*why);
        return false;
    }
    return true;
}

} // namespace hld
