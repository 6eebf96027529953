"""Integration fixtures: a demo database shared by the tests that only read it, and a
local SMTP server."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest

from data import demo
from data.store import Store


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """Return a DuckDB store with 30,000 demo responses; tests must not write to it."""
    store = Store(f"duckdb:///{tmp_path_factory.mktemp('demo') / 'demo.duckdb'}")
    store.upgrade()
    demo.load(store, responses=30_000)
    yield store
    store.dispose()


# An address the local SMTP server refuses (550), to test a failed recipient.
REFUSED_ADDRESS = "gone@example.org"


@pytest.fixture
def smtp(monkeypatch):
    """Run a local SMTP server that refuses REFUSED_ADDRESS, point CXDASH_SMTP_* at it and
    yield the (recipients, parsed message) pairs it receives."""
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
            if address == REFUSED_ADDRESS:
                return "550 no such mailbox"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            received.append((envelope.rcpt_tos,
                             message_from_bytes(envelope.content, policy=policy.default)))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in {"HOST": "127.0.0.1", "PORT": str(port),
                        "FROM": "cxdash@example.org"}.items():
        monkeypatch.setenv(f"CXDASH_SMTP_{name}", value)
    yield received
    controller.stop()
