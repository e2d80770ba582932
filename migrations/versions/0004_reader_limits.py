"""reader limits: timeouts, temp file limit and connection limit for govperf_reader; no TEMP

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 16:50:00

govperf_reader gets statement_timeout, idle_in_transaction_session_timeout, temp_file_limit
(a superuser-only setting: skipped with a warning when the migrating role is not one) and a
connection limit.  PostgreSQL does not pass a group role's settings on to its members, so every
existing member login gets a copy (``views.apply_reader_limits``, which grant-reader also runs);
a setting a login already has is kept.  TEMPORARY on the database and CREATE on schema public are
revoked from PUBLIC (the database owner keeps both), so a reader can create no table or
function anywhere.  Every value can be overridden later with ALTER ROLE (docs/bi.md).
Downgrade resets the settings that still hold 0004's values and gives TEMPORARY back to PUBLIC.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from govperf.db import views

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER = "govperf_reader"
SETTINGS = {
    "statement_timeout": "2min",
    "idle_in_transaction_session_timeout": "10min",
    "temp_file_limit": "1GB",
}
CONNECTION_LIMIT = 20


def _guarded(statement: str, what: str) -> str:
    """``statement`` in a DO block that warns instead of failing when the role lacks the right."""
    return f"""
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        {statement};
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE WARNING 'cannot {what}: ask a superuser (docs/bi.md, reader limits)';
END
$$
"""


def _members() -> list[str]:
    rows = op.get_bind().exec_driver_sql(
        "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid"
        f" JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = '{READER}' AND m.rolcanlogin"
        " ORDER BY m.rolname"
    )
    return [row[0] for row in rows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def upgrade() -> None:
    for setting, value in SETTINGS.items():
        op.execute(_guarded(f"ALTER ROLE {READER} SET {setting} = '{value}'", f"set {setting} on {READER}"))
    op.execute(_guarded(f"ALTER ROLE {READER} CONNECTION LIMIT {CONNECTION_LIMIT}", "limit connections"))
    op.execute(
        _guarded(
            "EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database())",
            "revoke TEMPORARY on this database from PUBLIC",
        )
    )
    op.execute(_guarded("REVOKE CREATE ON SCHEMA public FROM PUBLIC", "revoke CREATE on schema public"))
    for login in _members():
        views.apply_reader_limits(op.get_bind(), login)


def downgrade() -> None:
    bind = op.get_bind()
    for role in (READER, *_members()):
        config = bind.exec_driver_sql(
            "SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
            " WHERE s.setdatabase = 0 AND r.rolname = %(role)s",
            {"role": role},
        ).scalar()
        current = dict(item.split("=", 1) for item in config or ())
        for setting, value in SETTINGS.items():
            if current.get(setting) == value:
                op.execute(_guarded(f"ALTER ROLE {_quote(role)} RESET {setting}", f"reset {setting}"))
        op.execute(
            _guarded(
                f"IF (SELECT rolconnlimit FROM pg_roles WHERE rolname = {_literal(role)})"
                f" = {CONNECTION_LIMIT} THEN ALTER ROLE {_quote(role)} CONNECTION LIMIT -1; END IF",
                "reset the connection limit",
            )
        )
    op.execute(
        _guarded(
            "EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database())",
            "grant TEMPORARY on this database to PUBLIC",
        )
    )
