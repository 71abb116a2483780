"""Joining a report's PDF pieces: raport's joiner against pikepdf (a measurement, not a test).

For each size N, a synthetic year (:func:`benchmarks.synth.write_inputs`) is checked,
built and cut into pieces as :func:`reports.render.pdf.renderer.render_pdf` cuts it;
every piece (the front matter included) is laid out once and kept twice: serialised
for raport's :class:`reports.render.pdf.join.Joiner`, and written by WeasyPrint as a
PDF of its own for pikepdf. Each join then runs in a fresh process (so that its peak
memory is its own):

* ``raport``: the joiner, footer and structure tree included (what ``raport build``
  writes);
* ``pikepdf``: ``Pdf.new()``, every piece's pages appended, saved with object streams
  and an identifier derived from the content — nothing else;
* ``pikepdf+tags``: the same, and the pieces' structure trees joined under one
  ``/Document`` with one parent tree (``/StructParent(s)`` keys shifted), which is
  what raport's joiner does beyond copying objects. Neither pikepdf join draws the
  footer, builds the outline or the named destinations, or gives the font subsets
  tags of their own.

    .venv/bin/python -m benchmarks.join_pikepdf                 # N = 1000, 5000
    .venv/bin/python -m benchmarks.join_pikepdf --sizes 200 --workdir /tmp/join
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.synth import write_inputs

METHODS = ("raport", "pikepdf", "pikepdf+tags")


# ---------------------------------------------------------------------------
# The pieces, laid out once
# ---------------------------------------------------------------------------


def _lay_out(html: str, number: int, front: bool, links: list[str]) -> tuple[bytes, bytes]:
    """One piece: serialised for the joiner (as the build cache keeps it), and as a PDF
    of its own (laid out a second time: preparing is not measured)."""
    from reports.render.pdf.cache import encode
    from reports.render.pdf.engine import layout, write
    from reports.render.pdf.workers import render_piece

    piece = render_piece(html, number, front=front, links=links)
    alone = write(layout(html, styled=not front), html).data
    return encode(piece), alone


def prepare(n: int, folder: Path) -> dict[str, Any]:
    """Lay out the pieces of a synthetic year of ``n`` records into ``folder``."""
    from reports.checking.check import check_year
    from reports.document.build import build_document
    from reports.render.html.renderer import render_content_html, render_front_html
    from reports.render.pdf.cache import decode
    from reports.render.pdf.engine import pdf_identifier
    from reports.render.pdf.pieces import plan
    from reports.render.pdf.workers import load_renderer

    year = write_inputs(folder / "inputs", n, 2025).year
    result = check_year(folder / "inputs", year)
    if not result.ok or result.data is None:
        raise SystemExit(f"the inputs of {year} have errors")
    document = build_document(result.data)
    chunks = plan(document)
    htmls = [render_content_html(document, chunk.parts) for chunk in chunks]
    load_renderer()
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max(1, min(2, os.cpu_count() or 1)), mp_context=context) as pool:
        futures = [pool.submit(_lay_out, html, i, False, []) for i, html in enumerate(htmls, 1)]
        pieces = [future.result() for future in futures]
        # the front matter, its table of contents showing the pages of the headings
        headings: dict[str, int] = {}
        offset = 0
        for blob, _ in pieces:
            piece = decode(blob)
            for name, page, _, _ in piece.anchors:
                headings.setdefault(name, offset + page)
            offset += piece.pages
        links = [s.anchor for s in document.walk() if s.anchor in headings]
        front_pages = 3
        for _ in range(4):
            numbers = {name: front_pages + page + 1 for name, page in headings.items()}
            front_html = render_front_html(document, numbers)
            front = pool.submit(_lay_out, front_html, 0, True, links).result()
            if decode(front[0]).pages == front_pages:
                break
            front_pages = decode(front[0]).pages
    layout_seconds = time.perf_counter() - started
    for index, (blob, alone) in enumerate([front, *pieces]):
        (folder / f"{index:05d}.piece").write_bytes(blob)
        (folder / f"{index:05d}.pdf").write_bytes(alone)
    meta = {
        "n": n,
        "pieces": len(pieces),
        "pages": offset + front_pages,
        "identifier": pdf_identifier(*htmls).decode(),
        "footer": [document.footer.before, document.footer.between],
        "layout_seconds": round(layout_seconds, 1),
    }
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return meta


# ---------------------------------------------------------------------------
# The joins (each in a process of its own)
# ---------------------------------------------------------------------------


def _rss() -> int:
    """This process's resident memory now, in bytes."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _join_raport(folder: Path, output: Path) -> None:
    from reports.cache import Cache
    from reports.render.assets import templates_dir
    from reports.render.html.renderer import STYLESHEET
    from reports.render.pdf.cache import decode
    from reports.render.pdf.join import Joiner

    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    blobs = [path.read_bytes() for path in sorted(folder.glob("*.piece"))]
    front, *pieces = (decode(blob) for blob in blobs)
    css = (templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    words = (meta["footer"][0], meta["footer"][1])
    store = Cache(folder / "cache")  # the footer's font subset, as a rebuild finds it
    Joiner(store).finish(decode(blobs[0]), identifier=b"0" * 32, footer_words=words, css=css)
    del blobs
    _measure(
        output,
        lambda: _joined_by_raport(front, pieces, meta, css, store),
    )


def _joined_by_raport(
    front: Any, pieces: list[Any], meta: dict[str, Any], css: str, store: Any
) -> bytes:
    from reports.render.pdf.join import Joiner

    joiner = Joiner(store)
    for piece in pieces:
        joiner.add(piece)
    before, between = meta["footer"]
    return joiner.finish(
        front,
        identifier=meta["identifier"].encode(),
        footer_words=(before, between),
        css=css,
    )


def _join_pikepdf(folder: Path, output: Path, tags: bool) -> None:
    import pikepdf

    paths = sorted(folder.glob("[0-9]*.pdf"))

    def join() -> bytes:
        joined = pikepdf.Pdf.new()
        sources = [pikepdf.Pdf.open(path) for path in paths]
        if tags:
            document = joined.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem))
            document.S = pikepdf.Name.Document
            root = joined.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
            document.P = root
            kids = pikepdf.Array()
            nums = pikepdf.Array()
            keys = 0
        for source in sources:
            first = len(joined.pages)
            joined.pages.extend(source.pages)
            if not tags:
                continue
            tree = source.Root.StructTreeRoot
            for element in tree.K[0].K:  # WeasyPrint's /Document element's children
                copied = joined.copy_foreign(element)
                copied.P = document
                kids.append(copied)
            entries = tree.ParentTree.Nums
            for index in range(0, len(entries), 2):
                nums.append(int(entries[index]) + keys)
                value = entries[index + 1]  # a page's array of elements, or an annotation's
                if isinstance(value, pikepdf.Array) and not value.is_indirect:
                    value = pikepdf.Array(  # null: marked content made an artifact
                        [None if item is None else joined.copy_foreign(item) for item in value]
                    )
                else:
                    value = joined.copy_foreign(value)
                nums.append(value)
            for page in joined.pages[first:]:
                if "/StructParents" in page.obj:
                    page.obj.StructParents = int(page.obj.StructParents) + keys
                for annotation in page.obj.get("/Annots", pikepdf.Array()):
                    if "/StructParent" in annotation:
                        annotation.StructParent = int(annotation.StructParent) + keys
            keys += int(tree.get("/ParentTreeNextKey", len(entries) // 2))
        if tags:
            document.K = kids
            root.K = pikepdf.Array([document])
            root.ParentTree = joined.make_indirect(pikepdf.Dictionary(Nums=nums))
            root.ParentTreeNextKey = keys
            joined.Root.StructTreeRoot = root
            joined.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        out = io.BytesIO()
        joined.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            deterministic_id=True,
            linearize=False,
        )
        return out.getvalue()

    _measure(output, join)


def _measure(output: Path, join: Any) -> None:
    baseline = _rss()
    started = time.perf_counter()
    data = join()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    output.write_bytes(data)
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(peak / 2**20, 1),
                "baseline_rss_mb": round(baseline / 2**20, 1),
                "size_mb": round(len(data) / 2**20, 2),
            }
        )
    )


def inspect(path: Path) -> dict[str, Any]:
    """What the joined file keeps: pages, a structure tree (and its elements), marked."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        root = pdf.Root
        tree = root.get("/StructTreeRoot")
        elements = 0
        if tree is not None:
            todo = [tree.K]
            seen: set[tuple[int, int]] = set()
            while todo:
                item = todo.pop()
                if isinstance(item, pikepdf.Array):
                    todo.extend(item)
                elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") in (
                    None,
                    pikepdf.Name.StructElem,
                ):
                    if item.is_indirect:
                        if item.objgen in seen:
                            continue
                        seen.add(item.objgen)
                    if "/S" in item:
                        elements += 1
                    if "/K" in item:
                        todo.append(item.K)
        tagged_pages = sum(1 for page in pdf.pages if "/StructParents" in page.obj)
        keys = [int(page.obj.StructParents) for page in pdf.pages if "/StructParents" in page.obj]
        return {
            "pages": len(pdf.pages),
            "structure_tree": tree is not None,
            "structure_elements": elements,
            "marked": "/MarkInfo" in root and bool(root.MarkInfo.get("/Marked", False)),
            "tagged_pages": tagged_pages,
            "unique_page_keys": len(set(keys)) == len(keys),
            "outline": "/Outlines" in root,
            "lang": str(root.get("/Lang", "")),
        }


def _qpdf_check(path: Path) -> str:
    try:
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    except OSError:
        return "qpdf not installed"
    return "ok" if done.returncode == 0 else f"exit {done.returncode}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--join", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.join:  # one join, in this process
        output = args.folder / f"joined-{args.join}.pdf"
        if args.join == "raport":
            _join_raport(args.folder, output)
        else:
            _join_pikepdf(args.folder, output, args.join == "pikepdf+tags")
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="join-"))
    results = []
    for n in (int(size) for size in args.sizes.split(",")):
        folder = workdir / f"n{n}"
        folder.mkdir(parents=True, exist_ok=True)
        meta_path = folder / "meta.json"
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        else:
            print(f"N={n}: laying out the pieces…", file=sys.stderr)
            meta = prepare(n, folder)
        for method in METHODS:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.join_pikepdf",
                    "--join",
                    method,
                    "--folder",
                    str(folder),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            measured = json.loads(done.stdout.strip().splitlines()[-1])
            output = folder / f"joined-{method}.pdf"
            row = {"n": n, "method": method, **measured, **inspect(output)}
            row["qpdf"] = _qpdf_check(output)
            row["pieces"] = meta["pieces"]
            results.append(row)
            print(json.dumps(row, ensure_ascii=False))
    (workdir / "join_pikepdf.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"results: {workdir / 'join_pikepdf.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
