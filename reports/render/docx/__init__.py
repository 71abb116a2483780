"""The DOCX renderer: python-docx, raw WordprocessingML in one helper, native Word charts."""
