"""The domain model: frozen dataclasses of the city, its partners and a year's events; no I/O."""
