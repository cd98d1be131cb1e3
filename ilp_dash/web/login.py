"""The login and logout routes (``/masuk``, ``POST /keluar``) and failed-login throttling.

Credentials and the session are read in :mod:`ilp_dash.access`; the pages
people see are built by :mod:`ilp_dash.ui.login`. Failed logins are throttled
per worker process.
"""

from __future__ import annotations

import functools
import secrets
import threading
import time
from collections import deque

from ilp_dash import access
from ilp_dash.access import (
    csrf_ok,
    csrf_token,
    current_user,
    enabled,
    safe_next,
    usable_credentials,
)
from ilp_dash.i18n import valid_lang
from ilp_dash.ui.login import login_page, plain_message

MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60  # seconds

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

    users = usable_credentials()
    known = users.get(name)
    if known is None:
        method = next(iter(users.values())).split("$", 1)[0]
        check_password_hash(_dummy_hash(method), password)
        return False
    return check_password_hash(known, password)


# ---------------------------------------------------------------- routes
def _login_view():
    from flask import redirect, request, session

    form = request.form if request.method == "POST" else request.args
    lang = valid_lang(form.get("lang") or request.args.get("lang"))
    target = safe_next(form.get("next"))
    if not enabled():
        return redirect(target)
    users = usable_credentials()
    if not users:
        return plain_message(lang, "not_configured", 503)
    if request.method == "GET":
        if current_user():
            return redirect(target)
        return login_page(lang, csrf_token(), target)
    if not csrf_ok(form.get("csrf_token")):
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
    session.update(
        user=name, login_at=now, pw=access.fingerprint(users[name]), csrf=secrets.token_urlsafe(32)
    )
    return redirect(target)


def _logout_view():
    from flask import redirect, request, session

    if not csrf_ok(request.form.get("csrf_token")):
        return plain_message(valid_lang(request.form.get("lang")), "csrf", 400)
    session.clear()
    return redirect("/")


def register(server) -> None:
    """Install ``/masuk`` and ``POST /keluar`` on the Flask server."""
    server.add_url_rule("/masuk", "ilp_login", _login_view, methods=["GET", "POST"])
    server.add_url_rule("/keluar", "ilp_logout", _logout_view, methods=["POST"])
