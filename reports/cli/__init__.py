"""The command line: commands, and problems and failures mapped to terminal output and exit
codes.
"""
