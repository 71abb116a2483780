"""Polish formatting: every date, number, plural, order, preposition and quote in the report.

Nothing outside this package formats a value for the reader. Import from the
submodules (``reports.polish.dates`` …) or from here.
"""

from reports.polish.collation import sort_key, sorted_pl
from reports.polish.countries import (
    Country,
    all_countries,
    country_name,
    in_country,
    normalize_country,
)
from reports.polish.dates import (
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    format_date,
    format_date_range,
    format_month_year,
    parse_date,
    parse_date_range,
)
from reports.polish.lists import join_list
from reports.polish.numbers import (
    format_amount,
    format_number,
    format_ordinal,
    format_population,
    format_size,
)
from reports.polish.plurals import NOUNS, count, plural
from reports.polish.prepositions import with_preposition
from reports.polish.typography import NBSP, quote, typeset

__all__ = [
    "MONTHS_GENITIVE",
    "MONTHS_NOMINATIVE",
    "NBSP",
    "NOUNS",
    "Country",
    "all_countries",
    "count",
    "country_name",
    "format_amount",
    "format_date",
    "format_date_range",
    "format_month_year",
    "format_number",
    "format_ordinal",
    "format_population",
    "format_size",
    "in_country",
    "join_list",
    "normalize_country",
    "parse_date",
    "parse_date_range",
    "plural",
    "quote",
    "sort_key",
    "sorted_pl",
    "typeset",
    "with_preposition",
]
