"""Every output checked by validators that are not ours.

- HTML (the report's edition, the BIP metryczka): the Nu Html Checker finds no
  errors; axe-core finds no WCAG 2.1 A/AA violations, on a desktop and on a phone.
  The pages of ``raport serve`` get the Nu Html Checker here (and axe-core in
  ``tests/web``).
- PDF: ``qpdf --check`` is clean; the machine-checkable PDF/UA-1 rules of ``pdfua``
  find nothing (one rule cannot run: see the README's accessibility section).
- DOCX: a LibreOffice round trip keeps the headings, tables, header rows, language
  and text; every table, picture and chart has alternative text.

The session's demo and full builds are checked (see ``tests/conftest.py``); each
validator starts once for all the files it checks.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from reports.pipeline import BuildResult, output_path
from reports.render.docx.renderer import docx_text
from tests.conftest import DEMO_YEAR
from tests.validators import (
    AxeRun,
    axe_check,
    chromium,
    describe_nu,
    nu_html_check,
    page_around,
    pdfua_outcomes,
    qpdf_check,
    served_pages,
    soffice_convert,
)

BUILDS = ("demo", "full")
#: Pages of ``raport serve`` for the Nu Html Checker: the years, a built year, its
#: problems, its metryczka, an error page, and the login form (of a page with a password).
SERVED = (
    "/",
    f"/rok/{DEMO_YEAR}",
    f"/rok/{DEMO_YEAR}/problemy",
    f"/rok/{DEMO_YEAR}/metryczka",
    "/rok/1999",
)
LOGIN = "/logowanie"
#: pdfua rules that cannot run on any PDF here, and why (the README says the same).
PDFUA_CANNOT_RUN = {
    # pdfua 0.1.3 asks a pikepdf Array for an attribute, which pikepdf 9-10 refuse:
    # the rule fails on the first heading whose /K is an array. Headings are checked
    # for text by tests/render/test_pdf.py instead.
    "UA-14-001": "is_integer",
}


def _file(result: BuildResult, fmt: str) -> Path:
    assert result.ok
    return output_path(result.outputs[0].parent.parent, result.check.year, fmt)


@pytest.fixture(scope="session")
def builds(request: pytest.FixtureRequest) -> dict[str, BuildResult]:
    return {name: request.getfixturevalue(f"{name}_build") for name in BUILDS}


@pytest.fixture(scope="session")
def html_pages(
    builds: dict[str, BuildResult], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every HTML page to validate, by name; the metryczka fragment inside a page."""
    folder = tmp_path_factory.mktemp("html")
    pages: dict[str, Path] = {}
    for name, result in builds.items():
        pages[f"{name}-report"] = _file(result, "html")
        fragment = (_file(result, "html").parent / f"metryczka-{result.check.year}.html").read_text(
            encoding="utf-8"
        )
        wrapped = folder / f"{name}-metryczka.html"
        wrapped.write_text(page_around(fragment), encoding="utf-8")
        pages[f"{name}-metryczka"] = wrapped
    # the checkers must see a fault where there is one
    broken = folder / "broken.html"
    broken.write_text(
        '<!DOCTYPE html>\n<html lang="pl"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><h1 id="a">A</h1><p id="a"><img src="x.png"></p><table><tr><td>1</td></tr>'
        "</table></body></html>\n",
        encoding="utf-8",
    )
    pages["broken"] = broken
    return pages


# --- HTML --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def served(
    demo_inputs: Path, builds: dict[str, BuildResult], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The pages of ``raport serve`` over a copy of the demo inputs and its build."""
    root = tmp_path_factory.mktemp("serve")
    shutil.copytree(demo_inputs, root / "inputs")
    shutil.copytree(_file(builds["demo"], "html").parent, root / "output" / str(DEMO_YEAR))
    pages = served_pages(root / "inputs", root / "output", SERVED, root / "pages")
    guarded = served_pages(root / "inputs", root / "output", (LOGIN,), root / "login", "hasło")
    return pages | guarded


@pytest.fixture(scope="session")
def nu_messages(
    html_pages: dict[str, Path], served: dict[str, Path]
) -> dict[str, list[dict[str, Any]]]:
    """The Nu Html Checker's errors on every page: one run for all of them."""
    pages = {**html_pages, **{f"serve {path}": file for path, file in served.items()}}
    found = nu_html_check(list(pages.values()))
    return {name: found[path.resolve()] for name, path in pages.items()}


@pytest.mark.parametrize(
    "page", [f"{b}-{kind}" for b in BUILDS for kind in ("report", "metryczka")]
)
def test_nu_html_checker_finds_no_errors(
    nu_messages: dict[str, list[dict[str, Any]]], page: str
) -> None:
    assert not nu_messages[page], f"{page}:\n{describe_nu(nu_messages[page])}"


@pytest.mark.parametrize("path", [*SERVED, LOGIN])
def test_nu_html_checker_finds_no_errors_on_the_served_pages(
    nu_messages: dict[str, list[dict[str, Any]]], served: dict[str, Path], path: str
) -> None:
    assert b"<html" in served[path].read_bytes()
    if path == LOGIN:
        assert b'type="password"' in served[path].read_bytes()
    messages = nu_messages[f"serve {path}"]
    assert not messages, f"{path}:\n{describe_nu(messages)}"


def test_nu_html_checker_finds_the_faults_of_a_broken_page(
    nu_messages: dict[str, list[dict[str, Any]]],
) -> None:
    texts = " ".join(m["message"] for m in nu_messages["broken"])
    assert "Duplicate ID" in texts and "alt" in texts


@pytest.fixture(scope="session")
def axe_runs(html_pages: dict[str, Path]) -> dict[tuple[str, int], AxeRun]:
    """axe-core on every page, at a desktop's width and at 320 CSS px (WCAG's reflow)."""
    with chromium() as browser:
        return {
            (name, width): axe_check(browser, path, width)
            for name, path in html_pages.items()
            for width in ((1280,) if name == "broken" else (1280, 320))
        }


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize(
    "page", [f"{b}-{kind}" for b in BUILDS for kind in ("report", "metryczka")]
)
def test_axe_finds_no_wcag_21_aa_violations(
    axe_runs: dict[tuple[str, int], AxeRun], page: str, width: int
) -> None:
    run = axe_runs[(page, width)]
    assert not run.violations, f"{page} at {width}px:\n{run.describe()}"
    assert {"html-has-lang", "document-title"} <= set(run.passes)
    # WCAG 1.4.10: at 320 px nothing but a table's own region scrolls sideways
    assert run.scroll_width <= width


def test_axe_checks_what_the_report_holds(axe_runs: dict[tuple[str, int], AxeRun]) -> None:
    passes = set(axe_runs[("full-report", 1280)].passes)
    assert {"th-has-data-cells", "td-headers-attr", "color-contrast", "list", "listitem"} <= passes
    assert {"scrollable-region-focusable", "aria-valid-attr-value", "region"} & passes


def test_axe_finds_the_faults_of_a_broken_page(axe_runs: dict[tuple[str, int], AxeRun]) -> None:
    found = {v["id"] for v in axe_runs[("broken", 1280)].violations}
    assert "image-alt" in found


# --- PDF ---------------------------------------------------------------------------


@pytest.mark.parametrize("build", BUILDS)
def test_qpdf_finds_the_pdf_clean(builds: dict[str, BuildResult], build: str) -> None:
    code, report = qpdf_check(_file(builds[build], "pdf"))
    assert code == 0, report
    assert "No syntax or stream encoding errors found" in report


@pytest.mark.parametrize("build", BUILDS)
def test_pdfua_rules_find_nothing(builds: dict[str, BuildResult], build: str) -> None:
    outcomes = pdfua_outcomes(_file(builds[build], "pdf"))
    assert len(outcomes) >= 10
    for outcome in outcomes:
        if outcome.rule_id in PDFUA_CANNOT_RUN:
            assert PDFUA_CANNOT_RUN[outcome.rule_id] in (outcome.skipped_reason or ""), outcome
            continue
        assert outcome.skipped_reason is None, (outcome.rule_id, outcome.skipped_reason)
        assert not outcome.findings, [(f.rule_id, f.message) for f in outcome.findings]


# --- DOCX --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def round_trips(
    builds: dict[str, BuildResult], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[bytes, bytes]]:
    """Each build's DOCX, and the same file opened and saved as DOCX by LibreOffice."""
    folder = tmp_path_factory.mktemp("round-trip")
    sources = []
    for name, result in builds.items():
        source = folder / f"{name}.docx"
        shutil.copyfile(_file(result, "docx"), source)
        sources.append(source)
    saved = soffice_convert(sources, "docx:MS Word 2007 XML", folder / "saved")
    return {
        name: (source.read_bytes(), again.read_bytes())
        for name, source, again in zip(builds, sources, saved, strict=True)
    }


def _words(texts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(texts).replace("\u00a0", " ").replace("\u2060", "")).strip()


def _outline(data: bytes) -> dict[str, Any]:
    document = docx.Document(io.BytesIO(data))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    header_rows = []
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        header_rows.append(first is not None and first.find(qn("w:tblHeader")) is not None)
    languages = {e.get(qn("w:val")) for e in document.styles.element.iter(qn("w:lang"))}
    return {
        "headings": headings,
        "tables": [(len(t.rows), len(t.columns)) for t in document.tables],
        "header rows": header_rows,
        "style languages": languages - {None},
        "language": document.core_properties.language,
        "title": document.core_properties.title,
    }


@pytest.mark.parametrize("build", BUILDS)
def test_libreoffice_round_trip_keeps_structure_language_and_text(
    round_trips: dict[str, tuple[bytes, bytes]], build: str
) -> None:
    ours, saved = round_trips[build]
    before, after = _outline(ours), _outline(saved)
    assert len(before["headings"]) >= 9 and all(before["header rows"])
    assert before["style languages"] == {"pl-PL"} and before["language"] == "pl-PL"
    assert after == before
    assert _words(docx_text(saved)) == _words(docx_text(ours))


@pytest.mark.parametrize("build", BUILDS)
def test_every_table_picture_and_chart_has_alternative_text(
    builds: dict[str, BuildResult], build: str
) -> None:
    body = docx.Document(str(_file(builds[build], "docx"))).element.body
    tables = list(body.iter(qn("w:tbl")))
    assert len(tables) >= 4
    for table in tables:
        properties = table.find(qn("w:tblPr"))
        for name in ("w:tblCaption", "w:tblDescription"):
            element = properties.find(qn(name))
            assert element is not None and element.get(qn("w:val")).strip(), name
    drawings = list(body.iter(qn("wp:inline")))
    charts = [d for d in drawings if list(d.iter(qn("c:chart")))]
    assert len(charts) >= 4  # the summary's charts are native charts, and drawings
    for drawing in drawings:
        picture = drawing.find(qn("wp:docPr"))
        assert picture is not None and (picture.get("descr") or "").strip(), picture
