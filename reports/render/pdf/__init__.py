"""The PDF renderer (WeasyPrint): the report laid out in pieces, joined, with its footer."""
