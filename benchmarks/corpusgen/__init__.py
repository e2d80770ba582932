"""Synthetic corpus generator for govperf benchmarks (see benchmarks/README.md)."""
