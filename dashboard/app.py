"""The app factory: one fresh Dash app per call, wired to one database."""

from __future__ import annotations

import atexit
import gc
import logging
import re
import sys
import threading
from pathlib import Path

import dash
import flask
from flask_caching import Cache

from callbacks import shell
from dashboard import (
    alert_mail,
    api,
    auth,
    downloads,
    pages,
    pdf,
    subscription_mail,
    unsubscribe,
    validation,
)
from dashboard.auth import LANG_COOKIE, language
from dashboard.config import LANGUAGES, Config
from data import accounts, queries
from data.cache import MemoryCache
from data.catalog import pictures
from data.store import Store
from layouts import shell as shell_layout
from views import periods

PICTURE_NAME = re.compile(r"[0-9a-f]{64}\.(png|jpg|gif|webp)")

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"


def _cache(server: flask.Flask, config: Config):
    """Return the query cache: bounded in memory (default), Redis, or None when disabled."""
    url = config.cache_url.strip()
    if url in ("none", "null"):
        return None
    if url.startswith(("redis://", "rediss://", "unix://")):
        return Cache(server, config={"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url,
                                     "CACHE_DEFAULT_TIMEOUT": 24 * 3600})
    if url not in ("", "memory"):
        if url != "filesystem":
            raise ValueError(f"CXDASH_CACHE_URL is memory, redis://…, or none, not {url!r}.")
        # The former default: its folder cache collapsed under load (see data.cache).
        log.warning("CXDASH_CACHE_URL=filesystem is no longer offered; using the memory "
                    "cache instead")
    return MemoryCache(config.cache_entries, config.cache_mb * 1024 * 1024)


def filter_options(store: Store) -> dict[str, list[dict]]:
    """Return the filter dropdown options from the catalog."""
    catalog = queries.catalog(store)
    return {
        name: [{"label": row["name"], "value": row["key"]}
               for row in catalog[name][["key", "name"]].to_dict("records")]
        for name in ("journeys", "personas", "phases", "channels", "departments")
    }


def settle_for_serving() -> None:
    """Call once the serving process has built its app: the objects that exist now (Dash,
    Plotly's validators, the app: about 230 k) live as long as the process, so the
    garbage collector stops walking them. Otherwise each full collection, every few
    dozen requests, took ≈ 90 ms inside a request and showed up as the p95."""
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)  # let the interpreter's last collection free them


def warm_up(app: dash.Dash) -> threading.Thread:
    """Compute the overview at its defaults in the background, once the serving process
    has built its app: the queries behind it land in the cache (and DuckDB reads its
    files), so the first person to sign in after a start or restart does not wait for
    them (the overview's first answer took 1.5 s at 10 M responses, its later ones 0.1 s).
    A failure is logged and changes nothing: the first request computes as before."""
    from callbacks import overview as overview_cb
    from callbacks.filters import with_params

    store, config = (app.server.extensions["cxdash"][k] for k in ("store", "config"))
    search = with_params("", **pages.find("/").defaults)  # as the browser opens it

    def run():
        try:
            overview_cb.update(store, search, config.language or "en")  # texts only
        except Exception:  # noqa: BLE001 - only a head start; requests compute it anyway
            logging.getLogger(__name__).warning("warm-up failed", exc_info=True)

    thread = threading.Thread(target=run, name="cxdash-warm-up", daemon=True)
    thread.start()
    return thread


def create_app(config: Config | None = None) -> dash.Dash:
    """Build the Dash app for a config (default: from the environment)."""
    config = config or Config.from_env()
    server = flask.Flask(__name__)
    server.config.update(MAX_CONTENT_LENGTH=config.upload_limit_mb * 1024 * 1024)
    store = Store(config.database_url, cache=_cache(server, config))
    store.upgrade()
    alert_mail.install(store, config, background=True)
    first_password = accounts.ensure_admin(store, config.admin_password or None)
    if first_password and not config.admin_password:
        print("cxdash: created the first account on this empty database.\n"
              f"  user: admin   password: {first_password}\n"
              "  (shown once; change it with `cxdash users passwd admin`)",
              file=sys.stderr, flush=True)
    server.extensions["cxdash"] = {"store": store, "config": config}

    app = dash.Dash(
        __name__,
        server=server,
        assets_folder=str(ASSETS),
        title="cxdash",
        update_title=None,
        on_error=validation.on_error(config),  # a failing callback says so and is logged
        serve_locally=True,
        compress=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )

    def serve_layout():
        lang = language(config)
        return shell_layout.shell(lang, filter_options(store), not queries.has_data(store),
                                  auth.current_user(), pdf.available(), pages.navbar_entries(),
                                  periods.data_age(store), shell.shell_state(store))

    # Every page's ids, so Dash checks each callback against them (a wrong id fails at
    # start, see check_callback_ids) instead of suppressing callback exceptions.
    app.validation_layout = validation.validation_layout(store, filter_options(store))
    app.layout = serve_layout

    # One data version per request: cached queries agree with each other and cost one read.
    server.before_request(store.begin_request)
    auth.init(server, app, store, config)

    @server.route("/lang/<code>")
    def set_language(code: str):
        target = flask.request.referrer or "/"
        if not target.startswith(flask.request.host_url):
            target = "/"
        response = flask.redirect(target)
        if code in LANGUAGES:
            response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax",
                                httponly=True)
        return response

    @server.route("/catalog/pictures/<name>")
    def persona_picture(name: str):
        """A persona picture uploaded in the catalog editor (signed-in users, as the gate
        says), with its own type: never anything the browser could run."""
        found = pictures.load(store, name) if PICTURE_NAME.fullmatch(name) else None
        if found is None:
            flask.abort(404)
        response = flask.Response(found[0], mimetype=found[1])
        response.headers["Cache-Control"] = "private, max-age=86400"
        response.headers["Content-Disposition"] = "inline"
        return response

    @server.route("/healthz")
    def health():
        return {"status": "ok", "data_version": store.data_version()}

    max_bytes = config.upload_limit_mb * 1024 * 1024
    uploads = api.Uploads(Path(config.upload_dir))
    api.register(server, store, uploads, max_bytes)
    downloads.register(server, store, config)
    unsubscribe.register(server, store, config)
    subscription_mail.register(server, store, config)
    shell.register(app, store)
    for page in pages.PAGES:
        page.register(app, store, (uploads, max_bytes))
    validation.check_callback_ids(app)
    register_scripts(app)
    return app


def register_scripts(app: dash.Dash) -> None:
    """Let Dash serve its scripts before any page was drawn. Dash learns which files it
    may serve (the lazily loaded Plotly bundle and dropdown code among them) only while
    it writes a page's script tags, so a worker that had drawn no page yet answered 500
    to a browser whose page another worker, or this one before a restart, had drawn."""
    with app.server.test_request_context("/"):
        app._generate_css_dist_html()
        app._generate_scripts_html()
