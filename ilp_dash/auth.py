"""Planner login: who may see the planner screens and send uploads.

Passwords never live in the repository. The IT officer sets a werkzeug hash
(made with ``ilp-dash hash-password``) in ``ILP_PLANNER_PASSWORD_HASH`` (user
``perencana``) and/or lists ``name:hash`` lines in ``ILP_USERS_FILE``.

Login is on when ``ILP_AUTH=on``, off when ``ILP_AUTH=off``, and with the
default ``auto`` on as soon as a credential is configured or ``serve --prod``
runs. When on, a ``before_request`` gate on the Flask server:

- sends a GET of a planner screen without login to ``/masuk?next=...``;
- answers 403 to every Dash callback that is not one of the public screens'
  (``/layar``, ``/`` unless ``ILP_BRIEFING_LOGIN=1``, the header, Dash's page
  router) for a visitor who is not logged in;
- and each planner page's ``layout`` renders a small "login required" panel
  instead of the page, so in-app navigation reveals nothing either.

Sessions are signed cookies (HttpOnly, SameSite=Lax, Secure when
``ILP_COOKIE_SECURE=1``) that end ``ILP_SESSION_HOURS`` after login, however
busy the planner was. Failed logins are throttled per worker process.
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
import threading
import time
from collections import deque
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

from ilp_dash.config import settings
from ilp_dash.ui.i18n import valid_lang

PUBLIC_PAGES = ("/", "/layar")
PLANNER_PAGES = ("/cakupan", "/stunting", "/rujukan", "/ambulans", "/unggah")
BRIEFING_PATHS = ("/", "/laporan", "/ekspor/peta.png")
DEFAULT_USER = "perencana"
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60  # seconds
PUBLIC_MODULES = frozenset({"ilp_dash.pages.layar", "pages.layar", "ilp_dash.ui.shell"})
BRIEFING_MODULES = frozenset({"ilp_dash.pages.ringkasan", "pages.ringkasan"})
ROUTER_OUTPUT = "_pages_content.children"
_HASH = re.compile(r"^(scrypt|pbkdf2)(:[A-Za-z0-9:]*)?\$[^$\s]+\$[0-9a-f]{32,}$")
_NOT_HASH = (
    "{what} bukan hash kata sandi (kata sandi biasa tidak diterima). Buat hash dengan "
    "`ilp-dash hash-password`. / {what} is not a password hash (plain passwords are refused). "
    "Make one with `ilp-dash hash-password`."
)

log = logging.getLogger(__name__)


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
        raise AuthConfigError(f"ILP_USERS_FILE {path}: tidak bisa dibaca / cannot be read "
                              f"({exc.strerror})") from None
    users: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise AuthConfigError(f"ILP_USERS_FILE {path}: baris {n} bukan 'nama:hash' / "
                                  f"line {n} is not 'name:hash'")
        if not is_hash(value):
            raise AuthConfigError(_NOT_HASH.format(what=f"ILP_USERS_FILE {path}: baris / line {n} ({name})"))
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
    return _credentials_for(str(s.users_file) if s.users_file else None, stamp, s.planner_password_hash)


def _usable_credentials() -> dict[str, str]:
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
            log.warning("ILP_USERS_FILE %s dapat dibaca semua pengguna; jalankan chmod 600 / "
                        "is readable by every user of the machine; run chmod 600", s.users_file)
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
                f"ILP_STATE_DIR writable") from None
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise AuthConfigError(f"{path}: kunci rahasia terlalu pendek, hapus berkasnya / "
                              "secret key too short, delete the file")
    if path.stat().st_mode & 0o077:
        log.warning("%s dapat dibaca pengguna lain; jalankan chmod 600 / "
                    "is readable by other users; run chmod 600", path)
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
def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def current_user() -> str | None:
    """The logged-in planner's name (None when not logged in, expired, removed, or login is off)."""
    from flask import session

    if not enabled():
        return None
    name = session.get("user")
    if not name:
        return None
    known = _usable_credentials().get(name)
    age = time.time() - float(session.get("login_at", 0))
    fresh = 0 <= age <= settings().session_hours * 3600
    if known is None or session.get("pw") != _fingerprint(known) or not fresh:
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


def _csrf_ok(sent: str | None) -> bool:
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


# ---------------------------------------------------------------- throttling (per worker process)
_failures: dict[str, deque] = {}
_failures_lock = threading.Lock()


def _throttled(keys: list[str], now: float) -> bool:
    with _failures_lock:
        for key in keys:
            q = _failures.get(key)
            while q and q[0] < now - FAILURE_WINDOW:
                q.popleft()
            if q is not None and not q:
                del _failures[key]
            elif q and len(q) >= MAX_FAILURES:
                return True
    return False


def _record_failure(keys: list[str], now: float) -> None:
    with _failures_lock:
        if len(_failures) > 10000:  # keep memory bounded under a spray of names
            for key in [k for k, q in _failures.items() if not q or q[-1] < now - FAILURE_WINDOW]:
                del _failures[key]
        for key in keys:
            _failures.setdefault(key, deque()).append(now)


@functools.lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(secrets.token_hex(16), method=method)


def _verify(name: str, password: str) -> bool:
    """Check a password in about the same time whether or not the user exists (same hash method)."""
    from werkzeug.security import check_password_hash

    users = _usable_credentials()
    known = users.get(name)
    if known is None:
        method = next(iter(users.values())).split("$", 1)[0]
        check_password_hash(_dummy_hash(method), password)
        return False
    return check_password_hash(known, password)


# ---------------------------------------------------------------- routes
def _login_view():
    from flask import redirect, request, session

    from ilp_dash.ui.login_view import login_page, plain_message

    form = request.form if request.method == "POST" else request.args
    lang = valid_lang(form.get("lang") or request.args.get("lang"))
    target = safe_next(form.get("next"))
    if not enabled():
        return redirect(target)
    users = _usable_credentials()
    if not users:
        return plain_message(lang, "not_configured", 503)
    if request.method == "GET":
        if current_user():
            return redirect(target)
        return login_page(lang, csrf_token(), target)
    if not _csrf_ok(form.get("csrf_token")):
        return plain_message(lang, "csrf", 400)
    name = (form.get("username") or "").strip()[:64]
    keys = [f"user:{name.lower()}", f"ip:{request.remote_addr}"]
    now = time.time()
    if _throttled(keys, now):
        return login_page(lang, csrf_token(), target, error="throttled", username=name, status=429)
    if not _verify(name, form.get("password") or ""):
        _record_failure(keys, now)
        return login_page(lang, csrf_token(), target, error="wrong", username=name, status=401)
    with _failures_lock:
        _failures.pop(keys[0], None)
    session.clear()  # a fresh session: nothing from before the login carries over
    session.permanent = True
    session.update(user=name, login_at=now, pw=_fingerprint(users[name]), csrf=secrets.token_urlsafe(32))
    return redirect(target)


def _logout_view():
    from flask import redirect, request, session

    from ilp_dash.ui.login_view import plain_message

    if not _csrf_ok(request.form.get("csrf_token")):
        return plain_message(valid_lang(request.form.get("lang")), "csrf", 400)
    session.clear()
    return redirect("/")


def _needs_login(path: str) -> bool:
    path = path.rstrip("/") or "/"
    return path in PLANNER_PAGES or (settings().briefing_login and path in BRIEFING_PATHS)


class _CallbackGate:
    """Which Dash callbacks answer without login; built once from the app's callback map."""

    def __init__(self, app) -> None:
        self.app = app
        self.size = -1
        self.public: frozenset[str] = frozenset()
        self.briefing: frozenset[str] = frozenset()

    def _build(self) -> None:
        import dash

        public_modules, briefing_modules = set(PUBLIC_MODULES), set(BRIEFING_MODULES)
        for module, page in dash.page_registry.items():
            if page.get("path") == "/layar":
                public_modules.add(module)
            elif page.get("path") == "/":
                briefing_modules.add(module)
        public, briefing = set(), set()
        for key, entry in list(self.app.callback_map.items()):
            func = entry.get("callback")
            module = getattr(getattr(func, "__wrapped__", func), "__module__", None)
            if ROUTER_OUTPUT in key or module in public_modules:
                public.add(key)
            elif module in briefing_modules:
                briefing.add(key)
        self.public, self.briefing = frozenset(public), frozenset(briefing)
        self.size = len(self.app.callback_map)

    def allows(self, key: str) -> bool:
        if self.size != len(self.app.callback_map):
            self._build()
        return key in self.public or (key in self.briefing and not settings().briefing_login)


def _forbidden():
    from flask import jsonify

    resp = jsonify(message="Masuk diperlukan untuk fungsi ini. / Login is required for this.",
                   login=login_url("/"))
    resp.status_code = 403
    return resp


def _gate(app, gate: _CallbackGate):
    from flask import redirect, request

    if not enabled():
        return None
    if not app.server.secret_key:
        app.server.secret_key = secret_key()
    path, method = request.path, request.method
    if method == "POST" and path == "/_dash-update-component":
        body = request.get_json(silent=True)
        key = body.get("output") if isinstance(body, dict) else None
        if isinstance(key, str) and gate.allows(key):
            return None
        return None if current_user() else _forbidden()
    if method in ("GET", "HEAD"):
        if _needs_login(path) and not current_user():
            full = request.full_path.rstrip("?")
            return redirect(login_url(full))
        return None
    if method == "OPTIONS" or path in ("/masuk", "/keluar"):
        return None
    return None if current_user() else _forbidden()  # any other write needs a planner


def _gated_layout(layout, path: str):
    """Wrap a page's layout so that, without login, it renders the login panel instead."""
    if getattr(layout, "_ilp_gated", False) or not callable(layout):
        return layout

    @functools.wraps(layout)
    def gated(**query):
        from flask import has_request_context

        from ilp_dash.ui.login_view import blocked_panel

        if has_request_context() and enabled() and _needs_login(path) and current_user() is None:
            params = {k: v for k, v in query.items() if isinstance(v, str)}
            target = path + ("?" + urlencode(params) if params else "")
            return blocked_panel(valid_lang(query.get("lang")), login_url(target),
                                 configured=bool(_usable_credentials()))
        return layout(**query)

    gated._ilp_gated = True
    return gated


def _wrap_pages() -> None:
    import dash

    for page in dash.page_registry.values():
        if page.get("path") in PLANNER_PAGES or page.get("path") == "/":
            page["layout"] = _gated_layout(page.get("layout"), page["path"])


def init_app(app) -> None:
    """Install ``/masuk``, ``POST /keluar`` and the request gate on a Dash app (call after all routes)."""
    check_config()
    server = app.server
    server.config.update(
        SESSION_COOKIE_NAME="ilp_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("ILP_COOKIE_SECURE", "0").strip() == "1",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings().session_hours),
    )
    if enabled():
        server.secret_key = secret_key()
    server.add_url_rule("/masuk", "ilp_login", _login_view, methods=["GET", "POST"])
    server.add_url_rule("/keluar", "ilp_logout", _logout_view, methods=["POST"])
    gate = _CallbackGate(app)
    server.before_request(lambda: _gate(app, gate))
    _wrap_pages()
