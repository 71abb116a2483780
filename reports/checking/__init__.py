"""Checking and merging: a year's workbooks gathered, each sheet checked, records merged
across workbooks, earlier years for comparison.
"""
