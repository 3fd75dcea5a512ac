#include "help_dialogs.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMessageBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace hld {

namespace {

QDialog *makeDialog(QWidget *window, const QString &title, QWidget *body, QSize size)
{
    auto *d = new QDialog(window);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setWindowTitle(title);
    auto *layout = new QVBoxLayout(d);
    layout->addWidget(body);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, d);
    QObject::connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::reject);
    layout->addWidget(buttons);
    d->resize(size);
    return d;
}

} // namespace

void showShortcuts(QWidget *window)
{
    std::vector<std::pair<QString, QString>> rows;
    for (QAction *a : window->findChildren<QAction *>()) {
        if (a->shortcuts().isEmpty() || a->text().isEmpty())
            continue;
        QStringList keys;
        for (const auto &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        rows.emplace_back(text, keys.join(QStringLiteral(", ")));
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const std::pair<const char *, const char *> gestures[] = {
        {QT_TR_NOOP("Connect two components"), QT_TR_NOOP("Drag from the dot on the right edge")},
        {QT_TR_NOOP("Async link"), QT_TR_NOOP("Alt + drag from the dot")},
        {QT_TR_NOOP("Add to the selection"), QT_TR_NOOP("Shift + click")},
        {QT_TR_NOOP("Select an area"), QT_TR_NOOP("Drag on empty canvas")},
        {QT_TR_NOOP("Pan"), QT_TR_NOOP("Space + drag, or middle button")},
        {QT_TR_NOOP("Zoom"), QT_TR_NOOP("Mouse wheel")},
        {QT_TR_NOOP("Nudge the selection"), QT_TR_NOOP("Arrow keys (Shift: five grid steps)")},
        {QT_TR_NOOP("Faults on a component"),
         QT_TR_NOOP("Right-click it while the simulation runs")},
        {QT_TR_NOOP("Follow a request in the trace"), QT_TR_NOOP("Click a moving dot")},
    };
    auto *table = new QTableWidget(int(rows.size() + std::size(gestures)), 2);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels(
        {QApplication::translate("Help", "Action"), QApplication::translate("Help", "Keys")});
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    int r = 0;
    for (const auto &[action, keys] : rows) {
        table->setItem(r, 0, new QTableWidgetItem(action));
        table->setItem(r++, 1, new QTableWidgetItem(keys));
    }
    for (const auto &[action, how] : gestures) {
        table->setItem(r, 0, new QTableWidgetItem(QApplication::translate("Help", action)));
        table->setItem(r++, 1, new QTableWidgetItem(QApplication::translate("Help", how)));
    }
    table->resizeColumnToContents(0);
    makeDialog(window, QApplication::translate("Help", "Keyboard shortcuts"), table, {560, 600})
        ->show();
}

void showDesignFormat(QWidget *window)
{
    auto *text = new QTextBrowser;
    text->setObjectName(QStringLiteral("designFormat"));
    text->setOpenExternalLinks(true);
    text->setHtml(QApplication::translate("Help",
                                          R"(<h2>The design format (<code>*.hld.json</code>)</h2>
<p>A design is one JSON file: the components, the links between them, and optionally regions
and a timed scenario. The designer writes it on Save; <code>hldsim</code> runs the same file from
the command line. Unknown fields are refused, so a typo is an error, not a silent default.</p>
<pre>{
  "format": "hld-design", "version": 1, "name": "URL shortener",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 1200, "read_ratio": 0.9}},
    {"id": "lb", "kind": "load_balancer", "algorithm": "least_connections"},
    {"id": "api", "kind": "service", "replicas": 3, "instance": "m",
     "service_time": {"dist": "exponential", "mean_ms": 8}},
    {"id": "cache", "kind": "cache", "hit_ratio": 0.85},
    {"id": "db", "kind": "database", "workers": 8}
  ],
  "links": [{"from": "users", "to": "lb"}, {"from": "lb", "to": "api"},
            {"from": "api", "to": "cache"}, {"from": "cache", "to": "db"}]
}</pre>
<h3>Components</h3>
<table border="1" cellpadding="3" cellspacing="0">
<tr><th>field</th><th>meaning</th></tr>
<tr><td><code>id</code>, <code>kind</code></td><td>a unique name; client, cdn, load_balancer,
api_gateway, service, cache, database, queue or object_storage</td></tr>
<tr><td><code>replicas</code></td><td>horizontal scale: identical copies (default 1)</td></tr>
<tr><td><code>instance</code></td><td>vertical scale: xs, s, m, l, xl, 2xl, 4xl (vCPUs, memory, price)</td></tr>
<tr><td><code>workers</code></td><td>requests served in parallel by one replica (default: the vCPUs)</td></tr>
<tr><td><code>service_time</code></td><td><code>{dist, mean_ms, cv}</code>: how long a request holds a worker</td></tr>
<tr><td><code>queue_capacity</code></td><td>requests that may wait per replica; more are rejected</td></tr>
<tr><td><code>traffic</code> (client)</td><td><code>{rps, arrival, read_ratio, timeout_ms, profile}</code></td></tr>
<tr><td><code>hit_ratio</code> (cache, cdn)</td><td>share of reads served without going downstream</td></tr>
<tr><td><code>algorithm</code> (balancer)</td><td>round_robin, least_connections, random, ip_hash,
weighted_round_robin, power_of_two</td></tr>
<tr><td><code>autoscale</code>, <code>replication</code>, <code>region</code></td><td>scaling on load,
replicated data (CP or AP), the data centre it runs in</td></tr>
</table>
<h3>Links</h3>
<p><code>from</code>, <code>to</code>, <code>latency_ms</code> (one way; 0.5 ms in a region, 75 ms
across), <code>mode</code> (sync, or async through a queue), <code>weight</code>,
<code>requests</code> (all, reads or writes).</p>
<h3>Scenario</h3>
<p><code>{"duration_s", "events": [{"at_s", "action", "target", ...}]}</code>: timed changes such
as <code>set_replicas</code>, <code>kill</code>, <code>restore</code>, <code>add_latency</code>,
<code>partition</code> and <code>heal</code>, played by the designer and by <code>hldsim</code>.</p>
<p>The complete contract is the JSON Schema <code>resources/hld-design.schema.json</code> and the
README of the project; every field also has a tooltip in the inspector.</p>)"));
    makeDialog(window, QApplication::translate("Help", "The design format"), text, {680, 640})
        ->show();
}

void showAbout(QWidget *window)
{
    QMessageBox::about(
        window,
        QApplication::translate("Help", "About HLD Studio"),
        QApplication::translate("Help",
                                "<h3>HLD Studio %1</h3>"
                                "<p>Draw a system architecture and push real traffic through "
                                "it: a discrete-event simulator whose numbers agree with "
                                "queueing theory, animated on the canvas, charted live.</p>"
                                "<p>For designing systems, practising system-design interviews "
                                "and exporting diagrams and reports.</p>"
                                "<p>Built with Qt %2.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

} // namespace hld
