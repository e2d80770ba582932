"""SQL view definitions, one file per view (shipped as govperf.sql)."""
