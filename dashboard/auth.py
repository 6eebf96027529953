"""Sign-in, the request gate, role checks and security headers for the Flask server.

Every request except the sign-in page, ``/healthz``, the language switch, static files
and the unsubscribe links of report mails (``/unsubscribe/<signed token>``) needs a user:
a session cookie from ``/login``, an API token (``Authorization: Bearer``),
or, when configured, a trusted single-sign-on header. What a user may change is checked
here on the server, by the role of that user (see ``data.accounts``):

- ``/_dash-update-component`` requests whose outputs belong to a guarded page (the data
  page for analysts, the admin page for admins) are refused before any callback runs;
- the write callbacks and routes call :func:`require` themselves as well.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
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
from layouts import ids

log = logging.getLogger(__name__)

LANG_COOKIE = "cxdash_lang"
# What anyone may fetch, by the route a request matched (not by path prefix: /loginX or
# /lang/../x match Dash's catch-all and would serve the app's index): the sign-in page,
# the health check, the language switch, static files.
OPEN_ENDPOINTS = frozenset({
    "login", "health", "set_language", "_dash_assets.static", "/_favicon.ico",
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
    "unsubscribe"})
# Open routes whose proof is a signed token in the path, not a cookie: their POSTs may
# come from elsewhere (an RFC 8058 one-click unsubscribe is posted by the mail provider).
TOKEN_ENDPOINTS = frozenset({"unsubscribe"})
# Login attempts: failures allowed per (user name, client address) and per address in
# the window; at most LOGIN_COUNTER_KEYS counters in memory when there is no Redis.
LOGIN_WINDOW_S = 15 * 60
LOGIN_FAILURES_PER_NAME = 5
LOGIN_FAILURES_PER_ADDRESS = 20
LOGIN_COUNTER_KEYS = 20_000


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


class MemoryCounter:
    """Counters in fixed windows, in this process, bounded: past max_keys the counters
    touched longest ago go first (memory stays at about max_keys × 200 bytes)."""

    def __init__(self, max_keys: int = LOGIN_COUNTER_KEYS):
        self.max_keys = max_keys
        self.items: OrderedDict[str, tuple[float, int]] = OrderedDict()
        self.lock = threading.Lock()

    def _live(self, key: str, now: float) -> tuple[float, int] | None:
        item = self.items.get(key)
        if item is not None and item[0] <= now:
            del self.items[key]
            return None
        return item

    def incr(self, key: str, window_s: float) -> int:
        now = time.monotonic()
        with self.lock:
            item = self._live(key, now)
            item = (now + window_s, 1) if item is None else (item[0], item[1] + 1)
            self.items[key] = item
            self.items.move_to_end(key)
            while len(self.items) > self.max_keys:
                self.items.popitem(last=False)
            return item[1]

    def get(self, key: str) -> tuple[int, float]:
        """(count, seconds until the window ends) of a counter."""
        now = time.monotonic()
        with self.lock:
            item = self._live(key, now)
        return (0, 0.0) if item is None else (item[1], item[0] - now)

    def reset(self, key: str) -> None:
        with self.lock:
            self.items.pop(key, None)

    def __len__(self) -> int:
        return len(self.items)


class RedisCounter:
    """The same counters in Redis (INCR with an expiry): shared by every process and
    instance, bounded by Redis expiring them. While Redis cannot be reached, counters in
    this process stand in (the sign-in keeps working, limited per process)."""

    def __init__(self, url: str):
        import redis

        self.errors = redis.RedisError
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.fallback = MemoryCounter()

    def _run(self, queue, fallback):
        try:
            pipe = self.client.pipeline()
            queue(pipe)
            return pipe.execute()
        except self.errors:
            log.warning("Redis unreachable for the sign-in limiter; counting in this process")
            return fallback()

    def incr(self, key: str, window_s: float) -> int:
        key = "cxdash:login:" + key
        done = self._run(lambda p: (p.incr(key), p.expire(key, int(window_s), nx=True)),
                         lambda: [self.fallback.incr(key, window_s)])
        return int(done[0])

    def get(self, key: str) -> tuple[int, float]:
        key = "cxdash:login:" + key
        done = self._run(lambda p: (p.get(key), p.ttl(key)), lambda: self.fallback.get(key))
        return int(done[0] or 0), float(max(done[1] or 0, 0))

    def reset(self, key: str) -> None:
        key = "cxdash:login:" + key
        self._run(lambda p: p.delete(key), lambda: self.fallback.reset(key))


class LoginLimiter:
    """Failed sign-ins counted per (name, address) and per address in fixed windows.

    Never per name alone: then anyone could keep a name (``admin``) out by failing five
    times; here a stranger's failures lock only their own address, and the owner with
    the right password from another address still signs in."""

    def __init__(self, counter=None, window_s: float = LOGIN_WINDOW_S):
        self.counter = counter if counter is not None else MemoryCounter()
        self.window_s = window_s

    @staticmethod
    def _keys(name: str, address: str) -> tuple[tuple[str, int], tuple[str, int]]:
        pair = hashlib.sha256(f"{name.lower()}\0{address}".encode()).hexdigest()[:32]
        return ((f"p:{pair}", LOGIN_FAILURES_PER_NAME),
                (f"a:{address[:64]}", LOGIN_FAILURES_PER_ADDRESS))

    def retry_after(self, name: str, address: str) -> int:
        """Seconds until another attempt is allowed (0: allowed now)."""
        waits = []
        for key, limit in self._keys(name, address):
            count, left = self.counter.get(key)
            if count >= limit:
                waits.append(left)
        return int(max(waits)) + 1 if waits else 0

    def failed(self, name: str, address: str) -> None:
        for key, _ in self._keys(name, address):
            self.counter.incr(key, self.window_s)

    def succeeded(self, name: str, address: str) -> None:
        self.counter.reset(self._keys(name, address)[0][0])


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never another host, never a scheme, never a control
    character (a CR/LF would break the Location header)."""
    if (not target or not target.startswith("/") or target.startswith("//") or "\\" in target
            or any(ord(c) < 32 or ord(c) == 127 for c in target)):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def _page(lang: str, title: str, body: str, status: int = 200) -> flask.Response:
    """A small page outside Dash (sign-in, password change) in the app's look."""
    html = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · cxdash</title>
<link rel="stylesheet" href="/assets/_vendor/bootstrap/bootstrap.min.css">
<link rel="stylesheet" href="/assets/style/app.css">
</head>
<body class="login-body">
<main class="login-card card shadow-sm">
  <div class="card-body p-4">
    <p class="h4 mb-1"><span class="brand-cx">cx</span>dash</p>
    <h1 class="h5 mb-3 text-secondary">{escape(title)}</h1>
{body}
  </div>
</main>
</body>
</html>"""
    response = flask.make_response(html, status)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response


def _alert(message: str | None, kind: str = "danger", ident: str = "login-error") -> str:
    if not message:
        return ""
    return f'<div class="alert alert-{kind}" role="alert" id="{ident}">{escape(message)}</div>'


def login_page(lang: str, next_path: str = "/", message: str | None = None,
               name: str = "", status: int = 200) -> flask.Response:
    """The sign-in form as plain HTML (no Dash needed before signing in)."""
    e = escape
    other = "en" if lang == "de" else "de"
    body = f"""    {_alert(message)}
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
    <p class="small mt-2 mb-0"><a href="/lang/{other}">{"Deutsch" if other == "de" else "English"}</a></p>"""
    return _page(lang, t("login.title", lang), body, status)


def password_page(lang: str, message: str | None = None, done: bool = False,
                  status: int = 200) -> flask.Response:
    """The signed-in user's own password change form."""
    e = escape
    fields = "".join(
        f"""      <div class="mb-3">
        <label class="form-label" for="{name}">{e(t(f"password.{name}", lang))}</label>
        <input class="form-control" id="{name}" name="{name}" type="password"
               autocomplete="{auto}" required>
      </div>
""" for name, auto in (("current", "current-password"), ("new", "new-password"),
                       ("confirm", "new-password")))
    form = "" if done else f"""    <form method="post" action="/account/password">
{fields}      <button class="btn btn-primary w-100" id="password-submit" type="submit">
        {e(t("password.submit", lang))}</button>
    </form>"""
    body = (f"    {_alert(message)}{_alert(t('password.done', lang) if done else None, 'success', 'password-done')}\n"
            f"{form}\n    <p class=\"small mt-3 mb-0\"><a href=\"/\">{e(t('password.back', lang))}</a></p>")
    return _page(lang, t("password.title", lang), body, status)


def _wants_json(path: str) -> bool:
    return path.startswith(("/_dash-", "/api/"))


def _dependency_ok(item) -> bool:
    if isinstance(item, list):  # a pattern-matching (ALL) dependency
        return all(_dependency_ok(i) for i in item)
    return (isinstance(item, dict) and isinstance(item.get("property"), str)
            and isinstance(item.get("id"), (str, dict)))


# The JSON types the app's own components send for these properties (None: not set).
_TEXT_PROPS = {"search", "pathname", "hash", "href"}
_TEXT_STORES = {ids.LANG, ids.TOUCHPOINT_KEY}
_SCALAR = (str, int, float)


def _flat(items: list) -> list:
    return [leaf for item in items for leaf in (_flat(item) if isinstance(item, list)
                                                 else [item])]


def _value_ok(ident, prop, value) -> bool:
    if value is None:
        return True
    if prop in _TEXT_PROPS or (prop == "data" and ident in _TEXT_STORES):
        return isinstance(value, str)
    if prop == "value":
        return isinstance(value, _SCALAR) or (isinstance(value, list) and all(
            isinstance(v, _SCALAR) for v in value))
    if prop.startswith("n_clicks"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return True


def callback_problem(body, callback_map: dict) -> str | None:
    """Why a Dash callback request is malformed (None when it is well-formed): Dash
    itself answers 500 to a body that is not the shape its renderer sends."""
    if not isinstance(body, dict):
        return "A callback request is a JSON object."
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "This callback does not exist."
    spec = callback_map[output]
    outputs = body.get("outputs")
    if not _dependency_ok(outputs if isinstance(outputs, list) else [outputs]):
        return "The callback request's outputs are malformed."
    for part in ("inputs", "state"):
        items = body.get(part, [])
        if (not isinstance(items, list) or len(items) != len(spec.get(part, []))
                or not all(_dependency_ok(i) for i in items)):
            return f"The callback request's {part} are malformed."
    for item in _flat([*body.get("inputs", []), *body.get("state", [])]):
        if not _value_ok(item.get("id"), item.get("property"), item.get("value")):
            return f"The callback request's value of {str(item.get('property'))[:40]} is malformed."
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "The callback request's changedPropIds are malformed."
    return None


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
    shared = config.cache_url.strip().startswith(("redis://", "rediss://", "unix://"))
    limiter = LoginLimiter(RedisCounter(config.cache_url.strip()) if shared else None)
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
        sid = flask.session.get("sid")
        if not sid:
            return None
        # Asked of the database on every request: sign-out, a password change, a
        # deletion or a demotion by any process holds from the next request on.
        user = accounts.session_user(store, sid)
        if user is None:
            flask.session.clear()
        return user

    @server.before_request
    def gate():
        path = flask.request.path
        rule = flask.request.url_rule
        token_route = rule is not None and rule.endpoint in TOKEN_ENDPOINTS
        if flask.request.method == "POST" and not token_route and not _same_origin():
            return _refuse(path, 403, "Cross-site request refused.")
        if rule is not None and rule.endpoint in OPEN_ENDPOINTS:
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
            body = flask.request.get_json(silent=True)
            role = _guarded_role(body)
            if role and not user.can(role):
                return _refuse(path, 403, f"This needs the role {role}; you are {user.role}.")
            problem = callback_problem(body, app.callback_map)
            if problem:
                return _refuse(path, 400, problem)
        return None

    def _same_origin() -> bool:
        # "null" is what sandboxed frames and data: pages send: never this site.
        origin = flask.request.headers.get("Origin")
        if not origin:
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
        limiter.succeeded(name, address)
        _start_session(user.name)
        accounts.record(store, user.name, "login", address)
        if next_path == "/" and user.role == "owner" and user.department_key:
            # A department owner's home is their department's touchpoints.
            next_path = "/mine?department=" + quote(user.department_key)
        return flask.redirect(next_path)

    def _start_session(name: str) -> None:
        flask.session.clear()
        flask.session.permanent = True
        flask.session["sid"] = accounts.start_session(store, name, config.session_hours)

    @server.route("/logout", methods=["GET", "POST"])
    def logout():
        accounts.end_session(store, flask.session.get("sid"))
        flask.session.clear()
        return flask.redirect("/login")

    @server.route("/account/password", methods=["GET", "POST"])
    def change_password():
        lang = language(config)
        user = current_user()
        if user is None or not flask.session.get("sid"):
            return _refuse(flask.request.path, 403, t("password.session_only", lang))
        if flask.request.method == "GET":
            return password_page(lang)
        form = flask.request.form
        current, new = form.get("current") or "", form.get("new") or ""
        address = flask.request.remote_addr or "?"
        wait = limiter.retry_after(user.name, address)
        if wait:
            return password_page(lang, t("login.too_many", lang,
                                         minutes=max(1, round(wait / 60))), status=429)
        if new != (form.get("confirm") or ""):
            return password_page(lang, t("password.mismatch", lang), status=400)
        try:
            accounts.change_own_password(store, user.name, current, new)
        except accounts.AccountError as exc:
            if accounts.authenticate(store, user.name, current) is None:
                limiter.failed(user.name, address)
                return password_page(lang, t("password.wrong", lang), status=400)
            key = "password.weak" if len(new) < accounts.MIN_PASSWORD else "password.same"
            log.info("password change of %s refused: %s", user.name, exc)
            return password_page(lang, t(key, lang, n=accounts.MIN_PASSWORD), status=400)
        _start_session(user.name)  # every other session of the user has ended
        return password_page(lang, done=True)

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
        h["Server"] = "cxdash"  # not the server's name and version
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
