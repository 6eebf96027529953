"""Workshops on DuckDB and PostgreSQL: joining by code, ratings (1-10, one per user and
touchpoint), the room's spread and low-agreement flag against hand-computed values, the
customers' score beside it, ending as one undoable audit batch, and the role checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data import accounts, ingest, schema, scorecards, workshops
from data.queries import Filters
from tests.conftest import PASSWORD, add_role_users
from views import workshop as view

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.fixture
def room(store):
    """The test catalog, one user per role, a viewer "anna", and customers' audits of the
    touchpoint "tarifseite" in November: 5, 6 and 7."""
    assert ingest.import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store)
    accounts.add_user(store, "anna", "viewer", PASSWORD, actor="tests")
    facts = pd.DataFrame({"touchpoint_key": ["tarifseite"] * 3,
                          "date": [dt.date(2026, 11, 10)] * 3,
                          "perspective": ["customer"] * 3, "question": [None] * 3,
                          "score": [5.0, 6.0, 7.0], "comment": [None] * 3})
    ingest.commit(store, "audit", {"audit": facts}, created_by="tests")
    return store


def user(store, name):
    return accounts.get_user(store, name)


def test_a_workshop_from_code_to_an_undoable_batch(room):
    store = room
    ident = workshops.start_workshop(store, user(store, "analyst"), "vertrag", NOVEMBER)
    started = workshops.get_workshop(store, ident)
    code = started["code"]
    assert len(code) == 6 and set(code) <= set(workshops.CODE_ALPHABET)
    assert not set(code) & set("0O1IL")
    assert started["state"] == "open"

    # Joined by the code as typed on a phone (lower case, spaces).
    viewer, anna = user(store, "viewer"), user(store, "anna")
    assert workshops.join(store, viewer, f" {code[:3].lower()} {code[3:]} ")["id"] == ident
    with pytest.raises(LookupError):
        workshops.join(store, viewer, "XXXXXX" if code != "XXXXXX" else "YYYYYY")

    workshops.rate(store, viewer, ident, "tarifseite", 4)
    workshops.rate(store, viewer, ident, "tarifseite", "3")  # changed: still one rating
    workshops.rate(store, viewer, ident, "bestellung", 7, comment="Formular zu lang")
    workshops.rate(store, anna, ident, "tarifseite", 9)
    workshops.rate(store, anna, ident, "bestellung", 8)
    assert len(workshops.ratings_of(store, ident)) == 4

    # Before the reveal the room's numbers exist only as counts on the screen.
    m = view.model(store, ident)
    assert not m.revealed and m.participants == 2 and m.ratings == 4
    workshops.reveal(store, user(store, "admin"), ident)
    m = view.model(store, ident)
    assert m.revealed
    rows = m.rows.set_index("key")
    assert list(m.rows["key"]) == ["tarifseite", "bestellung"]  # the journey's steps
    # tarifseite 3 and 9: mean 6, sd √((9 + 9) / 1) = 4.243 -> low agreement.
    assert rows.loc["tarifseite", "mean"] == pytest.approx(6.0)
    assert rows.loc["tarifseite", "sd"] == pytest.approx(18 ** 0.5)
    assert (rows.loc["tarifseite", "min"], rows.loc["tarifseite", "max"]) == (3, 9)
    assert bool(rows.loc["tarifseite", "low_agreement"])
    # bestellung 7 and 8: mean 7.5, sd √0.5 = 0.707 -> agreement.
    assert rows.loc["bestellung", "sd"] == pytest.approx(0.5 ** 0.5)
    assert not bool(rows.loc["bestellung", "low_agreement"])
    # Customers 5, 6, 7: mean 6, 95 % t-interval 6 ± t(0.975, 2) · 1 / √3 = 6 ± 2.484.
    assert rows.loc["tarifseite", "customer_value"] == pytest.approx(6.0)
    assert rows.loc["tarifseite", "customer_margin"] == pytest.approx(4.302653 / 3 ** 0.5,
                                                                      rel=1e-5)
    assert rows.loc["tarifseite", "customer_n"] == 3
    assert rows.loc["tarifseite", "gap"] == pytest.approx(0.0)
    assert rows.loc["bestellung", "customer_n"] == 0
    assert pd.isna(rows.loc["bestellung", "gap"])

    workshops.save_note(store, user(store, "analyst"), ident, "tarifseite",
                        "Preise erst nach dem Scrollen")
    assert view.model(store, ident).rows.set_index("key").loc[
        "tarifseite", "note"] == "Preise erst nach dem Scrollen"

    batch_id = workshops.end_workshop(store, user(store, "analyst"), ident)
    with store.connect() as conn:
        batch = conn.execute(sa.select(schema.import_batches).where(
            schema.import_batches.c.id == batch_id)).first()
        facts = conn.execute(sa.select(schema.audit_scores).where(
            schema.audit_scores.c.batch_id == batch_id)).all()
    assert (batch.kind, batch.preset, batch.rows_imported) == ("audit", "workshop", 4)
    assert sorted(f.score for f in facts) == [3.0, 7.0, 8.0, 9.0]
    assert {f.perspective for f in facts} == {"employee"}
    assert {f.question for f in facts} == {f"Workshop {code}"}
    assert {f.date for f in facts} == {pd.Timestamp(started["created_at"]).date()}
    assert "Formular zu lang" in {f.comment for f in facts}
    assert workshops.get_workshop(store, ident)["state"] == "closed"
    assert workshops.get_workshop(store, ident)["batch_id"] == batch_id
    # The employees' view reaches the scorecards as imported audits do.
    card = scorecards.touchpoint_scorecard(store, Filters.of()).set_index("key")
    assert card.loc["tarifseite", "employee_n"] == 2

    # Ended: no more ratings, joining says so.
    with pytest.raises(workshops.RoundForbidden, match="ended"):
        workshops.rate(store, anna, ident, "bestellung", 2)
    with pytest.raises(workshops.RoundForbidden, match="ended"):
        workshops.join(store, anna, code)

    # Undo like any import: the facts go, the workshop is reopened and can end again.
    assert ingest.undo(store, batch_id, actor="analyst") == 4
    assert workshops.get_workshop(store, ident)["state"] == "reopened"
    assert view.model(store, ident).revealed
    workshops.rate(store, anna, ident, "bestellung", 2)
    second = workshops.end_workshop(store, user(store, "analyst"), ident)
    assert second != batch_id
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.audit_scores).where(
            schema.audit_scores.c.perspective == "employee")).scalar() == 4

    trail = set(accounts.audit_trail(store)["action"])
    assert {"workshop.start", "workshop.rate", "workshop.reveal", "workshop.note",
            "workshop.end", "import", "undo"} <= trail


def test_ratings_are_whole_points_on_the_journeys_touchpoints(room):
    store = room
    ident = workshops.start_workshop(store, user(store, "analyst"), "vertrag", NOVEMBER)
    viewer = user(store, "viewer")
    for bad in (0, 11, 7.5, "sieben", None, ""):
        with pytest.raises(workshops.RoundError, match="score"):
            workshops.rate(store, viewer, ident, "tarifseite", bad)
    for good in (1, "10", "6,0"):
        workshops.rate(store, viewer, ident, "tarifseite", good)
    with pytest.raises(workshops.RoundError, match="not a touchpoint"):
        workshops.rate(store, viewer, ident, "hotline", 5)  # another journey's
    with pytest.raises(workshops.RoundForbidden):
        workshops.rate(store, None, ident, "tarifseite", 5)
    with pytest.raises(LookupError):
        workshops.rate(store, viewer, ident + 99, "tarifseite", 5)
    assert list(workshops.ratings_of(store, ident)["score"]) == [6.0]
    # Nothing rated yet elsewhere: nothing to write, and the workshop stays open.
    empty = workshops.start_workshop(store, user(store, "analyst"), "stoerung", NOVEMBER)
    assert list(workshops.touchpoints_of(store, "stoerung")["key"]) == [
        "statusseite", "hotline"]  # phase Recherche before Nutzung, whatever the step number
    with pytest.raises(workshops.RoundError, match="no ratings"):
        workshops.end_workshop(store, user(store, "analyst"), empty)
    assert workshops.get_workshop(store, empty)["state"] == "open"
    with pytest.raises(workshops.RoundError, match="journey"):
        workshops.start_workshop(store, user(store, "analyst"), "nirgendwo")


def test_only_analysts_and_admins_facilitate(room):
    store = room
    ident = workshops.start_workshop(store, user(store, "admin"), "vertrag", NOVEMBER)
    workshops.rate(store, user(store, "viewer"), ident, "tarifseite", 5)
    for name in ("viewer", "owner"):
        someone = user(store, name)
        with pytest.raises(workshops.RoundForbidden, match="analyst"):
            workshops.start_workshop(store, someone, "vertrag")
        with pytest.raises(workshops.RoundForbidden, match="analyst"):
            workshops.reveal(store, someone, ident)
        with pytest.raises(workshops.RoundForbidden, match="analyst"):
            workshops.end_workshop(store, someone, ident)
        with pytest.raises(workshops.RoundForbidden, match="analyst"):
            workshops.save_note(store, someone, ident, "tarifseite", "x")
    assert workshops.get_workshop(store, ident)["state"] == "open"
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.audit_scores).where(
            schema.audit_scores.c.perspective == "employee")).scalar() == 0


def test_codes_are_unique_per_workshop(room, monkeypatch):
    store = room
    codes = iter(["AAAAAA", "AAAAAA", "CCCCCC"])
    monkeypatch.setattr(workshops, "new_code", lambda: next(codes))
    first = workshops.start_workshop(store, user(store, "analyst"), "vertrag")
    second = workshops.start_workshop(store, user(store, "analyst"), "stoerung")
    assert workshops.get_workshop(store, first)["code"] == "AAAAAA"
    assert workshops.get_workshop(store, second)["code"] == "CCCCCC"
    assert workshops.find_by_code(store, "cccccc")["id"] == second


def test_spread_by_hand():
    scores = pd.DataFrame({"touchpoint_key": ["a", "a", "a", "b", "c", "c"],
                           "score": [2.0, 6.0, 10.0, 7.0, 5.0, 8.0]})
    out = view.spread(scores).set_index("touchpoint_key")
    assert out.loc["a", "sd"] == pytest.approx(4.0)  # √((16 + 0 + 16) / 2)
    assert bool(out.loc["a", "low_agreement"])
    assert pd.isna(out.loc["b", "sd"]) and not bool(out.loc["b", "low_agreement"])
    assert out.loc["c", "sd"] == pytest.approx(2.1213, rel=1e-4)  # √(4.5): just above 2
    assert bool(out.loc["c", "low_agreement"])
