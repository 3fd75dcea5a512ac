#include "analysis/queueing.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hld::queueing {

double erlangB(int c, double a)
{
    double b = 1.0; // stable recursion B(k) = a B(k-1) / (k + a B(k-1))
    for (int k = 1; k <= c; ++k)
        b = a * b / (k + a * b);
    return b;
}

double erlangC(int c, double a)
{
    const double b = erlangB(c, a);
    const double rho = a / c;
    return b / (1.0 - rho + rho * b);
}

double mm1MeanSojourn(double lambda, double mu)
{
    return 1.0 / (mu - lambda);
}

double mm1SojournQuantile(double lambda, double mu, double q)
{
    return -std::log(1.0 - q) / (mu - lambda);
}

double mmcMeanWait(double lambda, double mu, int c)
{
    return erlangC(c, lambda / mu) / (c * mu - lambda);
}

double mmcWaitQuantile(double lambda, double mu, int c, double q)
{
    const double pw = erlangC(c, lambda / mu);
    if (1.0 - q >= pw)
        return 0.0;
    return std::log(pw / (1.0 - q)) / (c * mu - lambda);
}

MmckResult mmck(double lambda, double mu, int c, int room)
{
    const int k = c + room;
    const double a = lambda / mu;
    std::vector<double> p(static_cast<std::size_t>(k) + 1);
    p[0] = 1.0;
    for (int n = 1; n <= k; ++n)
        p[n] = p[n - 1] * a / std::min(n, c);
    double sum = 0;
    for (double v : p)
        sum += v;
    double l = 0, lq = 0;
    for (int n = 0; n <= k; ++n) {
        p[n] /= sum;
        l += n * p[n];
        lq += std::max(0, n - c) * p[n];
    }
    MmckResult r;
    r.blocking = p[k];
    r.meanInSystem = l;
    const double accepted = lambda * (1.0 - r.blocking);
    r.meanSojourn = l / accepted;
    r.meanWait = lq / accepted;
    return r;
}

double mg1MeanWait(double lambda, double es, double es2)
{
    return lambda * es2 / (2.0 * (1.0 - lambda * es));
}

double ekm1Sigma(int k, double lambda, double mu)
{
    double sigma = 0.5;
    for (int i = 0; i < 10000; ++i) {
        const double next = std::pow(k * lambda / (k * lambda + mu * (1.0 - sigma)), k);
        if (std::fabs(next - sigma) < 1e-15)
            return next;
        sigma = next;
    }
    return sigma;
}

double ekm1MeanWait(int k, double lambda, double mu)
{
    const double sigma = ekm1Sigma(k, lambda, mu);
    return sigma / (mu * (1.0 - sigma));
}

double hypoexp2Quantile(double a, double b, double q)
{
    auto cdf
        = [&](double t) { return 1.0 - (b * std::exp(-a * t) - a * std::exp(-b * t)) / (b - a); };
    double lo = 0, hi = 1.0 / std::min(a, b);
    while (cdf(hi) < q)
        hi *= 2;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (cdf(mid) < q ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double studentT975(int df)
{
    static constexpr double kTable[]
        = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
           2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
           2.074, 2.069,  2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1)
        return 0;
    if (df <= 30)
        return kTable[df];
    // Cornish-Fisher expansion around the normal quantile; error below 1e-3 for df > 30.
    const double z = 1.959964;
    const double n = df;
    return z + (z * z * z + z) / (4 * n)
           + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
}

} // namespace hld::queueing
