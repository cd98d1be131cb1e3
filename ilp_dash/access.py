"""Who is asking: planner credentials, the login session, and what each audience may see.

Passwords never live in the repository. The IT officer sets a werkzeug hash
(made with ``ilp-dash hash-password``) in ``ILP_PLANNER_PASSWORD_HASH`` (user
``perencana``) and/or lists ``name:hash`` lines in ``ILP_USERS_FILE``.

Login is on when ``ILP_AUTH=on``, off when ``ILP_AUTH=off``, and with the
default ``auto`` on as soon as a credential is configured or ``serve --prod``
runs. Sessions are signed cookies that end ``ILP_SESSION_HOURS`` after login.

**Access is declared, not inferred from file names.** A screen declares its
audience in ``dash.register_page(..., audience=PUBLIC | BRIEFING)`` and a
callback with the :func:`public` / :func:`briefing` decorators; anything that
declares nothing needs a planner (:mod:`ilp_dash.web.gate` enforces it).

No Dash here: Flask's session only, so every layer above may ask.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ilp_dash.config import settings

PUBLIC = "public"  # anyone, always (the lobby display)
BRIEFING = "briefing"  # anyone, unless ILP_BRIEFING_LOGIN=1 (the Bupati's briefing)
PLANNER = "planner"  # a logged-in planner (everything not declared otherwise)
AUDIENCE_ATTR = "_ilp_audience"
DEFAULT_USER = "perencana"
_HASH = re.compile(r"^(scrypt|pbkdf2)(:[A-Za-z0-9:]*)?\$[^$\s]+\$[0-9a-f]{32,}$")
_NOT_HASH = (
    "{what} bukan hash kata sandi (kata sandi biasa tidak diterima). Buat hash dengan "
    "`ilp-dash hash-password`. / {what} is not a password hash (plain passwords are refused). "
    "Make one with `ilp-dash hash-password`."
)

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- declarations
def _declare(audience: str) -> Callable:
    def mark(fn: Callable) -> Callable:
        setattr(fn, AUDIENCE_ATTR, audience)
        return fn

    return mark


public = _declare(PUBLIC)
public.__doc__ = "Mark a callback function as callable by anyone (put it under ``@callback``)."
briefing = _declare(BRIEFING)
briefing.__doc__ = (
    "Mark a callback as part of the briefing: public unless ``ILP_BRIEFING_LOGIN=1``."
)


def audience_of(fn: Callable | None) -> str:
    """The audience a callback function declared (through Dash's wrapper too); :data:`PLANNER` if none."""
    while fn is not None:
        declared = getattr(fn, AUDIENCE_ATTR, None)
        if declared:
            return declared
        fn = getattr(fn, "__wrapped__", None)
    return PLANNER


def open_to_visitors(audience: str | None) -> bool:
    """True when an audience may be served to a visitor who is not logged in."""
    if audience == PUBLIC:
        return True
    return audience == BRIEFING and not settings().briefing_login


# ---------------------------------------------------------------- configuration
class AuthConfigError(ValueError):
    """The login configuration cannot be used; the message says what to fix, in both languages."""


# ---------------------------------------------------------------- configuration
def is_hash(value: str) -> bool:
    """True for a werkzeug ``generate_password_hash`` value (scrypt or pbkdf2)."""
    return bool(_HASH.match(value.strip()))


def enabled() -> bool:
    """Whether planner screens need a login (``ILP_AUTH``: on / off / auto)."""
    s = settings()
    if s.auth == "off":
        return False
    if s.auth == "auto":
        return bool(s.users_file or s.planner_password_hash or s.prod)
    return True  # "on", and any value not understood: fail closed


def _read_users_file(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AuthConfigError(
            f"ILP_USERS_FILE {path}: tidak bisa dibaca / cannot be read ({exc.strerror})"
        ) from None
    users: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise AuthConfigError(
                f"ILP_USERS_FILE {path}: baris {n} bukan 'nama:hash' / line {n} is not 'name:hash'"
            )
        if not is_hash(value):
            raise AuthConfigError(
                _NOT_HASH.format(what=f"ILP_USERS_FILE {path}: baris / line {n} ({name})")
            )
        users[name] = value
    return users


@functools.lru_cache(maxsize=4)
def _credentials_for(users_file: str | None, stamp: tuple, env_hash: str | None) -> dict[str, str]:
    users = _read_users_file(Path(users_file)) if users_file else {}
    if env_hash:
        if not is_hash(env_hash):
            raise AuthConfigError(_NOT_HASH.format(what="ILP_PLANNER_PASSWORD_HASH"))
        users[DEFAULT_USER] = env_hash.strip()
    return users


def credentials() -> dict[str, str]:
    """User name → password hash, re-read when the users file changes (a removed user is out at once)."""
    s = settings()
    stamp: tuple = ()
    if s.users_file:
        try:
            st = s.users_file.stat()
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            stamp = (-1,)
    return _credentials_for(
        str(s.users_file) if s.users_file else None, stamp, s.planner_password_hash
    )


def usable_credentials() -> dict[str, str]:
    """:func:`credentials`, or none when the configuration broke while running (nobody gets in)."""
    try:
        return credentials()
    except AuthConfigError as exc:
        log.error("%s", exc)
        return {}


def check_config() -> None:
    """Refuse unusable settings at start-up (plain-text password, bad users file, unknown ILP_AUTH)."""
    s = settings()
    if s.auth not in ("auto", "on", "off"):
        raise AuthConfigError(f"ILP_AUTH={s.auth!r}: pakai / use auto, on, off")
    if s.users_file or s.planner_password_hash:
        credentials()
    if s.users_file:
        mode = s.users_file.stat().st_mode
        if mode & (stat.S_IROTH | stat.S_IWOTH):
            log.warning(
                "ILP_USERS_FILE %s dapat dibaca semua pengguna; jalankan chmod 600 / "
                "is readable by every user of the machine; run chmod 600",
                s.users_file,
            )
    if s.session_hours <= 0:
        raise AuthConfigError("ILP_SESSION_HOURS harus lebih dari 0 / must be more than 0")


def secret_key() -> str:
    """ILP_SECRET_KEY, else ``<state_dir>/secret_key``, made once (mode 0600) and shared by all workers."""
    s = settings()
    if s.secret_key:
        return s.secret_key
    path = s.state_dir / "secret_key"
    if not path.exists():
        try:
            _create_secret(path)
        except OSError as exc:
            raise AuthConfigError(
                f"{path}: kunci rahasia tidak bisa dibuat ({exc.strerror}); isi ILP_SECRET_KEY atau buat "
                f"ILP_STATE_DIR bisa ditulis / cannot create the secret key; set ILP_SECRET_KEY or make "
                f"ILP_STATE_DIR writable"
            ) from None
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise AuthConfigError(
            f"{path}: kunci rahasia terlalu pendek, hapus berkasnya / "
            "secret key too short, delete the file"
        )
    if path.stat().st_mode & 0o077:
        log.warning(
            "%s dapat dibaca pengguna lain; jalankan chmod 600 / "
            "is readable by other users; run chmod 600",
            path,
        )
    return key


def _create_secret(path: Path) -> None:
    """Write a complete private key file under a unique name, then link it in.

    ``os.link`` either puts ours in place or finds another worker's complete
    key (and we read that one): nobody ever reads a half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------- session
def fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def current_user() -> str | None:
    """The logged-in planner's name (None when not logged in, expired, removed, or login is off)."""
    from flask import session

    if not enabled():
        return None
    name = session.get("user")
    if not name:
        return None
    known = usable_credentials().get(name)
    age = time.time() - float(session.get("login_at", 0))
    fresh = 0 <= age <= settings().session_hours * 3600
    if known is None or session.get("pw") != fingerprint(known) or not fresh:
        session.clear()
        return None
    return name


def is_planner() -> bool:
    """True when the request comes from a logged-in planner, or login is switched off (False outside a request)."""
    from flask import has_request_context

    if not enabled():
        return True
    return has_request_context() and current_user() is not None


def csrf_token() -> str:
    from flask import session

    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def csrf_ok(sent: str | None) -> bool:
    from flask import session

    expected = session.get("csrf")
    return bool(expected and sent) and hmac.compare_digest(str(expected), str(sent))


def safe_next(target: str | None) -> str:
    """``target`` when it is a path on this site, else ``/`` (no open redirects)."""
    t = (target or "").strip()
    if not t.startswith("/") or t.startswith("//") or "\\" in t or any(ord(c) < 32 for c in t):
        return "/"
    return t


def login_url(next_path: str) -> str:
    return "/masuk?next=" + quote(next_path, safe="/")


@dataclass(frozen=True)
class Viewer:
    """Who looks at a screen: whether login is on, the planner's name and form token, planner rights."""

    login_on: bool = False
    user: str | None = None
    token: str | None = None
    planner: bool = True


def viewer() -> Viewer:
    """The :class:`Viewer` of the current request (login off, or outside a request: a planner, no corner)."""
    from flask import has_request_context

    if not enabled():
        return Viewer()
    if not has_request_context():
        return Viewer(login_on=True, planner=False)
    user = current_user()
    return Viewer(
        login_on=True, user=user, token=csrf_token() if user else None, planner=user is not None
    )
