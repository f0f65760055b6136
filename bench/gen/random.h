// A seeded pseudo-random source whose numbers are the same on every platform and library version.
//
// std::mt19937_64 is fully specified by the standard, but std::uniform_int_distribution,
// std::normal_distribution and friends are not (libstdc++ and libc++ differ, and may change), so
// every distribution the generator needs is written here on top of the raw 64-bit engine.
//
// Thread-safety: none; one Rng per thread or stream.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace briefsearch::gen {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }
  // Uniform in [0, n); n > 0. Lemire's multiply-shift with rejection: no modulo bias.
  uint64_t Below(uint64_t n);
  // Uniform in [lo, hi], inclusive.
  int64_t Between(int64_t lo, int64_t hi) { return lo + int64_t(Below(uint64_t(hi - lo) + 1)); }
  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return double(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  // Standard normal by Box-Muller (the second value is cached).
  double Normal();
  // exp(N(mu, sigma^2)).
  double LogNormal(double mu, double sigma);
  // An independent stream derived from this one's seed and `salt` (splitmix64 of both).
  static uint64_t Derive(uint64_t seed, uint64_t salt);

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0;
};

// Draws values[i] with probability weights[i] / sum(weights), in O(1) per draw (Walker/Vose alias
// method); values default to the indices 0..n-1 (n < 2^32). One 64-bit number per draw: its high
// half picks the slot (multiply-shift; the bias of at most n / 2^32 is far below what a synthetic
// corpus can show), its low half the coin. A slot holds both its values, so a draw touches one
// place in memory: with a 400k-word vocabulary the table is larger than the cache, and drawing
// words is the generator's hottest loop.
class AliasTable {
 public:
  explicit AliasTable(const std::vector<double>& weights, const std::vector<uint32_t>& values = {});
  uint32_t Draw(Rng& rng) const {
    const uint64_t r = rng.Next();
    const Slot& s = slots_[((r >> 32) * slots_.size()) >> 32];
    return uint32_t(r) < s.threshold ? s.own : s.alias;
  }
  size_t size() const { return slots_.size(); }

 private:
  struct Slot {
    uint32_t threshold;  // the slot's own value when the coin is below this (of 2^32)
    uint32_t own;
    uint32_t alias;
  };
  std::vector<Slot> slots_;
};

}  // namespace briefsearch::gen
