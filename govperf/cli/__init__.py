"""The ``govperf`` command line (the console script and ``python -m govperf`` call ``main``)."""

from govperf.cli.group import cli, main

__all__ = ["cli", "main"]
