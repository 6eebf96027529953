"""Sign-in, the request gate, role checks and security headers for the Flask server.

Every request except the sign-in page, ``/healthz``, the language switch and static files
needs a user: a session cookie from ``/login``, an API token (``Authorization: Bearer``),
or, when configured, a trusted single-sign-on header. What a user may change is checked
here on the server, by the role of that user (see ``data.accounts``):

- ``/_dash-update-component`` requests whose outputs belong to a guarded page (the data
  page for analysts, the admin page for admins) are refused before any callback runs;
- the write callbacks and routes call :func:`require` themselves as well.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict, deque
from datetime import timedelta
from urllib.parse import quote, urlsplit

import flask
from flask.sessions import SecureCookieSessionInterface
from markupsafe import escape
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.config import LANGUAGES, Config
from dashboard.i18n import negotiate, t
from data import accounts
from data.accounts import User
from data.store import Store

log = logging.getLogger(__name__)

LANG_COOKIE = "cxdash_lang"
# Paths anyone may fetch: the sign-in page, the health check, the language switch, files.
OPEN_PREFIXES = ("/login", "/healthz", "/lang/", "/assets/", "/_dash-component-suites/",
                 "/_favicon.ico", "/favicon.ico")
# Login attempts: failures allowed per user name and per client address in the window.
LOGIN_WINDOW_S = 15 * 60
LOGIN_FAILURES_PER_NAME = 5
LOGIN_FAILURES_PER_ADDRESS = 20


class Forbidden(PermissionError):
    """The signed-in user's role does not allow this; the message says which role does."""


def language(config: Config) -> str:
    """Return the language of the current request: cookie, then config, then browser."""
    chosen = flask.request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    if config.language:
        return config.language
    return negotiate(flask.request.headers.get("Accept-Language"))


def guarded_outputs() -> dict[str, str]:
    """Dash callbacks whose outputs start with these ids need this role (checked before
    they run); the page registry says which (read late: the registry imports the pages,
    and some of them import this module)."""
    from dashboard import pages

    return pages.guarded_outputs()


def current_user() -> User | None:
    """The user of the current request (None outside a request or when signed out)."""
    if not flask.has_request_context():
        return None
    return flask.g.get("cxdash_user")


def actor() -> str:
    """The name recorded for the current request's changes."""
    user = current_user()
    return user.name if user else "?"


def require(role: str) -> User:
    """Return the current user if their role allows ``role``; raise Forbidden otherwise."""
    user = current_user()
    if user is None or not user.can(role):
        raise Forbidden(f"This needs the role {role} or higher; you are signed in as "
                        f"{user.name if user else 'nobody'} ({user.role if user else '-'}).")
    return user


class _SessionInterface(SecureCookieSessionInterface):
    """Session cookies marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or (
            flask.has_request_context() and flask.request.is_secure)


class LoginLimiter:
    """Count failed sign-ins per user name and per address in a sliding window."""

    def __init__(self, window_s: float = LOGIN_WINDOW_S):
        self.window_s = window_s
        self.failures: dict[str, deque] = defaultdict(deque)
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> int:
        queue = self.failures[key]
        while queue and queue[0] < now - self.window_s:
            queue.popleft()
        return len(queue)

    def retry_after(self, name: str, address: str) -> int:
        """Seconds until another attempt is allowed (0: allowed now)."""
        now = time.monotonic()
        with self.lock:
            waits = []
            for key, limit in ((f"n:{name.lower()}", LOGIN_FAILURES_PER_NAME),
                               (f"a:{address}", LOGIN_FAILURES_PER_ADDRESS)):
                if self._recent(key, now) >= limit:
                    waits.append(self.failures[key][0] + self.window_s - now)
            return int(max(waits)) + 1 if waits else 0

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self.lock:
            self.failures[f"n:{name.lower()}"].append(now)
            self.failures[f"a:{address}"].append(now)

    def succeeded(self, name: str) -> None:
        with self.lock:
            self.failures.pop(f"n:{name.lower()}", None)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never another host, never a scheme."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def login_page(lang: str, next_path: str = "/", message: str | None = None,
               name: str = "", status: int = 200) -> flask.Response:
    """The sign-in form as plain HTML (no Dash needed before signing in)."""
    e = escape
    alert = (f'<div class="alert alert-danger" role="alert" id="login-error">{e(message)}</div>'
             if message else "")
    other = "en" if lang == "de" else "de"
    html = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(t("login.title", lang))} · cxdash</title>
<link rel="stylesheet" href="/assets/_vendor/bootstrap/bootstrap.min.css">
<link rel="stylesheet" href="/assets/style/app.css">
</head>
<body class="login-body">
<main class="login-card card shadow-sm">
  <div class="card-body p-4">
    <p class="h4 mb-1"><span class="brand-cx">cx</span>dash</p>
    <h1 class="h5 mb-3 text-secondary">{e(t("login.title", lang))}</h1>
    {alert}
    <form method="post" action="/login" autocomplete="on">
      <input type="hidden" name="next" value="{e(next_path)}">
      <div class="mb-3">
        <label class="form-label" for="username">{e(t("login.username", lang))}</label>
        <input class="form-control" id="username" name="username" value="{e(name)}"
               autocomplete="username" required autofocus>
      </div>
      <div class="mb-3">
        <label class="form-label" for="password">{e(t("login.password", lang))}</label>
        <input class="form-control" id="password" name="password" type="password"
               autocomplete="current-password" required>
      </div>
      <button class="btn btn-primary w-100" id="login-submit" type="submit">
        {e(t("login.submit", lang))}</button>
    </form>
    <p class="small text-secondary mt-3 mb-0">{e(t("login.help", lang))}</p>
    <p class="small mt-2 mb-0"><a href="/lang/{other}">{"Deutsch" if other == "de" else "English"}</a></p>
  </div>
</main>
</body>
</html>"""
    response = flask.make_response(html, status)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response


def _wants_json(path: str) -> bool:
    return path.startswith(("/_dash-", "/api/"))


def _guarded_role(body: dict | None) -> str | None:
    """The role a Dash callback request needs, from the ids of its outputs."""
    if not isinstance(body, dict):
        return None
    outputs = body.get("outputs") or []
    if isinstance(outputs, dict):
        outputs = [outputs]
    names = []
    for output in outputs:
        for item in (output if isinstance(output, list) else [output]):
            ident = item.get("id", "") if isinstance(item, dict) else ""
            names.append(str(ident.get("type", "")) if isinstance(ident, dict) else str(ident))
    names.append(str(body.get("output", "")).lstrip("."))
    needed = None
    for name in names:
        for prefix, role in guarded_outputs().items():
            if name.startswith(prefix) and (needed is None
                                            or accounts.RANK[role] > accounts.RANK[needed]):
                needed = role
    return needed


def init(server: flask.Flask, app, store: Store, config: Config) -> None:
    """Install sessions, the request gate, the sign-in routes and the response headers."""
    if config.trust_proxy:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1, x_host=1)
    server.session_interface = _SessionInterface()
    server.config.update(
        SECRET_KEY=config.secret_key or accounts.secret_key(store),
        SESSION_COOKIE_NAME="cxdash_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=config.session_hours),
    )
    limiter = LoginLimiter()
    server.extensions["cxdash_login_limiter"] = limiter
    csp_cache: dict[str, str] = {}

    def resolve_user() -> User | None:
        if config.trusted_user_header:
            name = flask.request.headers.get(config.trusted_user_header, "").strip()
            if name:
                user = accounts.signed_in_user(store, name)
                if user is None:
                    try:  # first visit through the single-sign-on proxy: a viewer
                        user = accounts.add_user(store, name, "viewer", None, actor="sso")
                    except accounts.AccountError:
                        return None
                return user
        if flask.request.headers.get("Authorization", "").startswith("Bearer "):
            found = accounts.token_user(store, flask.request.headers["Authorization"])
            if found:
                flask.g.cxdash_token = found[0]
                return found[1]
            return None
        name = flask.session.get("user")
        if not name:
            return None
        user = accounts.signed_in_user(store, name)
        if user is None or user.generation != flask.session.get("gen"):
            flask.session.clear()
            return None
        return user

    @server.before_request
    def gate():
        path = flask.request.path
        if flask.request.method == "POST" and not _same_origin():
            return _refuse(path, 403, "Cross-site request refused.")
        if path.startswith(OPEN_PREFIXES):
            return None
        user = resolve_user()
        flask.g.cxdash_user = user
        if user is None:
            if _wants_json(path):
                return _refuse(path, 401, "Sign in first, or send an API token (create one with "
                               "`cxdash tokens create --user NAME`) as "
                               "`Authorization: Bearer TOKEN`.")
            return flask.redirect("/login?next=" + quote(flask.request.full_path.rstrip("?")))
        if path == "/_dash-update-component":
            role = _guarded_role(flask.request.get_json(silent=True))
            if role and not user.can(role):
                return _refuse(path, 403, f"This needs the role {role}; you are {user.role}.")
        return None

    def _same_origin() -> bool:
        origin = flask.request.headers.get("Origin")
        if not origin or origin == "null" and flask.request.path == "/login":
            return True
        return urlsplit(origin).netloc == flask.request.host

    def _refuse(path: str, status: int, message: str):
        if _wants_json(path):
            return flask.jsonify({"error": message}), status
        return flask.Response(message, status, mimetype="text/plain")

    @server.route("/login", methods=["GET", "POST"])
    def login():
        lang = language(config)
        next_path = _safe_next(flask.request.values.get("next"))
        if flask.request.method == "GET":
            return login_page(lang, next_path)
        name = (flask.request.form.get("username") or "").strip()[:200]
        password = flask.request.form.get("password") or ""
        address = flask.request.remote_addr or "?"
        wait = limiter.retry_after(name, address)
        if wait:
            response = login_page(lang, next_path, t("login.too_many", lang,
                                                     minutes=max(1, round(wait / 60))),
                                  name, status=429)
            response.headers["Retry-After"] = str(wait)
            return response
        user = accounts.authenticate(store, name, password)
        if user is None:
            limiter.failed(name, address)
            accounts.record(store, name or "?", "login.failed", address)
            return login_page(lang, next_path, t("login.failed", lang), name, status=401)
        limiter.succeeded(name)
        flask.session.clear()
        flask.session.permanent = True
        flask.session["user"] = user.name
        flask.session["gen"] = user.generation
        accounts.record(store, user.name, "login", address)
        if next_path == "/" and user.role == "owner" and user.department_key:
            # A department owner's home is their department's touchpoints.
            next_path = "/mine?department=" + quote(user.department_key)
        return flask.redirect(next_path)

    @server.route("/logout", methods=["GET", "POST"])
    def logout():
        flask.session.clear()
        return flask.redirect("/login")

    @server.after_request
    def headers(response: flask.Response):
        if "csp" not in csp_cache:
            hashes = " ".join(app.csp_hashes())
            csp_cache["csp"] = (
                "default-src 'self'; "
                f"script-src 'self' {hashes}; "
                # Plotly and the React components set inline styles.
                "style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
                "object-src 'none'; base-uri 'self'; form-action 'self'; "
                "frame-ancestors 'none'"
            )
        h = response.headers
        h.setdefault("Content-Security-Policy", csp_cache["csp"])
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if flask.request.is_secure:
            h.setdefault("Strict-Transport-Security", "max-age=31536000")
        if not flask.request.path.startswith(("/assets/", "/_dash-component-suites/")):
            h.setdefault("Cache-Control", "no-store")
        return response

    @server.errorhandler(Exception)
    def unexpected(exc):
        # Never a stack trace or SQL in a response; the log has the details.
        if isinstance(exc, HTTPException):
            return exc
        log.exception("unexpected error on %s", flask.request.path)
        message = "The server could not answer this request; the server log has the details."
        if _wants_json(flask.request.path):
            return flask.jsonify({"error": message}), 500
        return flask.Response(message, 500, mimetype="text/plain")
