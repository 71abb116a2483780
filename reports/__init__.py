"""raport — the yearly report on a Polish city's international cooperation."""

__version__ = "0.1.0"
