"""The ``raport`` command: subcommands, and problems and failures mapped to exit codes.

Exit codes: 0 — done, no errors (warnings allowed); 1 — errors in the inputs
(or a file that must not be overwritten, or annotated copies that could not be
written); 2 — wrong usage (unknown option, missing inputs folder or year); 3 — the
operating system failed (full disk, no permission, a file where the output folder
must be: :mod:`reports.cli.failures`).

Imports are lazy: ``raport check`` never loads the renderers (WeasyPrint,
python-docx, Jinja2).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from reports.cache import Cache
    from reports.checking.check import Report

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_SYSTEM = 0, 1, 2, 3

_ARGPARSE_PL = (
    (re.compile(r"the following arguments are required: (.*)"), r"brak wymaganych argumentów: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"nieznane argumenty: \1"),
    (
        re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
        r"argument \1: nieznana wartość \2 (do wyboru: \3)",
    ),
    (re.compile(r"argument (\S+): expected one argument"), r"argument \1: brak wartości"),
    (re.compile(r"argument (\S+): (.*)"), r"argument \1: \2"),
)


class UsageError(Exception):
    """Wrong use of the command (exit code 2), with a Polish message."""


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "użycie: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking Polish where it talks to the user."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(formatter_class=_Formatter, add_help=False, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "argumenty"
        self._optionals.title = "opcje"
        self.add_argument("-h", "--help", action="help", help="pokaż tę pomoc i zakończ")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_PL:
            if pattern.fullmatch(message):
                message = pattern.sub(replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: błąd: {message}\n")


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise argparse.ArgumentTypeError(f"rok to cztery cyfry, np. 2025 (podano „{text}”)")
    return int(text)


def _inputs_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise UsageError(
            f"brak folderu z danymi „{value}”. Uruchom polecenie w folderze projektu "
            "albo podaj folder opcją --inputs."
        )
    return path


def _pick_year(inputs: Path, year: int | None) -> int:
    from reports.checking.check import available_years

    years = available_years(inputs)
    if year is None:
        if not years:
            raise UsageError(
                f"w folderze „{inputs}” nie ma folderów lat (np. {inputs / '2025'}). "
                "Utwórz rok poleceniem: raport new ROK"
            )
        return years[-1]
    if year not in years:
        known = ", ".join(map(str, years)) or "brak"
        raise UsageError(
            f"brak folderu „{inputs / str(year)}” z danymi roku {year}. Dostępne lata: {known}. "
            f"Nowy rok utworzysz poleceniem: raport new {year}"
        )
    return year


def _check(args: argparse.Namespace) -> int:
    inputs = _inputs_dir(args.inputs)
    year = _pick_year(inputs, args.year)

    from reports.checking.check import check_year

    annotate = Path(args.annotate) if args.annotate is not None else None
    if annotate is not None:
        from reports.publish.annotate import AnnotateRefused, check_target

        try:
            check_target(inputs, annotate)
        except AnnotateRefused as refused:
            raise UsageError(str(refused)) from None
    result = check_year(inputs, year)
    if args.json:
        import json

        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from reports.cli.console import format_check

        print(format_check(year, result.problems, result.tallies))
    written = True
    if annotate is not None:
        # with --json the standard output is the JSON alone
        written = _annotate(result, inputs, annotate, sys.stderr if args.json else sys.stdout)
    return EXIT_OK if result.ok and written else EXIT_ERRORS


def _annotate(result: Report, inputs: Path, folder: Path, out: TextIO) -> bool:
    """Write the annotated copies and say where; False when they could not be written."""
    from reports.inputs.marks import copy_of
    from reports.publish.annotate import UNREADABLE, annotate_workbooks, stale_copies

    try:
        copies = annotate_workbooks(result, inputs, folder)
    except OSError as error:
        print(f"raport: nie zapisano kopii w „{folder}”: {error.strerror}", file=sys.stderr)
        return False
    if copies:
        print(
            "\nKopie skoroszytów z problemami zaznaczonymi w komórkach (lista w arkuszu", file=out
        )
        print("„Problemy”). Popraw zaznaczone komórki w kopii i zapisz ją w miejsce", file=out)
        print("oryginału, pod jego nazwą (albo popraw sam oryginał):", file=out)
        for path in copies:
            original = copy_of(path) or ""
            converted = not original.lower().endswith(".xlsx")
            note = f" (kopia „{original}” zapisana jako .xlsx)" if converted else ""
            print(f"  {path}{note}", file=out)
    else:
        print(
            f"\nŻaden skoroszyt nie ma problemów do zaznaczenia; w „{folder}” nic nie zapisano.",
            file=out,
        )
    unreadable = sorted({p.file for p in result.problems if p.code in UNREADABLE and p.file})
    if unreadable:
        print("Bez kopii (plik nie daje się odczytać): " + ", ".join(unreadable), file=out)
    stale = stale_copies(result, inputs, folder)
    if stale:
        print("Uwaga: w folderze zostały kopie z wcześniejszego sprawdzenia, których to", file=out)
        print("nie odnowiło (pokazują nieaktualne problemy; usuń je):", file=out)
        for path in stale:
            print(f"  {path}", file=out)
    return True


def _new(args: argparse.Namespace) -> int:
    inputs = _inputs_dir(args.inputs)

    from reports.publish.newbook import WorkbookExists, create_year_workbook

    try:
        department = (args.department or "").strip() or None
        path = create_year_workbook(inputs, args.year, department=department, fmt=args.format)
    except WorkbookExists as exists:
        print(
            f"raport: plik „{exists.path}” już istnieje – nie nadpisuję go. Usuń go albo "
            "zmień mu nazwę, jeśli chcesz nowy, pusty skoroszyt.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    print(f"Utworzono pusty skoroszyt: {path}")
    print("Wypełnij go, a potem wgraj na stronie (raport serve) albo sprawdź dane poleceniem:")
    print(f"  raport check {args.year}")
    return EXIT_OK


def _formats(text: str) -> tuple[str, ...]:
    from reports.pipeline.formats import FORMATS

    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"nieznany format „{text}” (do wyboru: {', '.join(FORMATS)}, np. docx,pdf)"
        )
    return chosen


def _build(args: argparse.Namespace) -> int:
    from reports.pipeline.formats import FORMATS

    inputs = _inputs_dir(args.inputs)
    output = Path(args.output)
    _writable(output)
    formats: tuple[str, ...] = args.format or FORMATS
    if args.all:
        if args.year is not None:
            raise UsageError("podaj rok albo --all, nie oba naraz")
        return _build_all(inputs, output, args.jobs, formats, _cache(args, output))
    if args.jobs is not None:
        raise UsageError("--jobs działa tylko z --all (jeden rok i tak używa wszystkich rdzeni)")

    from reports.pipeline.rendering import start_workers
    from reports.pipeline.workers import stop

    # first of all: the workers load the renderer while this process loads the rest
    workers = start_workers(formats)
    try:
        year = _pick_year(inputs, args.year)
        from reports.pipeline import generate

        cache = _cache(args, output)
        result = generate(inputs, year, output, formats, cache=cache, executor=workers)
    finally:
        if workers is not None:
            stop(workers)

    from reports.cli.console import format_check, format_problems, format_tallies

    check = result.check
    if not result.ok:
        print(format_check(year, check.problems, check.tallies))
        print(f"\nNie zbudowano raportu {year}: popraw błędy i uruchom polecenie ponownie.")
        return EXIT_ERRORS
    if check.problems:
        print(format_problems(check.problems) + "\n")
    print("Uzgodnienie wierszy (wczytane = przyjęte + duplikaty + odrzucone):")
    print(format_tallies(check.tallies) + "\n")
    print(f"Raport {year} gotowy:")
    for path in result.outputs:
        print(f"  {path}")
    if result.fallback_fonts:
        print(
            "Uwaga: w PDF są znaki, których nie mają czcionki raportu (templates/fonts); "
            "złożono je czcionką systemową: " + ", ".join(result.fallback_fonts) + ". Na innym "
            "komputerze PDF może wyglądać inaczej; sprawdź te znaki albo dodaj czcionkę "
            "do templates/fonts."
        )
    if result.stale:
        print("Uwaga: w folderze zostały pliki z wcześniejszej budowy, których ta nie zastąpiła")
        print("(nie odpowiadają nowym plikom; usuń je albo zbuduj wszystkie formaty):")
        for path in result.stale:
            print(f"  {path}")
    return EXIT_OK


def _writable(output: Path) -> None:
    """Refuse, before anything is rendered, an output folder that cannot take the files."""
    from reports.cli.failures import output_folder_problem

    problem = output_folder_problem(output)
    if problem is not None:
        raise problem


def _cache(args: argparse.Namespace, output: Path) -> Cache | None:
    """The build cache in ``output/.cache`` unless ``--no-cache``."""
    from reports.cache import Cache

    return None if args.no_cache else Cache.for_output(output)


def _build_all(
    inputs: Path,
    output: Path,
    jobs: int | None,
    formats: tuple[str, ...],
    cache: Cache | None,
) -> int:
    from reports.checking.check import available_years
    from reports.pipeline.archive import Progress, build_all, summary_table

    years = available_years(inputs)
    if not years:
        raise UsageError(f"w folderze „{inputs}” nie ma folderów lat (np. {inputs / '2025'})")
    outcomes = build_all(
        inputs,
        years,
        output,
        jobs=jobs,
        formats=formats,
        progress=Progress(sys.stderr, len(years)),
        cache=cache,
    )
    print(summary_table(outcomes))
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_ERRORS


def _verify(args: argparse.Namespace) -> int:
    inputs = _inputs_dir(args.inputs)
    year = _pick_year(inputs, args.year)

    from reports.pipeline.verify import verify_year

    verdict = verify_year(inputs, year, Path(args.output))
    if verdict.identical:
        print(f"Zgodne: {Path(args.output) / str(year)} to dokładnie to, co dają obecne dane.")
        return EXIT_OK
    print(f"Niezgodne: {Path(args.output) / str(year)} różni się od tego, co dają obecne dane.")
    if verdict.differing:
        print("Różne pliki: " + ", ".join(verdict.differing))
    for reason in verdict.reasons:
        print(f"  – {reason}")
    return EXIT_ERRORS


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
PASSWORD_VARIABLE = "RAPORT_PASSWORD"


def _password(password_file: str | None) -> str | None:
    """The access password from ``--password-file`` or ``$RAPORT_PASSWORD`` (None if neither)."""
    if password_file is not None:
        try:
            text = Path(password_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(
                f"nie można odczytać pliku z hasłem „{password_file}”: {error}"
            ) from None
        if not text:
            raise UsageError(f"plik z hasłem „{password_file}” jest pusty")
        return text
    return os.environ.get(PASSWORD_VARIABLE, "").strip() or None


def _serve(args: argparse.Namespace) -> int:
    inputs = _inputs_dir(args.inputs)
    password = _password(args.password_file)
    if password is None and (args.host not in LOCAL_HOSTS or args.require_password):
        raise UsageError(
            f"adres {args.host} jest dostępny z innych komputerów, więc strona wymaga hasła. "
            "Podaj plik z hasłem opcją --password-file PLIK albo ustaw zmienną "
            f"{PASSWORD_VARIABLE}; "
            "bez hasła uruchom stronę tylko na tym komputerze (--host 127.0.0.1)."
        )
    from reports.web.server import serve

    return serve(inputs, Path(args.output), args.host, args.port, password, args.proxy)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"liczba procesów to liczba całkowita ≥ 1 (podano „{text}”)"
        )
    return int(text)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port to liczba od 1 do 65535 (podano „{text}”)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``raport build`` and others add subcommands here."""
    parser = _Parser(
        prog="raport",
        description="Raport dotyczący współpracy zagranicznej miasta w danym roku.",
    )
    commands = parser.add_subparsers(
        title="polecenia", dest="command", metavar="POLECENIE", parser_class=_Parser
    )

    check = commands.add_parser(
        "check",
        help="sprawdź dane roku (błędy i ostrzeżenia, uzgodnienie wierszy)",
        description="Sprawdza rejestr i skoroszyty roku; wypisuje problemy i uzgodnienie. "
        "Kod wyjścia: 0 – bez błędów, 1 – są błędy, 2 – złe użycie.",
    )
    check.add_argument(
        "year", nargs="?", type=_year, metavar="ROK", help="rok (domyślnie najnowszy)"
    )
    check.add_argument("--inputs", default="inputs", metavar="FOLDER", help="folder z danymi")
    check.add_argument("--json", action="store_true", help="wynik jako JSON (dla innych narzędzi)")
    check.add_argument(
        "--annotate",
        metavar="FOLDER",
        help="zapisz w FOLDERZE kopie skoroszytów z problemami zaznaczonymi w komórkach",
    )
    check.set_defaults(func=_check)

    new = commands.add_parser(
        "new",
        help="utwórz pusty skoroszyt roku do wypełnienia",
        description="Tworzy FOLDER/ROK/raport-ROK.xlsx: arkusze z nagłówkami, listami "
        "rozwijanymi i instrukcją (z --department: raport-ROK-wydzial.xlsx bez Metryczki; "
        "z --format ods: skoroszyt LibreOffice). Nigdy nie nadpisuje istniejącego pliku.",
    )
    new.add_argument("year", type=_year, metavar="ROK", help="rok, np. 2026")
    new.add_argument("--inputs", default="inputs", metavar="FOLDER", help="folder z danymi")
    new.add_argument(
        "--department",
        metavar="WYDZIAŁ",
        help='skoroszyt dla wydziału, bez Metryczki (np. "Wydział Kultury")',
    )
    new.add_argument(
        "--format",
        choices=("xlsx", "ods"),
        default="xlsx",
        help="xlsx (Excel, domyślnie) albo ods (LibreOffice Calc)",
    )
    new.set_defaults(func=_new)

    build = commands.add_parser(
        "build",
        help="zbuduj raport roku (DOCX, PDF, HTML i dane) albo wszystkich lat (--all)",
        description="Sprawdza dane i – gdy nie ma błędów – zapisuje FOLDER/ROK/raport-ROK.docx, "
        ".pdf i .html (wersję do BIP), dane w formacie otwartym (folder dane-ROK i plik "
        "dane-ROK.zip), metryczkę BIP i manifest. "
        "Kod wyjścia: 0 – zbudowano, 1 – błędy w danych, 2 – złe użycie, 3 – błąd systemu "
        "(np. brak miejsca na dysku, folder tylko do odczytu).",
    )
    build.add_argument(
        "year", nargs="?", type=_year, metavar="ROK", help="rok (domyślnie najnowszy)"
    )
    build.add_argument("--all", action="store_true", help="wszystkie lata z folderu danych")
    build.add_argument(
        "--jobs", type=_jobs, default=None, metavar="N", help="liczba procesów (domyślnie: rdzenie)"
    )
    build.add_argument("--inputs", default="inputs", metavar="FOLDER", help="folder z danymi")
    build.add_argument("--output", default="output", metavar="FOLDER", help="folder wyników")
    build.add_argument(
        "--format",
        type=_formats,
        default=None,
        metavar="FORMATY",
        help="formaty, np. docx,pdf (domyślnie wszystkie: docx, pdf, html, data – dane "
        "w formacie otwartym)",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="składaj wszystko od nowa, bez pamięci podręcznej (FOLDER/.cache)",
    )
    build.set_defaults(func=_build)

    verify = commands.add_parser(
        "verify",
        help="sprawdź, czy opublikowane pliki roku odpowiadają obecnym danym",
        description="Buduje rok w folderze tymczasowym i porównuje bajt po bajcie z "
        "FOLDER/ROK; mówi, które pliki się różnią i dlaczego. Kod wyjścia: 0 – zgodne, "
        "1 – niezgodne.",
    )
    verify.add_argument("year", type=_year, metavar="ROK", help="rok, np. 2025")
    verify.add_argument("--inputs", default="inputs", metavar="FOLDER", help="folder z danymi")
    verify.add_argument("--output", default="output", metavar="FOLDER", help="folder wyników")
    verify.set_defaults(func=_verify)

    serve = commands.add_parser(
        "serve",
        help="uruchom stronę w przeglądarce (sprawdzanie, wgrywanie, budowanie)",
        description="Uruchamia stronę, na której można wgrać skoroszyty, zobaczyć problemy, "
        "zbudować raport i pobrać pliki. Domyślnie tylko na tym komputerze "
        "(http://127.0.0.1:8000); inny adres wymaga hasła dostępu.",
    )
    serve.add_argument("--inputs", default="inputs", metavar="FOLDER", help="folder z danymi")
    serve.add_argument("--output", default="output", metavar="FOLDER", help="folder wyników")
    serve.add_argument(
        "--host", default="127.0.0.1", metavar="ADRES", help="adres (domyślnie 127.0.0.1)"
    )
    serve.add_argument("--port", type=_port, default=8000, metavar="PORT", help="port (8000)")
    serve.add_argument(
        "--password-file",
        metavar="PLIK",
        help=f"plik z hasłem dostępu (albo zmienna środowiska {PASSWORD_VARIABLE})",
    )
    serve.add_argument(
        "--proxy",
        metavar="ADRES",
        help="adres serwera pośredniczącego (HTTPS) urzędu: tylko od niego strona przyjmuje "
        "nagłówek X-Forwarded-For z adresem klienta",
    )
    serve.add_argument(
        "--require-password",
        action="store_true",
        help="wymagaj hasła także na adresie lokalnym",
    )
    serve.set_defaults(func=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``raport``; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.func(args)
        sys.stdout.flush()
        # what the command made is left for the system to free: the interpreter's last
        # collection at exit would walk all of it (a tenth of a second after a build)
        gc.freeze()
    except UsageError as error:
        print(f"raport: błąd: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError as error:  # a full disk, no permission: not the inputs' fault
        from reports.cli.failures import system_failure

        print(system_failure(error, build=args.func is _build), file=sys.stderr)
        return EXIT_SYSTEM
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
