"""Configuration from CXDASH_* environment variables, read when the app is built."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from data.store import default_url

LANGUAGES = ("de", "en")


@dataclass
class Config:
    """Settings of one app instance; every field has a CXDASH_<NAME> variable."""

    database_url: str = field(default_factory=default_url)
    secret_key: str = ""
    # "filesystem" (default, under instance/cache), "redis://…", or "none"
    cache_url: str = "filesystem"
    cache_dir: str = "instance/cache"
    upload_limit_mb: int = 100
    upload_dir: str = "instance/uploads"
    # Empty: the browser's preferred language (German or English)
    language: str = ""

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
        if not config.secret_key:
            # Fine for one process; set CXDASH_SECRET_KEY when running several.
            config.secret_key = secrets.token_hex(32)
        return config
