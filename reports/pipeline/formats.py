"""The formats a build writes (names only: the CLI checks ``--format`` against them
before anything heavy is loaded)."""

#: The formats rendered from the document model.
RENDERED = ("docx", "pdf", "html")
#: The year's open data (:mod:`reports.publish.datapackage`), written beside the report.
DATA = "data"
#: The formats of a full build: the rendered ones and the open data.
FORMATS = (*RENDERED, DATA)
