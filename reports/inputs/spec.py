"""The schema types: what a sheet declaration says (:mod:`reports.inputs.schemas` holds the
declarations themselves).

A :class:`SheetSpec` names a sheet, where it lives, its columns (:class:`ColumnSpec`:
header → record field, value type, required, header variants, drop-down choices,
hint) and its record rules: the duplicate key, how its dates relate to the report
year (:class:`YearRule`), the span whose end may not come before its start, and
any :class:`RowRule`.

Headers (and sheet names, and the *Pole* names of key/value sheets) are matched
by :func:`normalize_header`: case, surrounding and repeated spaces, Unicode
normal form and a trailing colon do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from reports.polish.text import normalize_text


class ValueType(StrEnum):
    """What a cell holds and how the loader reads it."""

    TEXT = "tekst"
    DATE = "data"
    DATE_OR_YEAR = "data lub rok"
    YEAR = "rok"
    WHOLE = "liczba całkowita"
    AMOUNT = "kwota"
    CHOICE = "lista"
    COUNTRY = "kraj"
    LIST = "lista wartości rozdzielonych średnikiem"
    CURRENCY = "waluta"
    DATE_RANGE = "termin"
    RESOLUTION = "numer uchwały"
    TERM = "dzień, miesiąc albo rok"
    PLAN_STATUS = "stan realizacji"
    LICENCE = "licencja"


class SheetKind(StrEnum):
    """A table (one row per record) or a key/value sheet (*Pole* | *Wartość*)."""

    TABLE = "tabela"
    FIELDS = "pola"


class Book(StrEnum):
    """Where a sheet lives: in ``inputs/rejestr.xlsx`` or in a year's workbooks."""

    REGISTRY = "rejestr"
    YEAR = "rok"


class YearRule(StrEnum):
    """How a record's dates must relate to the report year."""

    NONE = "bez ograniczeń"
    WITHIN = "w roku raportu"  # an error when the date (range) does not touch the year
    OVERLAP = "nakłada się na rok"  # a warning, and the record is left out of the year
    NEXT = "w roku następnym"  # an error when the date is not in the year after the report's
    MOVED = "przeniesienie na rok następny"  # an error when a move names another year


class RowRule(StrEnum):
    """A rule a row must keep beyond its single cells (what the loader checks)."""

    #: Data podpisania is required unless Rodzaj is „współpraca bez umowy”.
    SIGNED = "data podpisania, chyba że współpraca bez umowy"
    #: Status and Data zakończenia agree: an active partner has no end date, others have one.
    STATUS_ENDED = "status zgodny z datą zakończenia"


def normalize_header(text: str) -> str:
    """A header (sheet name, *Pole*) in the form headers are compared in.

    >>> normalize_header(" Data  od : ")
    'data od'
    >>> normalize_header("LICZBA OSÓB")
    'liczba osób'
    >>> normalize_header("Data od *")  # the blank workbook marks required columns
    'data od'
    """
    text = normalize_text(text)
    if text.endswith(":"):
        text = text[:-1].rstrip()
    if text.endswith("*"):
        text = text[:-1].rstrip()
    return text.casefold()


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table sheet, or one *Pole* of a key/value sheet.

    ``field`` is the attribute of the domain record the value goes to
    (:mod:`reports.domain.model`). ``covers`` names the fields a combined column fills
    instead (``Termin`` fills ``start`` and ``end``); such a column is an
    alternative accepted from older workbooks and is not put in the blank one.
    """

    header: str
    field: str
    type: ValueType = ValueType.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    hint: str = ""
    width: int = 16
    multiline: bool = False
    covers: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every header this column is recognised by (the canonical one first)."""
        return (self.header, *self.aliases)

    @property
    def in_template(self) -> bool:
        """Whether the blank workbook has this column (alternatives are left out)."""
        return not self.covers

    @property
    def is_date(self) -> bool:
        return self.type in (ValueType.DATE, ValueType.DATE_OR_YEAR)

    @property
    def fills(self) -> tuple[str, ...]:
        """The record fields a value in this column provides."""
        return self.covers or (self.field,)


@dataclass(frozen=True)
class ItemList:
    """A list kept inside a *Pole | Wartość* sheet, below its fields.

    In column A a row with the list's name (``Zmiany``), then a header row
    with the column headers, then one row per item in columns A, B, C…; the
    list runs to the end of the sheet. ``field`` is the record field that
    receives the items.
    """

    name: str
    field: str
    columns: tuple[ColumnSpec, ...]


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: its name, where it lives, its columns and its record rules.

    ``key`` lists the fields of the duplicate key used when merging workbooks
    (text fields compared case-insensitively after :func:`normalize_text`).
    ``span`` names the (first, last) fields whose last may not come before the
    first; a last day equal to the first is stored as ``None`` (one day).
    ``rules`` are the other row rules the loader applies.
    """

    name: str
    book: Book
    kind: SheetKind
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...] = ()
    year_rule: YearRule = YearRule.NONE
    description: str = ""
    items: ItemList | None = None
    span: tuple[str, str] | None = None
    rules: tuple[RowRule, ...] = ()
    _by_name: dict[str, ColumnSpec] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for column in self.columns:
            for name in column.names:
                wanted = normalize_header(name)
                if wanted in self._by_name:
                    raise ValueError(f"{self.name}: header {name!r} declared twice")
                self._by_name[wanted] = column

    def column(self, header: str) -> ColumnSpec | None:
        """The column this header (or header variant) names, if any."""
        return self._by_name.get(normalize_header(header))

    def by_field(self, name: str) -> ColumnSpec:
        """The column that fills record field ``name`` (not an alternative one)."""
        for column in self.columns:
            if column.field == name and not column.covers:
                return column
        raise KeyError(name)

    @property
    def template_columns(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.in_template)
