"""The year's open data: a Frictionless data package beside the report, and its ZIP.

``dane-YEAR/`` holds one CSV per kind of record (:mod:`reports.publish.datatables`) —
UTF-8, a header row, ISO dates, amounts as numbers with their currency column — and
``datapackage.json``, which describes every column (Polish title and description,
type, required, allowed values), names the city, the year and, when the registry
sets one, the licence. ``dane-YEAR.zip`` is the same files for the BIP; like the
report it depends only on the inputs: sorted entries, every time stamp the
Metryczka's date.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reports.document.build import created_at, data_package_name, report_title
from reports.domain.year import Year
from reports.polish.text import slug
from reports.publish.datacolumns import DataTable, Value
from reports.publish.datatables import data_tables
from reports.render.docx.ooxml_zip import write_zip

DESCRIPTOR = "datapackage.json"
#: The Table Schema of every column keeps these defaults: an empty cell is a missing value.
_MISSING = [""]


@dataclass(frozen=True)
class DataPackage:
    """A year's package: the folder's name and files (name → bytes), and the ZIP."""

    folder: str  # dane-2025
    files: dict[str, bytes]
    zip_name: str  # dane-2025.zip
    zip: bytes

    def outputs(self) -> dict[str, bytes]:
        """Every file of the package as written beside the report (paths relative to the
        year's output folder)."""
        return {
            **{f"{self.folder}/{name}": data for name, data in self.files.items()},
            self.zip_name: self.zip,
        }


#: The report's typography that a data cell does without: non-breaking spaces become
#: spaces, word joiners and soft hyphens go.
_PLAIN = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2060": None, "\xad": None})


def cell(value: Value) -> str:
    """A value as a CSV cell: ISO dates, amounts with a decimal point, plain text, empty
    for none.

    >>> cell(date(2025, 3, 5)), cell(Decimal("12500.50")), cell(Decimal("1E+3")), cell(None)
    ('2025-03-05', '12500.50', '1000', '')
    >>> cell("6–\u20608 listopada 2025\xa0r.")
    '6–8 listopada 2025 r.'
    """
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).translate(_PLAIN)


def write_csv(table: DataTable) -> bytes:
    """The table as CSV (RFC 4180: comma, CRLF, quotes where needed), header row first."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([cell(v) for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8")


def descriptor(year: Year, tables: tuple[DataTable, ...], data: dict[str, bytes]) -> dict[str, Any]:
    """``datapackage.json`` as a dict: the package's metadata and a resource per table
    (with its file's size and SHA-256, so that a validator checks them)."""
    city = year.city
    n = year.year
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": slug(f"wspolpraca zagraniczna {city.name} {n}"),
        "title": f"Dane do raportu: współpraca zagraniczna Miasta {city.genitive} w {n} r.",
        "description": (
            f"Rekordy, na których opiera się „{report_title(n)}” Miasta {city.genitive}: "
            "jeden plik CSV na każdy rodzaj wpisów, który podano (wizyty, wyjazdy, projekty, "
            "nagrody, miasta partnerskie, organizacje, plany), te same wpisy co w raporcie."
        ),
        "miasto": city.name,
        "rok": n,
        "created": created_at(year).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": ["współpraca zagraniczna", "miasta partnerskie", city.name, str(n)],
        "contributors": [
            {"title": name, "role": "publisher"} for name in (city.office, city.department) if name
        ],
    }
    licence = city.licence
    if licence is not None:
        claim = {"name": licence.name, "path": licence.path, "title": licence.title}
        package["licenses"] = [{k: v for k, v in claim.items() if v is not None}]
    package["resources"] = [
        {
            "profile": "tabular-data-resource",
            "name": table.name,
            "path": f"{table.name}.csv",
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(data[table.name]),
            "hash": "sha256:" + hashlib.sha256(data[table.name]).hexdigest(),
            "schema": {
                "fields": [c.descriptor() for c in table.columns],
                "primaryKey": ["Lp."],
                "missingValues": _MISSING,
            },
        }
        for table in tables
    ]
    return package


def data_package(year: Year) -> DataPackage:
    """The open-data package of ``year``: its CSVs, ``datapackage.json`` and the ZIP."""
    tables = data_tables(year)
    data = {table.name: write_csv(table) for table in tables}
    meta = descriptor(year, tables, data)
    files = {f"{name}.csv": content for name, content in data.items()}
    files[DESCRIPTOR] = (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode()
    zip_name = data_package_name(year.year)
    return DataPackage(
        zip_name.removesuffix(".zip"), files, zip_name, write_zip(files, created_at(year))
    )
