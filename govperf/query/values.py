"""Values as text for people and files: numbers without trailing zeros (36, not 36.000000).

Kept free of SQLAlchemy: the listing commands' quick read path prints through it."""

from __future__ import annotations

from decimal import Decimal


def plain(value: object) -> str:
    """A value for display: numbers without trailing zeros, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        text_ = format(value.normalize(), "f")
        return "0" if text_ in ("-0", "") else text_
    return str(value)
