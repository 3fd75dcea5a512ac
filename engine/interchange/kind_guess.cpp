// Kind guessing for imported diagrams: which component a box labelled "Orders DB" is.
#include "interchange/imported_graph.h"
#include "model/component_kind.h"

#include <array>
#include <cctype>
#include <string_view>

namespace hld::interchange {

namespace {

using K = ComponentKind;

struct Rule
{
    std::string_view words; // one word, or several separated by spaces
    K kind;
    bool sure;
};

// Technologies and products: they name the kind whatever else the label says.
constexpr std::array kTechnologies{
    Rule{"redis", K::Cache, true},
    Rule{"memcached", K::Cache, true},
    Rule{"memcache", K::Cache, true},
    Rule{"elasticache", K::Cache, true},
    Rule{"valkey", K::Cache, true},
    Rule{"hazelcast", K::Cache, true},
    Rule{"varnish", K::Cache, true},
    Rule{"postgres", K::Database, true},
    Rule{"postgresql", K::Database, true},
    Rule{"mysql", K::Database, true},
    Rule{"mariadb", K::Database, true},
    Rule{"oracle", K::Database, true},
    Rule{"mssql", K::Database, true},
    Rule{"sql server", K::Database, true},
    Rule{"mongodb", K::Database, true},
    Rule{"mongo", K::Database, true},
    Rule{"cassandra", K::Database, true},
    Rule{"scylladb", K::Database, true},
    Rule{"dynamodb", K::Database, true},
    Rule{"aurora", K::Database, true},
    Rule{"rds", K::Database, true},
    Rule{"cockroachdb", K::Database, true},
    Rule{"spanner", K::Database, true},
    Rule{"bigtable", K::Database, true},
    Rule{"sqlite", K::Database, true},
    Rule{"neo4j", K::Database, true},
    Rule{"couchdb", K::Database, true},
    Rule{"elasticsearch", K::Database, true},
    Rule{"opensearch", K::Database, true},
    Rule{"clickhouse", K::Database, true},
    Rule{"redshift", K::Database, true},
    Rule{"snowflake", K::Database, true},
    Rule{"hbase", K::Database, true},
    Rule{"kafka", K::Queue, true},
    Rule{"sqs", K::Queue, true},
    Rule{"sns", K::Queue, true},
    Rule{"rabbitmq", K::Queue, true},
    Rule{"rabbit", K::Queue, true},
    Rule{"activemq", K::Queue, true},
    Rule{"nats", K::Queue, true},
    Rule{"pulsar", K::Queue, true},
    Rule{"kinesis", K::Queue, true},
    Rule{"eventbridge", K::Queue, true},
    Rule{"pubsub", K::Queue, true},
    Rule{"pub sub", K::Queue, true},
    Rule{"s3", K::ObjectStorage, true},
    Rule{"gcs", K::ObjectStorage, true},
    Rule{"minio", K::ObjectStorage, true},
    Rule{"azure blob", K::ObjectStorage, true},
    Rule{"cloud storage", K::ObjectStorage, true},
    Rule{"cloudfront", K::Cdn, true},
    Rule{"akamai", K::Cdn, true},
    Rule{"fastly", K::Cdn, true},
    Rule{"cloudflare", K::Cdn, true},
    Rule{"nginx", K::LoadBalancer, true},
    Rule{"haproxy", K::LoadBalancer, true},
    Rule{"elb", K::LoadBalancer, true},
    Rule{"alb", K::LoadBalancer, true},
    Rule{"nlb", K::LoadBalancer, true},
    Rule{"envoy", K::LoadBalancer, true},
    Rule{"traefik", K::LoadBalancer, true},
    Rule{"elastic load balancing", K::LoadBalancer, true},
    Rule{"kong", K::ApiGateway, true},
    Rule{"apigee", K::ApiGateway, true},
    Rule{"api gateway", K::ApiGateway, true},
    Rule{"apigateway", K::ApiGateway, true},
    Rule{"lambda", K::Service, true},
    Rule{"ec2", K::Service, true},
    Rule{"ecs", K::Service, true},
    Rule{"kubernetes", K::Service, true},
};

// Plain nouns: the last one in the label wins ("User Service" is a service).
constexpr std::array kNouns{
    Rule{"cache", K::Cache, true},
    Rule{"database", K::Database, true},
    Rule{"db", K::Database, true},
    Rule{"datastore", K::Database, true},
    Rule{"data store", K::Database, true},
    Rule{"store", K::Database, false},
    Rule{"table", K::Database, false},
    Rule{"index", K::Database, false},
    Rule{"queue", K::Queue, true},
    Rule{"mq", K::Queue, true},
    Rule{"message broker", K::Queue, true},
    Rule{"broker", K::Queue, false},
    Rule{"event bus", K::Queue, true},
    Rule{"topic", K::Queue, false},
    Rule{"stream", K::Queue, false},
    Rule{"object storage", K::ObjectStorage, true},
    Rule{"object store", K::ObjectStorage, true},
    Rule{"blob storage", K::ObjectStorage, true},
    Rule{"blob", K::ObjectStorage, false},
    Rule{"bucket", K::ObjectStorage, false},
    Rule{"storage", K::ObjectStorage, false},
    Rule{"cdn", K::Cdn, true},
    Rule{"edge", K::Cdn, false},
    Rule{"load balancer", K::LoadBalancer, true},
    Rule{"loadbalancer", K::LoadBalancer, true},
    Rule{"balancer", K::LoadBalancer, true},
    Rule{"lb", K::LoadBalancer, true},
    Rule{"reverse proxy", K::LoadBalancer, true},
    Rule{"proxy", K::LoadBalancer, false},
    Rule{"ingress", K::LoadBalancer, false},
    Rule{"gateway", K::ApiGateway, true},
    Rule{"gw", K::ApiGateway, false},
    Rule{"users", K::Client, true},
    Rule{"user", K::Client, true},
    Rule{"customers", K::Client, true},
    Rule{"customer", K::Client, true},
    Rule{"clients", K::Client, true},
    Rule{"client", K::Client, true},
    Rule{"mobile", K::Client, true},
    Rule{"browser", K::Client, true},
    Rule{"browsers", K::Client, true},
    Rule{"web app", K::Client, true},
    Rule{"webapp", K::Client, true},
    Rule{"ios", K::Client, true},
    Rule{"android", K::Client, true},
    Rule{"actor", K::Client, true},
    Rule{"person", K::Client, true},
    Rule{"people", K::Client, true},
    Rule{"frontend", K::Client, false},
    Rule{"app", K::Client, false},
    Rule{"service", K::Service, true},
    Rule{"svc", K::Service, true},
    Rule{"microservice", K::Service, true},
    Rule{"server", K::Service, true},
    Rule{"api", K::Service, true},
    Rule{"backend", K::Service, true},
    Rule{"worker", K::Service, true},
    Rule{"workers", K::Service, true},
    Rule{"function", K::Service, false},
    Rule{"consumer", K::Service, false},
};

// Lower-case words. With `camel`, camelCase and acronym boundaries split too:
// "UserDB" -> user db; without, "CloudFront" stays one word for the technology names.
std::vector<std::string> words(const std::string &text, bool camel = true)
{
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty())
            out.push_back(std::move(cur));
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (!std::isalnum(c)) {
            flush();
            continue;
        }
        if (camel && !cur.empty() && std::isupper(c)) {
            const unsigned char prev = static_cast<unsigned char>(text[i - 1]);
            const bool nextLower
                = i + 1 < text.size() && std::islower(static_cast<unsigned char>(text[i + 1]));
            // "userDB" -> user|DB, "DBServer" -> DB|Server
            if (std::islower(prev) || (std::isupper(prev) && nextLower))
                flush();
        }
        cur.push_back(static_cast<char>(std::tolower(c)));
    }
    flush();
    return out;
}

// Index of the word where `rule` ends in `ws`, searching from the back; -1 if absent.
int lastMatch(const std::vector<std::string> &ws, std::string_view rule)
{
    std::vector<std::string_view> parts;
    for (std::size_t p = 0; p < rule.size();) {
        const std::size_t sp = std::min(rule.find(' ', p), rule.size());
        parts.push_back(rule.substr(p, sp - p));
        p = sp + 1;
    }
    for (int end = int(ws.size()) - 1; end + 1 >= int(parts.size()); --end) {
        bool all = true;
        for (std::size_t k = 0; k < parts.size() && all; ++k)
            all = ws[std::size_t(end) - parts.size() + 1 + k] == parts[k];
        if (all)
            return end;
    }
    return -1;
}

std::string kindName(K k)
{
    return std::string(traits(k).name);
}

} // namespace

KindGuess guessKind(const std::string &label, NodeShape shape, const std::string &styleHint)
{
    // An explicit kind, as HLD Studio's own exports carry it (hldKind=cache, class cache).
    const auto hints = words(styleHint);
    for (std::size_t i = 0; i < hints.size(); ++i) {
        if (hints[i] != "hld")
            continue;
        std::size_t j = i + 1;
        if (j < hints.size() && hints[j] == "kind")
            ++j;
        if (j >= hints.size())
            break;
        // object_storage, load_balancer and api_gateway split into two words
        for (std::string name :
             {hints[j], j + 1 < hints.size() ? hints[j] + "_" + hints[j + 1] : ""}) {
            if (auto k = kindFromName(name))
                return {*k, true, "marked " + name};
        }
    }
    const auto ws = words(label);
    const auto whole = words(label, false);
    for (const auto &r : kTechnologies) {
        if (lastMatch(whole, r.words) >= 0 || lastMatch(ws, r.words) >= 0)
            return {r.kind, r.sure, "label names " + std::string(r.words)};
    }
    int best = -1;
    const Rule *bestRule = nullptr;
    for (const auto &r : kNouns) {
        const int at = lastMatch(ws, r.words);
        if (at > best) {
            best = at;
            bestRule = &r;
        }
    }
    if (bestRule) {
        // "Mobile app": a weak last word backed by a sure one of the same kind.
        bool sure = bestRule->sure;
        for (const auto &r : kNouns)
            sure = sure || (r.sure && r.kind == bestRule->kind && lastMatch(ws, r.words) >= 0);
        return {bestRule->kind,
                sure,
                "label says \"" + std::string(bestRule->words) + "\""
                    + (sure ? "" : ", a weak hint")};
    }
    // The style of another tool's icon, e.g. draw.io's mxgraph.aws4.elasticache.
    const auto wholeHints = words(styleHint, false);
    for (const auto &r : kTechnologies) {
        if (lastMatch(wholeHints, r.words) >= 0 || lastMatch(hints, r.words) >= 0)
            return {r.kind, false, "icon looks like " + std::string(r.words)};
    }
    for (const auto &r : kNouns) {
        if (r.sure && lastMatch(hints, r.words) >= 0)
            return {r.kind, false, "icon looks like a " + kindName(r.kind)};
    }
    switch (shape) {
    case NodeShape::Cylinder:
        return {K::Database, false, "drawn as a cylinder"};
    case NodeShape::Actor:
        return {K::Client, true, "drawn as an actor"};
    case NodeShape::Asymmetric:
        return {K::Queue, false, "drawn as a flag, as queues often are"};
    case NodeShape::Cloud:
        return {K::Cdn, false, "drawn as a cloud"};
    case NodeShape::Hexagon:
        return {K::ApiGateway, false, "drawn as a hexagon"};
    case NodeShape::Circle:
        return {K::Client, false, "drawn as a circle"};
    default:
        break;
    }
    return {K::Service, false, "no hint in the label; a service by default"};
}

} // namespace hld::interchange
