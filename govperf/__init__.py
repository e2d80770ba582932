"""govperf: Chinese district-government performance documents into PostgreSQL."""

__version__ = "0.1.0"
