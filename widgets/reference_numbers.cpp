#include "reference_numbers.h"

#include <QObject>

namespace hld {

QString referenceNumbersHtml()
{
    struct Group
    {
        const char *title;
        std::initializer_list<std::pair<const char *, const char *>> rows;
    };
    static const Group groups[] = {
        {QT_TR_NOOP("Latency"),
         {{"L1 cache", "1 ns"},
          {"L2 cache", "10 ns"},
          {"RAM read", "100 ns"},
          {"SSD read", "150 µs"},
          {"Network (same DC)", "0.5 ms"},
          {"Network (cross-region)", "50–150 ms"},
          {"HDD seek", "10 ms"}}},
        {QT_TR_NOOP("Throughput"),
         {{"Redis", "100,000+ ops/s"},
          {"PostgreSQL", "10,000–50,000 tx/s"},
          {"Kafka", "1,000,000+ msgs/s"},
          {"Single server", "10,000–50,000 HTTP req/s"},
          {"CDN edge", "100,000+ req/s"}}},
        {QT_TR_NOOP("Size"),
         {{"1 char", "1 byte"},
          {"1 UUID", "16 bytes binary / 36 string"},
          {"1 tweet", "300 bytes"},
          {"1 photo", "300 KB thumbnail – 5 MB full"},
          {"1 minute video", "50–100 MB"},
          {"1 hour audio", "60 MB (MP3 128 kbps)"}}},
        {QT_TR_NOOP("Quick math"),
         {{"1M requests/day", "~12 req/s"},
          {"10M/day", "~120 req/s"},
          {"100M/day", "~1,200 req/s = 3,600 peak"},
          {"1B records × 1 KB", "1 TB"},
          {"100M users × 100 bytes", "10 GB"}}},
    };
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    for (const Group &g : groups) {
        html += QStringLiteral("<tr><td colspan='2'><b>%1</b></td></tr>")
                    .arg(QObject::tr(g.title).toHtmlEscaped());
        for (const auto &[what, value] : g.rows)
            html += QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td>%2</td></tr>")
                        .arg(QString::fromUtf8(what).toHtmlEscaped(),
                             QString::fromUtf8(value).toHtmlEscaped());
    }
    html += QStringLiteral("</table><p><i>%1</i></p>")
                .arg(QObject::tr("From the guide: Numbers Every HLD Engineer Should Know."));
    return html;
}

} // namespace hld
