"""The document model: renderer-neutral blocks and the report's sections; every sentence is
decided here.
"""
