"""Persona pictures uploaded in the catalog editor: only PNG, JPEG, GIF and WebP (told by
their first bytes, never by a name or a claimed type: no SVG, which can carry scripts),
at most MAX_BYTES, stored in the database under their SHA-256 and served by the app."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from data import accounts, schema
from data.accounts import User
from data.catalog import changes
from data.catalog.edit import require_editor
from data.catalog.rules import CatalogError
from data.store import Store

MAX_BYTES = 2 * 1024 * 1024
PATH = "/catalog/pictures/"
TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
pp = schema.persona_pictures


def kind(content: bytes) -> str | None:
    """The picture's type from its first bytes (None: not one of TYPES)."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    return None


def save(store: Store, user: User | None, content: bytes) -> str:
    """Store a picture (analysts and admins); return the address a persona's image takes."""
    actor = require_editor(user)
    ext = kind(content)
    if ext is None or len(content) > MAX_BYTES:
        raise CatalogError.of("catalog.bad_picture", "image", mb=MAX_BYTES // (1024 * 1024))
    name = f"{hashlib.sha256(content).hexdigest()}.{ext}"
    with store.begin() as conn:
        if conn.execute(sa.select(pp.c.name).where(pp.c.name == name)).first() is None:
            conn.execute(pp.insert().values(name=name, content_type=TYPES[ext], content=content,
                                            created_by=actor, created_at=changes.now()))
            accounts.audit(conn, actor, "catalog", f"picture/{name}",
                           {"what": "picture", "bytes": len(content)})
    return PATH + name


def load(store: Store, name: str) -> tuple[bytes, str] | None:
    """The picture's bytes and type, or None for a name that is not a stored picture."""
    with store.connect() as conn:
        row = conn.execute(sa.select(pp.c.content, pp.c.content_type)
                           .where(pp.c.name == name)).first()
    return (bytes(row.content), row.content_type) if row else None
