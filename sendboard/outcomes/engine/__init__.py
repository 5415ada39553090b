"""The facts engine: reads the register, the local extracts and the published values out of the database, computes
every indicator of the catalogue with DuckDB, and hands back cells for the refresh to suppress and write (ADR 0045)."""

ENGINE_VERSION = "1"
