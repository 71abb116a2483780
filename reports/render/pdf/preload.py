"""What a fork server imports for the PDF's layout workers (see
:func:`reports.pipeline.rendering.start_workers`): WeasyPrint, the report's
stylesheet and its fonts, loaded once, so that every worker forked from the server
starts ready to lay out.

Best effort: should loading fail here, each worker loads the renderer again as it
starts (:func:`reports.render.pdf.workers.load_renderer`) and reports the error there.
"""

import contextlib

from reports.render.pdf.workers import load_renderer

with contextlib.suppress(Exception):
    load_renderer()
