"""``python -m benchmarks.build_once INPUTS YEAR OUTPUT``: one build through the pipeline.

What ``raport build`` does, for a benchmark run before the CLI has that command:
:func:`reports.pipeline.generate` with its defaults (DOCX in a forked worker while
the PDF renders here). Exit code 0 when the files were written, 1 when the inputs
have errors.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print("usage: python -m benchmarks.build_once INPUTS YEAR OUTPUT", file=sys.stderr)
        return 2
    from reports.pipeline import generate

    result = generate(Path(args[0]), int(args[1]), Path(args[2]))
    for path in result.outputs:
        print(path)
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
