"""Benchmarks: `make bench` prints every figure beside its target (targets from the issues)."""
