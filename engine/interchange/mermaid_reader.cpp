// A Mermaid flowchart reader: a hand-written scanner over one statement at a time.
#include "interchange/text_interchange.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace hld::interchange {

namespace {

struct Failure
{
    std::string message;
};

bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

std::string trim(std::string_view s)
{
    std::size_t a = 0, b = s.size();
    while (a < b && space(s[a]))
        ++a;
    while (b > a && space(s[b - 1]))
        --b;
    return std::string(s.substr(a, b - a));
}

bool startsWithWord(std::string_view s, std::string_view word)
{
    return s.substr(0, word.size()) == word
           && (s.size() == word.size() || space(s[word.size()]) || s[word.size()] == ';');
}

// Mermaid's label text: quotes, markdown backticks, `#quot;` codes, <br> and entities.
std::string cleanLabel(std::string s)
{
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    if (s.size() >= 2 && s.front() == '`' && s.back() == '`')
        s = s.substr(1, s.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        // Mermaid's entity codes: #quot; #35; #9829;
        if (s[i] == '#') {
            const auto semi = s.find(';', i);
            if (semi != std::string::npos && semi - i <= 8 && semi > i + 1) {
                const std::string code = s.substr(i + 1, semi - i - 1);
                const bool numeric = std::all_of(code.begin(), code.end(), [](char c) {
                    return std::isdigit(static_cast<unsigned char>(c));
                });
                if (numeric || std::all_of(code.begin(), code.end(), [](char c) {
                        return std::isalpha(static_cast<unsigned char>(c));
                    })) {
                    out.push_back('&');
                    if (numeric)
                        out.push_back('#');
                    out += code;
                    out.push_back(';');
                    i = semi;
                    continue;
                }
            }
        }
        if (s[i] == '*' || s[i] == '_') {
            // markdown emphasis markers around words
            const bool edge = i == 0 || i + 1 == s.size() || s[i - 1] == ' ' || s[i + 1] == ' '
                              || s[i + 1] == s[i] || s[i - 1] == s[i];
            if (edge && s[i] == '*')
                continue;
        }
        out.push_back(s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n' ? (++i, ' ') : s[i]);
    }
    return clampLabel(stripHtml(out));
}

class Reader
{
public:
    ImportedGraph graph;

    void statement(std::string_view st, int line)
    {
        m_line = line;
        const std::string s = trim(st);
        if (s.empty())
            return;
        if (startsWithWord(s, "subgraph")) {
            openSubgraph(trim(std::string_view(s).substr(8)));
            return;
        }
        if (s == "end") {
            if (m_groups.empty())
                fail("'end' without a subgraph to close");
            m_groups.pop_back();
            return;
        }
        for (std::string_view skip : {"style",
                                      "linkStyle",
                                      "click",
                                      "direction",
                                      "accTitle",
                                      "accDescr",
                                      "title",
                                      "classDef"}) {
            if (startsWithWord(s, skip) || s.rfind(std::string(skip) + ":", 0) == 0)
                return;
        }
        if (startsWithWord(s, "class")) {
            classStatement(trim(std::string_view(s).substr(5)));
            return;
        }
        chain(s);
    }

    void finish()
    {
        if (!m_groups.empty())
            throw Failure{"subgraph '" + m_groupTitles[m_groups.back()]
                          + "' is never closed with 'end' (is the file cut short?)"};
    }

    [[noreturn]] void fail(const std::string &what)
    {
        throw Failure{std::string("line ") + std::to_string(m_line) + ": " + what};
    }

private:
    void openSubgraph(std::string rest)
    {
        if (m_groups.size() >= 64)
            fail("subgraphs nested more than 64 deep");
        std::string key = rest, title;
        const auto open = rest.find('[');
        if (open != std::string::npos) {
            if (rest.back() != ']')
                fail("subgraph title '" + rest + "' has no closing ']'");
            key = trim(std::string_view(rest).substr(0, open));
            title
                = cleanLabel(trim(std::string_view(rest).substr(open + 1, rest.size() - open - 2)));
        } else if (rest.size() >= 2 && rest.front() == '"') {
            title = cleanLabel(rest);
            key = title;
        } else {
            title = rest;
        }
        if (key.empty())
            key = std::string("subgraph") + std::to_string(graph.groups.size() + 1);
        if (title.empty())
            title = key;
        ImportedGroup g;
        g.key = key;
        g.title = clampLabel(title);
        m_groupTitles[key] = g.title;
        graph.groups.push_back(g);
        m_groups.push_back(key);
    }

    void classStatement(const std::string &rest)
    {
        const auto sp = rest.find_last_of(" \t");
        if (sp == std::string::npos)
            return;
        const std::string cls = trim(std::string_view(rest).substr(sp + 1));
        std::string ids = rest.substr(0, sp);
        std::size_t p = 0;
        while (p <= ids.size()) {
            const auto comma = std::min(ids.find(',', p), ids.size());
            const std::string id = trim(std::string_view(ids).substr(p, comma - p));
            if (auto it = m_index.find(id); it != m_index.end())
                graph.nodes[it->second].styleHint += " " + cls;
            p = comma + 1;
        }
    }

    // node-group (link node-group)*
    void chain(const std::string &s)
    {
        std::size_t p = 0;
        std::vector<std::size_t> prev = nodeGroup(s, p);
        for (;;) {
            skipSpace(s, p);
            if (p >= s.size())
                return;
            ImportedEdge proto;
            bool invisible = false;
            if (!link(s, p, proto, invisible))
                fail("cannot read '" + s.substr(p, 40) + "': expected a link such as -->");
            skipSpace(s, p);
            if (p >= s.size())
                fail("the link at the end of '" + s.substr(0, 60) + "' has no target");
            std::vector<std::size_t> next = nodeGroup(s, p);
            if (!invisible) {
                for (std::size_t a : prev) {
                    for (std::size_t b : next) {
                        if (graph.edges.size() >= kMaxImportEdges)
                            fail(std::string("more than ") + std::to_string(kMaxImportEdges)
                                 + " links");
                        ImportedEdge e = proto;
                        e.from = graph.nodes[a].key;
                        e.to = graph.nodes[b].key;
                        graph.edges.push_back(std::move(e));
                    }
                }
            }
            prev = std::move(next);
        }
    }

    static void skipSpace(const std::string &s, std::size_t &p)
    {
        while (p < s.size() && space(s[p]))
            ++p;
    }

    std::vector<std::size_t> nodeGroup(const std::string &s, std::size_t &p)
    {
        std::vector<std::size_t> out{node(s, p)};
        for (;;) {
            std::size_t q = p;
            skipSpace(s, q);
            if (q < s.size() && s[q] == '&') {
                ++q;
                skipSpace(s, q);
                p = q;
                out.push_back(node(s, p));
            } else {
                return out;
            }
        }
    }

    static bool idByte(const std::string &s, std::size_t i)
    {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isalnum(c) || c == '_' || c >= 0x80)
            return true;
        // A single dash inside an id (`api-v2`), never the start of a link (`--`, `-.`).
        if (c == '-' && i > 0 && i + 1 < s.size()) {
            const unsigned char n = static_cast<unsigned char>(s[i + 1]);
            return std::isalnum(n) || n == '_';
        }
        return false;
    }

    std::size_t node(const std::string &s, std::size_t &p)
    {
        const std::size_t start = p;
        while (p < s.size() && idByte(s, p))
            ++p;
        if (p == start)
            fail("expected a node id at '" + s.substr(start, 40) + "'");
        std::string key = s.substr(start, p - start);
        // `A-->B`: the id must not swallow a link's first dash; idByte already stops there.
        std::optional<std::pair<std::string, NodeShape>> shaped;
        if (p < s.size() && std::string_view("[({>").find(s[p]) != std::string_view::npos)
            shaped = shape(s, p);
        else if (p + 1 < s.size() && s[p] == '@' && s[p + 1] == '{')
            shaped = shapeObject(s, p);
        std::string cls;
        if (s.compare(p, 3, ":::") == 0) {
            p += 3;
            const std::size_t c0 = p;
            while (
                p < s.size()
                && (std::isalnum(static_cast<unsigned char>(s[p])) || s[p] == '_' || s[p] == '-'))
                ++p;
            cls = s.substr(c0, p - c0);
        }
        auto it = m_index.find(key);
        if (it == m_index.end()) {
            if (graph.nodes.size() >= kMaxImportNodes)
                fail(std::string("more than ") + std::to_string(kMaxImportNodes) + " nodes");
            ImportedNode n;
            n.key = key;
            n.label = clampLabel(key);
            n.group = m_groups.empty() ? std::string() : m_groups.back();
            it = m_index.emplace(key, graph.nodes.size()).first;
            graph.nodes.push_back(std::move(n));
        } else if (!m_groups.empty() && (shaped || graph.nodes[it->second].group.empty())) {
            graph.nodes[it->second].group = m_groups.back();
        }
        ImportedNode &n = graph.nodes[it->second];
        if (shaped) {
            n.label = shaped->first.empty() ? n.label : shaped->first;
            n.shape = shaped->second;
        }
        if (!cls.empty())
            n.styleHint += " " + cls;
        return it->second;
    }

    std::pair<std::string, NodeShape> shape(const std::string &s, std::size_t &p)
    {
        struct Form
        {
            const char *open, *close;
            NodeShape shape;
        };
        static const Form kForms[] = {
            {"(((", ")))", NodeShape::Circle},
            {"((", "))", NodeShape::Circle},
            {"([", "])", NodeShape::Stadium},
            {"(", ")", NodeShape::Rounded},
            {"[[", "]]", NodeShape::Subroutine},
            {"[(", ")]", NodeShape::Cylinder},
            {"[/", "/]", NodeShape::Parallelogram},
            {"[\\", "\\]", NodeShape::Parallelogram},
            {"[/", "\\]", NodeShape::Parallelogram},
            {"[\\", "/]", NodeShape::Parallelogram},
            {"[", "]", NodeShape::Box},
            {"{{", "}}", NodeShape::Hexagon},
            {"{", "}", NodeShape::Rhombus},
            {">", "]", NodeShape::Asymmetric},
        };
        for (const Form &f : kForms) {
            const std::size_t ol = std::char_traits<char>::length(f.open);
            if (s.compare(p, ol, f.open) != 0)
                continue;
            std::size_t q = p + ol;
            // A quoted label may hold any bracket.
            if (q < s.size() && s[q] == '"') {
                const auto endq = s.find('"', q + 1);
                if (endq == std::string::npos)
                    fail("a quoted label is never closed (is the file cut short?)");
                if (s.compare(endq + 1, std::char_traits<char>::length(f.close), f.close) != 0)
                    continue; // another form, e.g. [/"x"\]
                p = endq + 1 + std::char_traits<char>::length(f.close);
                return {cleanLabel(s.substr(q, endq + 1 - q)), f.shape};
            }
            const auto close = s.find(f.close, q);
            if (close == std::string::npos)
                continue;
            p = close + std::char_traits<char>::length(f.close);
            return {cleanLabel(trim(std::string_view(s).substr(q, close - q))), f.shape};
        }
        fail("the shape at '" + s.substr(p, 40) + "' is never closed (is the file cut short?)");
    }

    // Mermaid 11: id@{ shape: cyl, label: "Orders" }
    std::pair<std::string, NodeShape> shapeObject(const std::string &s, std::size_t &p)
    {
        const auto close = s.find('}', p);
        if (close == std::string::npos)
            fail("'@{' is never closed with '}'");
        const std::string body = s.substr(p + 2, close - p - 2);
        p = close + 1;
        auto value = [&](const std::string &key) {
            const auto k = body.find(key + ":");
            if (k == std::string::npos)
                return std::string();
            auto v = k + key.size() + 1;
            while (v < body.size() && space(body[v]))
                ++v;
            if (v < body.size() && body[v] == '"') {
                const auto e = body.find('"', v + 1);
                return body.substr(v, e == std::string::npos ? std::string::npos : e - v + 1);
            }
            const auto e = body.find(',', v);
            return trim(std::string_view(body).substr(v, e == std::string::npos ? e : e - v));
        };
        const std::string sh = value("shape");
        NodeShape shape = NodeShape::Box;
        if (sh == "cyl" || sh == "cylinder" || sh == "db" || sh == "database" || sh == "das"
            || sh == "lin-cyl" || sh == "h-cyl" || sh == "disk")
            shape = NodeShape::Cylinder;
        else if (sh == "circle" || sh == "circ" || sh == "dbl-circ" || sh == "sm-circ")
            shape = NodeShape::Circle;
        else if (sh == "hex" || sh == "hexagon" || sh == "prepare")
            shape = NodeShape::Hexagon;
        else if (sh == "flag" || sh == "paper-tape")
            shape = NodeShape::Asymmetric;
        else if (sh == "cloud")
            shape = NodeShape::Cloud;
        else if (sh == "stadium" || sh == "pill" || sh == "terminal")
            shape = NodeShape::Stadium;
        else if (sh == "rounded" || sh == "event")
            shape = NodeShape::Rounded;
        return {cleanLabel(value("label")), shape};
    }

    // --> --- -.-> ==> --o --x <--> ~~~, with |label| or `-- label -->`.
    bool link(const std::string &s, std::size_t &p, ImportedEdge &e, bool &invisible)
    {
        std::size_t q = p;
        if (s.compare(q, 3, "~~~") == 0) {
            while (q < s.size() && s[q] == '~')
                ++q;
            p = q;
            invisible = true;
            return true;
        }
        if (q < s.size() && (s[q] == '<' || s[q] == 'o' || s[q] == 'x') && q + 1 < s.size()
            && (s[q + 1] == '-' || s[q + 1] == '='))
            ++q;
        const std::size_t bodyStart = q;
        while (q < s.size() && (s[q] == '-' || s[q] == '=' || s[q] == '.'))
            ++q;
        const std::string body = s.substr(bodyStart, q - bodyStart);
        if (body.size() < 2 || body == "..")
            return false;
        e.dotted = body.find('.') != std::string::npos;
        bool ended = false;
        if (q < s.size() && (s[q] == '>' || s[q] == 'o' || s[q] == 'x')
            && (q + 1 >= s.size() || !idByte(s, q + 1) || s[q] == '>')) {
            ++q;
            ended = true;
        }
        const bool opener = body == "--" || body == "==" || body == "-.";
        if (!ended && opener && q < s.size() && space(s[q])) {
            // `-- text -->`, `== text ==>`, `-. text .->`
            const std::string closer = body == "-." ? ".-" : body;
            std::size_t best = std::string::npos;
            for (std::size_t f = s.find(closer, q); f != std::string::npos;
                 f = s.find(closer, f + 1)) {
                if (f > q && space(s[f - 1])) {
                    best = f;
                    break;
                }
            }
            if (best == std::string::npos)
                fail("the link label after '" + body + "' is never closed with an arrow");
            e.label = cleanLabel(trim(std::string_view(s).substr(q, best - q)));
            q = best;
            while (q < s.size() && (s[q] == '-' || s[q] == '=' || s[q] == '.'))
                ++q;
            if (q < s.size() && (s[q] == '>' || s[q] == 'o' || s[q] == 'x'))
                ++q;
        }
        skipSpace(s, q);
        if (q < s.size() && s[q] == '|') {
            const auto close = s.find('|', q + 1);
            if (close == std::string::npos)
                fail("the link label '|" + s.substr(q + 1, 30) + "' is never closed with '|'");
            e.label = cleanLabel(trim(std::string_view(s).substr(q + 1, close - q - 1)));
            q = close + 1;
        }
        p = q;
        return true;
    }

    int m_line = 0;
    std::vector<std::string> m_groups; // open subgraphs, innermost last
    std::unordered_map<std::string, std::string> m_groupTitles;
    std::unordered_map<std::string, std::size_t> m_index;
};

// Splits a line at ';' outside quotes and brackets.
std::vector<std::string_view> statements(std::string_view line)
{
    std::vector<std::string_view> out;
    bool quoted = false;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '[' || c == '(' || c == '{'))
            ++depth;
        else if (!quoted && (c == ']' || c == ')' || c == '}'))
            depth = std::max(0, depth - 1);
        else if (!quoted && depth == 0 && c == ';') {
            out.push_back(line.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(line.substr(start));
    return out;
}

} // namespace

std::variant<ImportedGraph, ParseError> parseMermaid(std::string_view text)
{
    if (text.size() > kMaxImportBytes)
        return ParseError{std::string("the file is larger than ")
                          + std::to_string(kMaxImportBytes >> 20) + " MiB"};
    if (text.find('\0') != std::string_view::npos)
        return ParseError{"the file holds binary data (a NUL byte); it is not Mermaid text"};
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    Reader reader;
    bool header = false, frontMatter = false;
    int lineNo = 0;
    try {
        std::size_t pos = 0;
        while (pos <= text.size()) {
            const std::size_t nl = std::min(text.find('\n', pos), text.size());
            std::string_view line = text.substr(pos, nl - pos);
            pos = nl + 1;
            ++lineNo;
            const std::string t = trim(line);
            if (!header && t == "---") {
                frontMatter = !frontMatter; // YAML front matter: only its title matters
                continue;
            }
            if (frontMatter) {
                if (t.rfind("title:", 0) == 0)
                    reader.graph.name = cleanLabel(trim(std::string_view(t).substr(6)));
                continue;
            }
            if (t.empty() || t.rfind("%%", 0) == 0)
                continue; // comments and %%{init}%% directives
            std::string_view body = line;
            if (const auto c = body.find("%%"); c != std::string_view::npos)
                body = body.substr(0, c);
            if (!header) {
                const std::string first = trim(statements(body).front());
                if (!startsWithWord(first, "flowchart") && !startsWithWord(first, "graph")
                    && first != "flowchart" && first != "graph")
                    return ParseError{std::string("line ") + std::to_string(lineNo)
                                      + ": not a Mermaid flowchart: it must start with "
                                        "'flowchart' or 'graph', not '"
                                      + first.substr(0, 40) + "'"};
                header = true;
                const auto parts = statements(body);
                for (std::size_t i = 1; i < parts.size(); ++i)
                    reader.statement(parts[i], lineNo);
                continue;
            }
            for (auto st : statements(body))
                reader.statement(st, lineNo);
        }
        if (!header)
            return ParseError{frontMatter ? "the front matter (---) is never closed"
                                          : "no 'flowchart' or 'graph' statement: the file is "
                                            "empty or not a Mermaid flowchart"};
        reader.finish();
    } catch (const Failure &f) {
        return ParseError{f.message};
    }
    if (reader.graph.nodes.empty())
        return ParseError{"the flowchart has no nodes"};
    return std::move(reader.graph);
}

} // namespace hld::interchange
