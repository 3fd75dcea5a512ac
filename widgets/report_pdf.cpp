#include "report_pdf.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>

#include <algorithm>
#include <numeric>

namespace hld {

namespace {

using report::Block;
using report::Table;

constexpr double kPad = 3;       // cell padding, points
constexpr double kGap = 8;       // between blocks
constexpr double kFooter = 18;   // reserved at the bottom of each page
constexpr int kMinTableRows = 2; // a table starts where its header and this many rows fit

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

class PdfLayout
{
public:
    PdfLayout(QPdfWriter &pdf, QPainter &p, const QString &title)
        : m_pdf(pdf)
        , m_p(p)
        , m_title(title)
        , m_w(pdf.width())
        , m_h(pdf.height())
    {
        m_base = QGuiApplication::font();
    }

    int pages() const { return m_page; }

    QFont font(double pt, bool bold = false) const
    {
        QFont f = m_base;
        f.setPointSizeF(pt);
        f.setBold(bold);
        // No ligatures, so "fi" stays two letters for search and copy in the PDF.
        f.setStyleStrategy(QFont::PreferNoShaping);
        return f;
    }

    double textHeight(const QString &text, const QFont &f, double width) const
    {
        return QFontMetricsF(f, &m_pdf) // the PDF's resolution, not the screen's
            .boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text)
            .height();
    }

    bool fits(double h) const { return m_y + h <= m_h - kFooter; }

    void newPage()
    {
        footer();
        m_pdf.newPage();
        ++m_page;
        m_y = 0;
    }

    void footer()
    {
        m_p.setFont(font(7));
        m_p.setPen(QColor(0x77, 0x77, 0x77));
        m_p.drawText(QRectF(0, m_h - 12, m_w, 12),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     m_title + QStringLiteral(" · HLD Studio report"));
        m_p.drawText(QRectF(0, m_h - 12, m_w, 12),
                     Qt::AlignRight | Qt::AlignVCenter,
                     QStringLiteral("page %1").arg(m_page));
    }

    void text(const QString &s, const QFont &f, const QColor &c, double after = kGap)
    {
        const double h = textHeight(s, f, m_w);
        if (!fits(h) && m_y > 0)
            newPage();
        m_p.setFont(f);
        m_p.setPen(c);
        m_p.drawText(QRectF(0, m_y, m_w, h), Qt::TextWordWrap, s);
        m_y += h + after;
    }

    // How much of a block must fit below a heading for the heading to stay with it.
    double minimumHeight(const Block &b) const
    {
        switch (b.kind) {
        case Block::Kind::Table: {
            const auto widths = columnWidths(b.table);
            double h = rowHeight(b.table.header, widths, true);
            for (std::size_t i = 0; i < std::min<std::size_t>(kMinTableRows, b.table.rows.size());
                 ++i)
                h += rowHeight(b.table.rows[i], widths, false);
            return h;
        }
        case Block::Kind::Chart:
            return m_w * b.chart.height / b.chart.width; // near enough: the title replaces a band
        case Block::Kind::Image:
            return imageHeight(b.image);
        default:
            return textHeight(qs(b.text), font(9.5), m_w);
        }
    }

    void heading(const std::string &title, const Block *first)
    {
        const QFont f = font(13, true);
        const double h = textHeight(qs(title), f, m_w) + 6;
        const double need = h + (first ? std::min(minimumHeight(*first), m_h * 0.5) : 0);
        if (!fits(need) && m_y > 0)
            newPage();
        if (m_y > 0)
            m_y += 6;
        m_p.setFont(f);
        m_p.setPen(QColor(0x1a, 0x1a, 0x1a));
        m_p.drawText(QRectF(0, m_y, m_w, h), Qt::AlignLeft | Qt::AlignTop, qs(title));
        m_p.setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 0.8));
        m_p.drawLine(QPointF(0, m_y + h - 3), QPointF(m_w, m_y + h - 3));
        m_y += h + 2;
    }

    std::vector<double> columnWidths(const Table &t) const
    {
        const std::size_t n = t.header.size();
        std::vector<double> w(n, 1.0);
        if (t.widths.size() == n) {
            w = t.widths;
        } else {
            const QFontMetricsF fm(font(7.5), &m_pdf);
            for (std::size_t i = 0; i < n; ++i) {
                double m = fm.horizontalAdvance(qs(t.header[i])) + 2 * kPad;
                for (const auto &row : t.rows) {
                    if (i < row.size())
                        m = std::max(m, fm.horizontalAdvance(qs(row[i])) + 2 * kPad);
                }
                w[i] = std::min(m, 180.0);
            }
        }
        const double sum = std::accumulate(w.begin(), w.end(), 0.0);
        for (double &x : w)
            x = x / sum * m_w;
        return w;
    }

    double rowHeight(const std::vector<std::string> &row,
                     const std::vector<double> &widths,
                     bool header) const
    {
        const QFont f = font(7.5, header);
        double h = 0;
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
            h = std::max(h, textHeight(qs(row[i]), f, widths[i] - 2 * kPad));
        return h + 2 * kPad;
    }

    void drawRow(const std::vector<std::string> &row,
                 const std::vector<double> &widths,
                 const std::vector<bool> &numeric,
                 bool header,
                 bool shade)
    {
        const double h = rowHeight(row, widths, header);
        double x = 0;
        m_p.setFont(font(7.5, header));
        for (std::size_t i = 0; i < widths.size(); ++i) {
            const QRectF cell(x, m_y, widths[i], h);
            m_p.setPen(QPen(QColor(0xd8, 0xd8, 0xd8), 0.6));
            m_p.setBrush(header  ? QColor(0xf0, 0xf2, 0xf5)
                         : shade ? QColor(0xfa, 0xfa, 0xfa)
                                 : QColor(Qt::white));
            m_p.drawRect(cell);
            m_p.setPen(QColor(0x1a, 0x1a, 0x1a));
            const bool right = !header && i < numeric.size() && numeric[i];
            if (i < row.size())
                m_p.drawText(cell.adjusted(kPad, kPad, -kPad, -kPad),
                             Qt::TextWordWrap | (right ? Qt::AlignRight : Qt::AlignLeft),
                             qs(row[i]));
            x += widths[i];
        }
        m_y += h;
    }

    void table(const Table &t)
    {
        const auto widths = columnWidths(t);
        const double headerH = rowHeight(t.header, widths, true);
        double start = headerH;
        for (std::size_t i = 0; i < std::min<std::size_t>(kMinTableRows, t.rows.size()); ++i)
            start += rowHeight(t.rows[i], widths, false);
        if (!fits(start) && m_y > 0)
            newPage();
        drawRow(t.header, widths, t.numeric, true, false);
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const double h = rowHeight(t.rows[i], widths, false);
            if (!fits(h)) { // never cut a row: carry on on a new page, header repeated
                newPage();
                drawRow(t.header, widths, t.numeric, true, false);
            }
            drawRow(t.rows[i], widths, t.numeric, false, i % 2 == 1);
        }
        m_y += kGap;
    }

    void chart(const report::Chart &c)
    {
        // The title as PDF text (searchable), then the SVG without its own title band.
        constexpr double kSvgTitleBand = 24; // SVG units at the top of lineChartSvg
        const double scale = m_w / c.width;
        const double band = kSvgTitleBand * scale;
        const QFont f = font(9.5, true);
        const double titleH = textHeight(qs(c.title), f, m_w) + 2;
        const double h = titleH + m_w * c.height / c.width - band;
        if (!fits(h))
            newPage();
        m_p.setFont(f);
        m_p.setPen(QColor(0x1a, 0x1a, 0x1a));
        m_p.drawText(QRectF(0, m_y, m_w, titleH), Qt::AlignLeft | Qt::AlignTop, qs(c.title));
        m_y += titleH;
        QSvgRenderer svg(QByteArray::fromStdString(c.svg));
        m_p.save();
        m_p.setClipRect(QRectF(0, m_y, m_w, h - titleH));
        svg.render(&m_p, QRectF(0, m_y - band, m_w, m_w * c.height / c.width));
        m_p.restore();
        m_y += h - titleH + kGap;
    }

    double imageHeight(const report::Image &img) const
    {
        const double aspect = img.width > 0 ? img.height / img.width : 0.6;
        return std::min(m_w * aspect, (m_h - kFooter) * 0.62);
    }

    void image(const report::Image &img, const ReportImagePainter &paint)
    {
        const double h = imageHeight(img);
        if (!fits(h))
            newPage();
        m_p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 0.6));
        m_p.setBrush(Qt::NoBrush);
        const QRectF box(0, m_y, m_w, h);
        m_p.drawRect(box);
        if (paint) {
            m_p.save();
            paint(&m_p, box.adjusted(2, 2, -2, -2), img.key);
            m_p.restore();
        }
        m_y += h + kGap;
    }

private:
    QPdfWriter &m_pdf;
    QPainter &m_p;
    QString m_title;
    double m_w, m_h;
    double m_y = 0;
    int m_page = 1;
    QFont m_base;
};

} // namespace

int writeReportPdf(const report::ReportDocument &doc,
                   QIODevice *device,
                   const ReportImagePainter &paintImage)
{
    QPdfWriter pdf(device);
    pdf.setTitle(qs(doc.title));
    pdf.setCreator(QStringLiteral("HLD Studio"));
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(16, 16, 16, 14), QPageLayout::Millimeter);
    pdf.setResolution(72); // one device unit = one point
    QPainter p(&pdf);
    p.setRenderHint(QPainter::Antialiasing);
    PdfLayout layout(pdf, p, qs(doc.title));
    layout.text(qs(doc.title), layout.font(20, true), QColor(0x1a, 0x1a, 0x1a), 2);
    layout.text(qs(doc.subtitle), layout.font(9), QColor(0x55, 0x55, 0x55), 10);
    for (const auto &s : doc.sections) {
        layout.heading(s.title, s.blocks.empty() ? nullptr : &s.blocks.front());
        for (const auto &b : s.blocks) {
            switch (b.kind) {
            case Block::Kind::Paragraph:
                layout.text(qs(b.text), layout.font(9.5), QColor(0x1a, 0x1a, 0x1a));
                break;
            case Block::Kind::Note:
                layout.text(qs(b.text), layout.font(8.5), QColor(0x55, 0x55, 0x55));
                break;
            case Block::Kind::Table:
                layout.table(b.table);
                break;
            case Block::Kind::Chart:
                layout.chart(b.chart);
                break;
            case Block::Kind::Image:
                layout.image(b.image, paintImage);
                break;
            }
        }
    }
    layout.footer();
    p.end();
    return layout.pages();
}

} // namespace hld
