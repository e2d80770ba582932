"""docker-compose.yml: valid against the compose spec, and the README's URL reaches its db."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from govperf.db.config import normalize_url

ROOT = Path(__file__).resolve().parents[1]


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def compose_schema() -> dict[str, Any]:
    """The compose-spec JSON schema that check-jsonschema vendors (no network needed)."""
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json")
    schema: dict[str, Any] = json.loads(vendored.read_text(encoding="utf-8"))
    return schema


def test_compose_file_is_valid_against_the_compose_spec() -> None:
    schema = compose_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(compose())]
    assert errors == []


def test_db_service_is_postgres_16_with_volume_and_healthcheck() -> None:
    spec = compose()
    db = spec["services"]["db"]
    assert db["image"] == "postgres:16"
    volume = db["volumes"][0].split(":")[0]
    assert volume in spec["volumes"]
    assert "pg_isready -h 127.0.0.1" in " ".join(db["healthcheck"]["test"])


def test_metabase_has_its_own_database_and_waits_for_a_healthy_db() -> None:
    services = compose()["services"]
    metabase = services["metabase"]
    assert metabase["profiles"] == ["bi"]
    assert metabase["depends_on"]["db"] == {"condition": "service_healthy"}
    app_db = services[metabase["environment"]["MB_DB_HOST"]]
    assert app_db is not services["db"]
    assert app_db["profiles"] == ["bi"]


def test_readme_url_reaches_the_db_service() -> None:
    readme = (ROOT / "README.md").read_text()
    [raw] = set(re.findall(r"GOVPERF_DATABASE_URL=(postgresql://\S+)", readme))
    url = normalize_url(raw)
    db = compose()["services"]["db"]
    env = db["environment"]
    published = {int(p.split(":")[0]): int(p.split(":")[1]) for p in db["ports"]}
    assert (url.username, url.password, url.database) == (
        env["POSTGRES_USER"],
        env["POSTGRES_PASSWORD"],
        env["POSTGRES_DB"],
    )
    assert url.host in ("localhost", "127.0.0.1")
    assert published[url.port or 5432] == 5432


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    command = next(b for b in blocks if b.startswith("ruff check"))
    assert f"\n{command} </dev/null\n" in ci
    assert any(b.endswith(f"&& . .venv/bin/activate && {command}") for b in blocks)
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111
