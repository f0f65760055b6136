#include "bench/gen/random.h"

#include <cmath>
#include <numbers>

namespace briefsearch::gen {

uint64_t Rng::Below(uint64_t n) {
  unsigned __int128 m = (unsigned __int128)Next() * n;
  uint64_t low = uint64_t(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = (unsigned __int128)Next() * n;
      low = uint64_t(m);
    }
  }
  return uint64_t(m >> 64);
}

double Rng::Normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u = 0;
  while (u <= 0) u = Uniform();  // log(0) is -inf
  const double v = Uniform();
  const double r = std::sqrt(-2.0 * std::log(u));
  spare_ = r * std::sin(2 * std::numbers::pi * v);
  has_spare_ = true;
  return r * std::cos(2 * std::numbers::pi * v);
}

double Rng::LogNormal(double mu, double sigma) { return std::exp(mu + sigma * Normal()); }

uint64_t Rng::Derive(uint64_t seed, uint64_t salt) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ull * (salt + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

AliasTable::AliasTable(const std::vector<double>& weights, const std::vector<uint32_t>& values)
    : slots_(weights.size()) {
  const size_t n = weights.size();
  double total = 0;
  for (double w : weights) total += w;
  std::vector<double> scaled(n);
  std::vector<uint32_t> small, large;
  for (size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * double(n) / total;
    (scaled[i] < 1 ? small : large).push_back(uint32_t(i));
  }
  auto set = [&](uint32_t i, double p, uint32_t alias) {
    auto value = [&](uint32_t k) { return values.empty() ? k : values[k]; };
    slots_[i] = {p >= 1 ? UINT32_MAX : uint32_t(p * 4294967296.0), value(i), value(alias)};
  };
  while (!small.empty() && !large.empty()) {
    const uint32_t s = small.back(), l = large.back();
    small.pop_back();
    set(s, scaled[s], l);
    scaled[l] -= 1 - scaled[s];
    if (scaled[l] < 1) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (uint32_t i : large) set(i, 1, i);
  for (uint32_t i : small) set(i, 1, i);  // rounding leftovers
}

}  // namespace briefsearch::gen
