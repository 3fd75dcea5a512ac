#pragma once

// The 1,000-component design of the canvas and export benchmarks.
#include "model/design.h"

#include <string>

namespace hld::bench {

// 50 stacks of 20: client -> lb -> 6 services -> 6 caches -> 6 databases, on a grid.
inline Design bigDesign(int n)
{
    Design d;
    d.name = "1000 components";
    const int perStack = 20;
    for (int s = 0; s * perStack < n; ++s) {
        const double x0 = (s % 10) * 1300.0, y0 = (s / 10) * 1200.0;
        auto add = [&](const std::string &id, ComponentKind k, double x, double y) {
            Component c;
            c.id = id;
            c.kind = k;
            c.position = Point{x0 + x, y0 + y};
            if (k == ComponentKind::Client) {
                c.traffic = Traffic{};
                c.traffic->rps = 500;
                c.traffic->readRatio = 0.9;
            } else
                c.replicas = 1 + (s % 3);
            d.components.push_back(c);
            return id;
        };
        const std::string p = "s" + std::to_string(s) + "-";
        const auto client = add(p + "users", ComponentKind::Client, 0, 500);
        const auto lb = add(p + "lb", ComponentKind::LoadBalancer, 240, 500);
        d.links.push_back(linkBetween(client, lb));
        for (int i = 0; i < 6; ++i) {
            const auto svc
                = add(p + "api" + std::to_string(i), ComponentKind::Service, 480, i * 160.0);
            const auto cache
                = add(p + "cache" + std::to_string(i), ComponentKind::Cache, 720, i * 160.0);
            const auto db
                = add(p + "db" + std::to_string(i), ComponentKind::Database, 960, i * 160.0);
            d.links.push_back(linkBetween(lb, svc));
            d.links.push_back(linkBetween(svc, cache));
            d.links.push_back(linkBetween(cache, db));
        }
    }
    return d;
}

} // namespace hld::bench
