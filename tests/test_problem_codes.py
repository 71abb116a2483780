"""Every problem code has one message template, and every use of a code gives its fields.

Messages are never written where a problem is found: :func:`reports.inputs.problems.problem`
fills the code's template. The static test below reads the package's source and checks
each call that names a code: the fields the template needs (beyond the place, which
may come spread from ``row.place()`` and the like) are passed by name. Filling a
template without a field it needs raises, so every problem the other tests produce
(the problem matrix makes one of each code) is checked again as it is made.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from reports.inputs.problems import CODES, PLACE_FIELDS, Code, problem

PACKAGE = Path(__file__).resolve().parent.parent / "reports"

#: Calls that make a problem: the function's name → (index of the code argument,
#: the fields the call supplies by itself).
MAKERS: dict[str, tuple[int, frozenset[str]]] = {
    "problem": (0, frozenset()),
    "add": (0, frozenset({"file", "sheet"})),  # headers.Found.add
    "_invalid": (0, frozenset({"value"})),  # values: the cell's value
    "_problem": (2, frozenset({"file", "sheet", "row", "column", "header"})),  # rules
}


def _uses() -> list[tuple[str, int, str, frozenset[str], bool]]:
    """(module, line, code, keyword names, spreads a mapping) of every literal use."""
    uses = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in MAKERS:
                continue
            at, given = MAKERS[name]
            if len(node.args) <= at:
                continue
            arg = node.args[at]
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                continue
            if arg.value not in CODES and name == "add":
                continue  # some other add()
            keywords = frozenset(k.arg for k in node.keywords if k.arg is not None) | given
            spreads = any(k.arg is None for k in node.keywords)
            module = path.relative_to(PACKAGE.parent).as_posix()
            uses.append((module, node.lineno, arg.value, keywords, spreads))
    return uses


USES = _uses()


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_one_template_that_reads_as_a_sentence(code: str) -> None:
    spec = CODES[code]
    assert isinstance(spec, Code) and spec.template
    assert spec.template[0].isupper() or spec.template[0] == "„", spec.template
    assert set(spec.optional) <= spec.fields, f"{code}: optional fields not in the template"
    bare = spec.message(dict.fromkeys(spec.required, "x"))
    # an optional field given is a sentence or a name (hints end with a full stop)
    full = spec.message({**dict.fromkeys(spec.required, "x"), **dict.fromkeys(spec.optional, "x.")})
    assert bare.endswith(".") and full.endswith("."), (bare, full)


def test_every_code_is_made_somewhere_and_only_known_codes_are() -> None:
    made = {code for _, _, code, _, _ in USES}
    assert made <= set(CODES), made - set(CODES)
    assert set(CODES) - made == set(), "codes no call makes"


@pytest.mark.parametrize(
    ("module", "line", "code", "keywords", "spreads"),
    USES,
    ids=[f"{m}:{n}:{c}" for m, n, c, _, _ in USES],
)
def test_every_use_of_a_code_gives_its_template_fields(
    module: str, line: int, code: str, keywords: frozenset[str], spreads: bool
) -> None:
    needed = CODES[code].required
    missing = needed - keywords
    if spreads:  # row.place(), row.at(...), a place dict, an Invalid's fields
        missing -= PLACE_FIELDS
    assert not missing, f"{module}:{line}: {code} needs {sorted(missing)}"


def test_a_template_without_its_field_is_a_mistake_in_the_code() -> None:
    with pytest.raises(ValueError, match="year-folder-missing"):
        problem("year-folder-missing", file="2025")


def test_fields_are_shown_the_polish_way() -> None:
    p = problem(
        "termin-reversed", value="8-6.11.2025", start=date(2025, 11, 8), end=date(2025, 11, 6)
    )
    assert "(06.11.2025) przed początkiem (08.11.2025)" in p.message
    q = problem("choice-invalid", value="polityka", choices=("kultura", "sport"))
    assert q.message.endswith("Wybierz jedną z: „kultura”, „sport”.")
    r = problem("column-unknown", header="Uwgi", suggestion="Uwagi")
    assert "„Uwgi” (może „Uwagi”?)" in r.message
    s = problem("column-unknown", header="Notatki", suggestion=None)
    assert "„Notatki”: jej dane" in s.message
