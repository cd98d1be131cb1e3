"""Who is asking (ilp_dash.access): when login is on, credentials and users file, secret key.

Every password and hash here is made up by the test itself. The users-file test
logs in through the app, with the web tests' app, client and login helpers.
"""

from __future__ import annotations

import re
import stat

import pytest
from werkzeug.security import generate_password_hash

from ilp_dash import access
from ilp_dash.web import gate

from .conftest import ROOT
from .web import conftest as web
from .web.conftest import FAST, PASSWORD, _env, _login

app, login_env, client = web.app, web.login_env, web.client  # the web tests' fixtures


@pytest.mark.parametrize(
    "values, expected",
    [
        ({}, False),
        ({"ILP_PROD": "1"}, True),
        ({"ILP_AUTH": "on"}, True),
        ({"ILP_AUTH": "off", "ILP_PROD": "1"}, False),
        ({"ILP_USERS_FILE": "/nonexistent"}, True),
    ],
)
def test_enabled_modes(monkeypatch, values, expected):
    _env(monkeypatch, **values)
    assert access.enabled() is expected


def test_users_file(client, monkeypatch, tmp_path):
    users = tmp_path / "users"
    users.write_text(
        "# planners\n\nana:" + generate_password_hash("ana-" + PASSWORD, method=FAST) + "\n"
    )
    users.chmod(0o600)
    _env(monkeypatch, ILP_USERS_FILE=str(users))
    access.check_config()
    assert _login(client, user="ana", password="ana-" + PASSWORD).status_code == 302
    assert client.get("/rujukan").status_code == 200
    users.write_text("# ana removed\n")
    assert client.get("/rujukan").status_code == 302


# ---------------------------------------------------------------- configuration
@pytest.mark.parametrize(
    "env",
    [
        {"ILP_PLANNER_PASSWORD_HASH": "rahasia123"},
        {"ILP_PLANNER_PASSWORD_HASH": "pbkdf2:sha256$nohash"},
    ],
)
def test_plain_password_refused_at_start(monkeypatch, env):
    from dash import Dash

    _env(monkeypatch, **env)
    with pytest.raises(access.AuthConfigError, match="hash-password") as err:
        gate.init_app(Dash(__name__))
    assert "rahasia123" not in str(err.value)
    assert "bukan hash" in str(err.value) and "not a password hash" in str(err.value)


def test_plain_password_in_users_file_refused(monkeypatch, tmp_path):
    users = tmp_path / "users"
    users.write_text("ana:rahasia123\n")
    _env(monkeypatch, ILP_USERS_FILE=str(users))
    with pytest.raises(access.AuthConfigError, match="baris / line 1"):
        access.check_config()


def test_world_readable_users_file_warns(monkeypatch, tmp_path, caplog):
    users = tmp_path / "users"
    users.write_text("ana:" + generate_password_hash(PASSWORD, method=FAST) + "\n")
    users.chmod(0o644)
    _env(monkeypatch, ILP_USERS_FILE=str(users))
    access.check_config()
    assert "chmod 600" in caplog.text


def test_secret_key_file_private_and_reused(monkeypatch, tmp_path):
    _env(monkeypatch, ILP_STATE_DIR=str(tmp_path / "state"))
    first = access.secret_key()
    path = tmp_path / "state" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32 and access.secret_key() == first
    assert list(path.parent.iterdir()) == [path]  # no temporary files left behind
    _env(monkeypatch, ILP_STATE_DIR=str(tmp_path / "other"))
    assert access.secret_key() != first
    _env(monkeypatch, ILP_SECRET_KEY="k" * 40, ILP_STATE_DIR=str(tmp_path / "third"))
    assert access.secret_key() == "k" * 40 and not (tmp_path / "third").exists()


def test_secret_key_race_gives_one_key(monkeypatch, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    _env(monkeypatch, ILP_STATE_DIR=str(tmp_path / "state"))
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: access.secret_key(), range(16)))
    assert len(keys) == 1 and keys == {(tmp_path / "state" / "secret_key").read_text()}


TEXT_SUFFIXES = (
    ".py",
    ".md",
    ".toml",
    ".cfg",
    ".ini",
    ".env",
    ".txt",
    ".yml",
    ".yaml",
    ".json",
    ".sh",
    ".service",
    ".conf",
    "",
)


def test_no_real_password_hash_in_repository():
    root = ROOT
    hashes = re.compile(r"(scrypt|pbkdf2):[A-Za-z0-9:]*\$[^$\s]+\$[0-9a-f]{32,}")
    found = []
    for p in root.rglob("*"):
        if any(
            part in (".git", ".venv", "node_modules", "data") for part in p.relative_to(root).parts
        ):
            continue
        if (
            p.is_file()
            and p.suffix in TEXT_SUFFIXES
            and p.stat().st_size < 2_000_000
            and hashes.search(p.read_text(errors="ignore"))
        ):
            found.append(str(p.relative_to(root)))
    assert found == []
