"""Audit rounds from questions and invitations to one undoable audit batch, on DuckDB and
PostgreSQL, and the refusals the server makes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from data import accounts, audit_rounds, ingest, schema, scorecards
from data.audit_rounds.progress import next_open
from data.queries import Filters
from tests.conftest import PASSWORD, add_role_users

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def audit_store(store):
    """The test catalog, one user per role (the owner in KS), and a KS viewer "anna"."""
    assert ingest.import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store, owner_department="KS")
    accounts.add_user(store, "anna", "viewer", PASSWORD, "KS", actor="tests")
    return store


def user(store, name):
    return accounts.get_user(store, name)


def questions(store) -> tuple[int, int]:
    """A question on the whole journey "vertrag" and one on its touchpoint "tarifseite"."""
    analyst = user(store, "analyst")
    on_journey = audit_rounds.add_question(
        store, analyst, text_de="Wie leicht war es?", text_en="How easy was it?",
        journey_key="vertrag")
    on_touchpoint = audit_rounds.add_question(
        store, analyst, text_de="Sind die Preise klar?", text_en="Are the prices clear?",
        touchpoint_key="tarifseite")
    return on_journey, on_touchpoint


def new_round(store, **extra) -> int:
    return audit_rounds.create_round(
        store, user(store, "analyst"), name="Q4 Vertrag", date_from="2026-10-01",
        date_to="2026-12-31", perspective="employee", journey_key="vertrag", **extra)


def test_a_round_from_invitation_to_an_undoable_batch(audit_store):
    store = audit_store
    q_journey, q_tp = questions(store)
    round_id = new_round(store, departments=["KS"])

    # Invited by department: every user of KS, and nobody else.
    invited = audit_rounds.invitations(store, round_id)
    assert sorted(invited["user_name"]) == ["anna", "owner"]
    assert set(invited["via_department"]) == {"KS"}
    assert list(audit_rounds.round_touchpoints(store, round_id)["touchpoint_key"]) == [
        "tarifseite", "bestellung"]

    owner, anna = user(store, "owner"), user(store, "anna")
    save = audit_rounds.save_answer
    save(store, owner, round_id, "tarifseite", q_journey, score="7,5")  # a German half point
    save(store, owner, round_id, "tarifseite", q_tp, score=8, comment="Preise gut sichtbar")
    # Resumable: coming back, the first touchpoint is done and the next one is open.
    steps = audit_rounds.walk(store, round_id, "owner")
    assert [s.done for s in steps] == [True, False]
    assert next_open(steps) == 1
    assert steps[0].answers[q_journey]["score"] == 7.5
    save(store, owner, round_id, "bestellung", q_journey, score=6)
    save(store, anna, round_id, "tarifseite", q_journey, score=9)
    save(store, anna, round_id, "tarifseite", q_tp, score=6.5)
    save(store, anna, round_id, "bestellung", q_journey, comment="noch nicht getestet")

    p = audit_rounds.progress(store, round_id)
    assert p.touchpoints == 2
    assert p.answers == 5
    by_user = p.auditors.set_index("user_name")
    assert by_user.loc["owner", "done"] == 2 and by_user.loc["owner", "answers"] == 3
    assert by_user.loc["anna", "done"] == 1 and by_user.loc["anna", "answers"] == 2
    by_tp = p.per_touchpoint.set_index("touchpoint_key")
    assert by_tp.loc["tarifseite", "answers"] == 4 and by_tp.loc["bestellung", "answers"] == 1
    assert by_tp.loc["tarifseite", "auditors_done"] == 2
    assert by_tp.loc["bestellung", "auditors_done"] == 1

    batch_id = audit_rounds.close_round(store, user(store, "analyst"), round_id)
    batches = schema.import_batches
    with store.connect() as conn:
        batch = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).first()
        facts = conn.execute(sa.select(schema.audit_scores).where(
            schema.audit_scores.c.batch_id == batch_id)).all()
    assert (batch.kind, batch.preset, batch.rows_imported, batch.created_by) == (
        "audit", "audit-round", 5, "analyst")
    # One row per score given (the comment without a score is no fact).
    assert sorted(f.score for f in facts) == [6.0, 6.5, 7.5, 8.0, 9.0]
    assert {f.perspective for f in facts} == {"employee"}
    assert {f.question for f in facts} == {"Wie leicht war es?", "Sind die Preise klar?"}
    assert all(dt.date(2026, 10, 1) <= f.date <= dt.date(2026, 12, 31) for f in facts)
    assert "Preise gut sichtbar" in {f.comment for f in facts}
    assert audit_rounds.get_round(store, round_id)["state"] == "closed"

    # The scores reach the views as imported audits do: mean per touchpoint.
    card = scorecards.touchpoint_scorecard(store, Filters.of()).set_index("key")
    assert card.loc["tarifseite", "value"] == pytest.approx((7.5 + 8 + 9 + 6.5) / 4)
    assert card.loc["tarifseite", "n"] == 4
    assert card.loc["bestellung", "value"] == pytest.approx(6.0)
    assert card.loc["tarifseite", "employee_n"] == 4

    # A closed round takes no more answers, nor auditors.
    with pytest.raises(audit_rounds.RoundError, match="closed"):
        audit_rounds.invite(store, user(store, "analyst"), round_id, users=["viewer"])
    with pytest.raises(audit_rounds.RoundForbidden):
        save(store, anna, round_id, "bestellung", q_journey, score=5)

    # Undo like any import: the facts are gone and the round is open again (reopened).
    assert ingest.undo(store, batch_id, actor="analyst") == 5
    card = scorecards.touchpoint_scorecard(store, Filters.of()).set_index("key")
    assert card.loc["tarifseite", "n"] == 0
    assert audit_rounds.get_round(store, round_id)["state"] == "reopened"
    save(store, anna, round_id, "bestellung", q_journey, score=5)
    second = audit_rounds.close_round(store, user(store, "analyst"), round_id)
    assert second != batch_id
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.audit_scores)
                            ).scalar() == 6

    trail = set(accounts.audit_trail(store)["action"])
    assert {"question.create", "round.create", "round.invite", "round.close", "import",
            "undo"} <= trail


def test_only_invited_users_answer_and_only_analysts_manage(audit_store):
    store = audit_store
    q_journey, _ = questions(store)
    round_id = new_round(store, users=["viewer"])
    # Invited later, by name or department: only the new ones count as added.
    assert audit_rounds.invite(store, user(store, "analyst"), round_id,
                               users=["viewer", "analyst"]) == ["analyst"]
    # An uninvited user (an admin, even) may not post an answer.
    for outsider in ("owner", "admin"):
        with pytest.raises(audit_rounds.RoundForbidden, match="not invited"):
            audit_rounds.save_answer(store, user(store, outsider), round_id, "tarifseite",
                                     q_journey, score=7)
    # A viewer who is invited may answer, but not close the round or manage it.
    audit_rounds.save_answer(store, user(store, "viewer"), round_id, "tarifseite", q_journey,
                             score=7)
    viewer = user(store, "viewer")
    with pytest.raises(audit_rounds.RoundForbidden, match="analyst"):
        audit_rounds.close_round(store, viewer, round_id)
    with pytest.raises(audit_rounds.RoundForbidden):
        audit_rounds.add_question(store, user(store, "owner"), text_de="x",
                                  journey_key="vertrag")
    with pytest.raises(audit_rounds.RoundForbidden):
        audit_rounds.update_question(store, viewer, q_journey, active=False)
    with pytest.raises(audit_rounds.RoundForbidden):
        audit_rounds.invite(store, viewer, round_id, users=["owner"])
    with pytest.raises(audit_rounds.RoundForbidden):
        audit_rounds.create_round(store, viewer, name="x", date_from="2026-01-01",
                                  date_to="2026-01-31", journey_key="vertrag")
    assert audit_rounds.get_round(store, round_id)["state"] == "open"
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.audit_scores)
                            ).scalar() == 0


def test_a_retired_question_is_no_longer_asked(audit_store):
    store = audit_store
    q_journey, q_tp = questions(store)
    round_id = new_round(store, users=["viewer"])
    analyst, viewer = user(store, "analyst"), user(store, "viewer")
    audit_rounds.save_answer(store, viewer, round_id, "tarifseite", q_journey, score=7)
    assert [s.done for s in audit_rounds.walk(store, round_id, "viewer")] == [False, False]
    audit_rounds.update_question(store, analyst, q_tp, active=False)
    assert [s.done for s in audit_rounds.walk(store, round_id, "viewer")] == [True, False]
    with pytest.raises(audit_rounds.RoundError, match="not asked"):
        audit_rounds.save_answer(store, viewer, round_id, "tarifseite", q_tp, score=7)
    assert "question.change" in set(accounts.audit_trail(store)["action"])


def test_scores_and_rounds_are_checked(audit_store):
    store = audit_store
    q_journey, _ = questions(store)
    round_id = new_round(store, users=["viewer"])
    viewer = user(store, "viewer")
    for bad in ("0,5", 10.5, 7.25, "sieben"):
        with pytest.raises(audit_rounds.RoundError, match="score"):
            audit_rounds.save_answer(store, viewer, round_id, "tarifseite", q_journey,
                                     score=bad)
    with pytest.raises(audit_rounds.RoundError, match="not part"):
        audit_rounds.save_answer(store, viewer, round_id, "hotline", q_journey, score=7)
    # A touchpoint nobody asks a question on cannot be audited.
    with pytest.raises(audit_rounds.RoundError, match="no question"):
        audit_rounds.create_round(store, user(store, "analyst"), name="Störung",
                                  date_from="2026-01-01", date_to="2026-01-31",
                                  touchpoints=["hotline"])
    with pytest.raises(audit_rounds.RoundError, match="ends before"):
        audit_rounds.create_round(store, user(store, "analyst"), name="x",
                                  date_from="2026-02-01", date_to="2026-01-31",
                                  journey_key="vertrag")
    # Nothing answered: nothing to close.
    empty = new_round(store, users=["owner"])
    with pytest.raises(audit_rounds.RoundError, match="no scores"):
        audit_rounds.close_round(store, user(store, "analyst"), empty)
    assert audit_rounds.get_round(store, empty)["state"] == "open"
