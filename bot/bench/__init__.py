"""Benchmarks: `make bench` (`python -m bot.bench`) and the scale test library."""
