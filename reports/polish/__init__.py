"""Polish formatting: every date, number, plural, order and quote in the report."""
