"""Renderers: walk a :class:`reports.document.Document` into DOCX, HTML and PDF."""
