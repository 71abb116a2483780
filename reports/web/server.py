"""``raport serve``: start the warm worker and the page on uvicorn."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from reports.web.app import Settings, create_app


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("raport")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve(
    inputs: Path,
    output: Path,
    host: str,
    port: int,
    password: str | None,
    proxy: str | None = None,
) -> int:
    """Run the page until interrupted; returns the exit code.

    The client's address (which login attempts are counted by) is the connection's:
    ``X-Forwarded-For`` is believed only from ``proxy``, the address of the office's
    reverse proxy, when one is given.
    """
    import uvicorn

    _configure_logging()
    settings = Settings(inputs.resolve(), output.resolve(), password)
    app = create_app(settings)  # forks the warm worker now, before uvicorn starts threads
    shown = f"[{host}]" if ":" in host else host
    print(
        f"Strona raportu: http://{shown}:{port}/ – otwórz ją w przeglądarce. "
        "Zakończ klawiszami Ctrl+C.",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        proxy_headers=proxy is not None,
        forwarded_allow_ips=proxy or "",
    )
    return 0
