"""The spreadsheet boundary: workbooks read to cells with their file, sheet, row and
column; declarative sheet schemas; typed cell values; rows to records; problems as data.
"""
