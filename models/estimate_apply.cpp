#include "estimate_apply.h"

#include <cmath>

namespace hld {

std::vector<std::pair<QString, Component>>
clientsAtEstimate(const Design &design, double peakRps, double readRatio)
{
    std::vector<const Component *> clients;
    double total = 0;
    for (const auto &c : design.components) {
        if (c.kind == ComponentKind::Client && c.traffic) {
            clients.push_back(&c);
            total += std::max(0.0, c.traffic->rps);
        }
    }
    std::vector<std::pair<QString, Component>> out;
    for (const Component *c : clients) {
        const double share
            = total > 0 ? std::max(0.0, c->traffic->rps) / total : 1.0 / double(clients.size());
        Component edited = *c;
        // Whole requests per second read best in the inspector; tiny rates keep a decimal.
        const double rps = peakRps * share;
        edited.traffic->rps = rps >= 10 ? std::round(rps) : std::round(rps * 100) / 100;
        edited.traffic->readRatio = readRatio;
        out.emplace_back(QString::fromStdString(c->id), std::move(edited));
    }
    return out;
}

Design interviewStartDesign(const Interview &interview)
{
    Design d;
    Component users;
    users.kind = ComponentKind::Client;
    users.id = "users";
    users.position = Point{100, 200};
    users.traffic = Traffic{};
    users.traffic->rps = 0; // sized by the estimate, once there is one
    users.traffic->readRatio = 0.9;
    d.components.push_back(users);
    d.interview = interview;
    return d;
}

} // namespace hld
