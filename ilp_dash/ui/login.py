"""What people see of the login: the standalone login page, the in-app "login required" panel, the header corner.

HTML and Dash components only; the checks themselves are in :mod:`ilp_dash.access`
and :mod:`ilp_dash.web.gate`.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from ilp_dash.access import DEFAULT_USER, Viewer
from ilp_dash.i18n import tr, valid_lang

_MESSAGES = {
    "wrong": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "throttled": (
        "Terlalu banyak percobaan gagal. Coba lagi 15 menit lagi.",
        "Too many failed attempts. Try again in 15 minutes.",
    ),
    "csrf": (
        "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman masuk dan coba lagi.",
        "The form expired or is not valid. Reload the login page and try again.",
    ),
    "not_configured": (
        "Login belum dikonfigurasi — minta petugas TI mengisi ILP_PLANNER_PASSWORD_HASH.",
        "Login is not configured — ask the IT officer to set ILP_PLANNER_PASSWORD_HASH.",
    ),
}


def _html_page(lang: str, body: str, status: int = 200):
    """A standalone page (not cached, not to be framed by another site)."""
    from flask import Response

    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>ILP Dash — {tr(lang, 'Masuk', 'Log in')}</title>"
        '<link rel="stylesheet" href="/assets/login.css"></head><body class="ilp-login">'
        f'<main class="login-box"><div class="login-brand">ILP Dash</div>{body}</main></body></html>'
    )
    resp = Response(page, status=status, mimetype="text/html")
    resp.headers.update({"Cache-Control": "no-store", "X-Frame-Options": "DENY"})
    return resp


def plain_message(lang: str, kind: str, status: int):
    """A standalone page with one message (and the way back to the login form)."""
    text = _MESSAGES[kind][1 if lang == "en" else 0]
    if kind == "not_configured":
        link = f'<a href="/">{tr(lang, "Ringkasan", "Briefing")}</a>'
    else:
        link = f'<a href="/masuk{"?lang=en" if lang == "en" else ""}">{tr(lang, "Kembali", "Back")}</a>'
    return _html_page(
        lang, f'<p class="login-error" role="alert">{escape(text)}</p><p>{link}</p>', status
    )


def login_page(
    lang: str,
    token: str,
    target: str,
    *,
    error: str | None = None,
    username: str = "",
    status: int = 200,
):
    """The login form (user name, password, CSRF token, where to go next)."""
    other = "id" if lang == "en" else "en"
    switch = f"/masuk?lang={other}&amp;next={escape(quote(target, safe='/'))}"
    err = (
        f'<p class="login-error" role="alert">{escape(_MESSAGES[error][1 if lang == "en" else 0])}</p>'
        if error
        else ""
    )
    note = tr(
        lang,
        "Layar perencana dan unggah data memerlukan login.",
        "Planner screens and data uploads need a login.",
    )
    return _html_page(
        lang,
        (
            f'<h1>{tr(lang, "Masuk untuk perencana", "Planner login")}</h1><p class="login-note">{note}</p>'
            f'{err}<form method="post" action="/masuk">'
            f'<input type="hidden" name="csrf_token" value="{escape(token)}">'
            f'<input type="hidden" name="next" value="{escape(target)}">'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<label for="username">{tr(lang, "Nama pengguna", "User name")}</label>'
            '<input id="username" name="username" autocomplete="username" required '
            f'value="{escape(username or DEFAULT_USER)}">'
            f'<label for="password">{tr(lang, "Kata sandi", "Password")}</label>'
            '<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>'
            f'<button type="submit">{tr(lang, "Masuk", "Log in")}</button></form>'
            f'<p class="login-links"><a href="{switch}">{"Bahasa Indonesia" if lang == "en" else "English"}</a> · '
            f'<a href="/">{tr(lang, "Ringkasan", "Briefing")}</a></p>'
        ),
        status,
    )


def blocked_panel(lang: str, url: str, *, configured: bool):
    """What a planner page shows, inside the app, to a visitor who is not logged in."""
    from dash import html

    if not configured:
        return html.Div(
            [
                html.H2("Login belum dikonfigurasi / Login is not configured"),
                html.P(_MESSAGES["not_configured"][1 if lang == "en" else 0]),
            ],
            className="auth-panel",
            id="auth-required",
        )
    return html.Div(
        [
            html.H2("Masuk diperlukan / Login required"),
            html.P(
                tr(
                    lang,
                    "Layar ini untuk perencana Dinas Kesehatan.",
                    "This screen is for health office planners.",
                )
            ),
            html.A(tr(lang, "Masuk", "Log in"), href=url, className="button", id="auth-login-link"),
            " ",
            html.A(
                tr(lang, "Ringkasan", "Briefing"),
                href="/" + ("?lang=en" if lang == "en" else ""),
                className="button secondary",
            ),
        ],
        className="auth-panel",
        id="auth-required",
    )


def nav_status(lang: str, viewer: Viewer):
    """The header's login corner: name + "Keluar" button, a "Masuk" link, or None when login is off."""
    from dash import html

    if not viewer.login_on:
        return None
    lang = valid_lang(lang)
    if viewer.user is None:
        return html.A(
            tr(lang, "Masuk", "Log in"),
            href="/masuk" + ("?lang=en" if lang == "en" else ""),
            className="nav-link auth-login",
            id="auth-status",
        )
    # the button carries the CSRF token (a submit button's name and value are sent with the form)
    return html.Form(
        [
            html.Span(viewer.user, className="auth-user"),
            html.Button(
                tr(lang, "Keluar", "Log out"),
                type="submit",
                name="csrf_token",
                value=viewer.token,
                className="button secondary auth-logout",
            ),
        ],
        method="post",
        action="/keluar",
        className="auth-status",
        id="auth-status",
    )
