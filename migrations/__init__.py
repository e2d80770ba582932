"""Alembic migrations (shipped as govperf.migrations)."""
