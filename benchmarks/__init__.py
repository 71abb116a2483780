"""Benchmarks of raport: synthetic years of N records and the time and memory they take.

Run ``python -m benchmarks.run --help``; see ``benchmarks/README.md``.
"""
