"""Renderers: walk a :class:`reports.document.model.Document` into DOCX, HTML and PDF."""
