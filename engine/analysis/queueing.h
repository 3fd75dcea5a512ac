#pragma once

// Exact results of queueing theory, used by the design estimator and by the tests that hold
// the simulator to them. Rates are per second, times in seconds.
namespace hld::queueing {

// Erlang B: probability that an arrival finds all c servers busy with no waiting room,
// offered load a = lambda / mu.
double erlangB(int c, double a);
// Erlang C: probability that an arrival must wait in M/M/c (a < c).
double erlangC(int c, double a);

double mm1MeanSojourn(double lambda, double mu);
// q-quantile of the M/M/1 FCFS sojourn time, exponential with rate mu - lambda.
double mm1SojournQuantile(double lambda, double mu, double q);

double mmcMeanWait(double lambda, double mu, int c);
// q-quantile of the M/M/c FCFS waiting time (0 when q <= 1 - ErlangC).
double mmcWaitQuantile(double lambda, double mu, int c, double q);

// M/M/c/K with K = c + room places in the system.
struct MmckResult
{
    double blocking; // P(arrival finds K present)
    double meanInSystem;
    double meanSojourn; // accepted requests
    double meanWait;
};
MmckResult mmck(double lambda, double mu, int c, int room);

// Pollaczek-Khinchine: M/G/1 mean wait with service mean es and second moment es2.
double mg1MeanWait(double lambda, double es, double es2);

// GI/M/1 with Erlang-k inter-arrival times of rate lambda (round robin over k Poisson-fed
// replicas): sigma solves sigma = (k lambda / (k lambda + mu (1 - sigma)))^k.
double ekm1Sigma(int k, double lambda, double mu);
double ekm1MeanWait(int k, double lambda, double mu);

// Sum of two independent exponentials with rates a != b (tandem M/M/1 sojourn): q-quantile.
double hypoexp2Quantile(double a, double b, double q);

// Two-sided 95% Student t quantile for n - 1 degrees of freedom.
double studentT975(int degreesOfFreedom);

} // namespace hld::queueing
