"""Configuration from CXDASH_* environment variables, read when the app is built."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from data.store import default_url

LANGUAGES = ("de", "en")


@dataclass
class Config:
    """Settings of one app instance; every field has a CXDASH_<NAME> variable."""

    database_url: str = field(default_factory=default_url)
    secret_key: str = ""
    # "memory" (default: bounded, per process), "redis://…", or "none"
    cache_url: str = "memory"
    # Bounds of the memory cache (per process): entries and megabytes of pickled values
    cache_entries: int = 20_000
    cache_mb: int = 256
    upload_limit_mb: int = 100
    upload_dir: str = "instance/uploads"
    # Empty: the browser's preferred language (German or English)
    language: str = ""
    # Behind a single-sign-on proxy: the request header that carries the user name
    # (e.g. X-Forwarded-User). Off when empty. Only set it when the proxy strips the
    # header from client requests, or anyone can claim any name.
    trusted_user_header: str = ""
    # Password of the first admin account on an empty database (else a random one is shown)
    admin_password: str = ""
    # 1 = behind a reverse proxy: trust X-Forwarded-For/-Proto (for HTTPS cookies, rate limit)
    trust_proxy: int = 0
    # How long a sign-in lasts
    session_hours: int = 12
    # Weekly report by e-mail (cxdash report --email)
    smtp_host: str = ""
    smtp_port: int = 0
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = ""
    smtp_to: str = ""
    smtp_starttls: int = 0
    smtp_ssl: int = 0
    # The address people open the app at (https://cx.example.org): links in mails
    # (unsubscribe) are built on it; cxdash report --subscriptions needs it
    public_url: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> Config:
        """Build a config from CXDASH_* variables, then apply keyword overrides."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f"CXDASH_{f.name.upper()}")
            if raw not in (None, ""):
                values[f.name] = int(raw) if f.type in ("int", int) else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        config = cls(**values)
        if config.language and config.language not in LANGUAGES:
            raise ValueError(f"CXDASH_LANGUAGE must be one of {', '.join(LANGUAGES)}")
        # An empty secret key is replaced by one kept in the database, shared by all
        # instances on it (see data.accounts.secret_key).
        return config
