"""The catalog editor's data layer on DuckDB and PostgreSQL: the workbook's rules, renames
that keep facts, merge previews against hand-computed numbers, merge and undo restoring
facts and daily sums, refused deletes with counts, versions, roles and the workbook."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data import accounts, actions, queries, schema, scorecards
from data.catalog import changes, edit, workbook
from data.catalog.merge import MOVABLE
from data.catalog.rules import CatalogError
from data.ingest import import_file, sources
from data.queries import Filters
from tests.conftest import add_role_users
from views import catalog as catalog_view

FIXTURES = Path(__file__).parent.parent / "fixtures" / "canonical"
STEP = {"key": "rueckruf", "name": "Rückruf", "journey_key": "stoerung", "phase_key": "nutzung",
        "channel_key": "telefon", "department_key": "KS", "position": 3, "target": 7,
        "best_in_class": 9}


@pytest.fixture
def cat(store):
    """The test catalog with its audits, NPS answers and web rows, one user per role."""
    assert import_file(store, (FIXTURES / "catalog.xlsx").read_bytes(), "catalog").ok
    for kind in ("audit", "nps", "web"):
        assert import_file(store, (FIXTURES / f"{kind}.csv").read_bytes(), kind).ok
    add_role_users(store, owner_department="IT")
    return store


def who(store, name):
    return accounts.get_user(store, name)


def facts(store) -> dict[str, list]:
    """Every fact and daily-sum row (without the moved_by mark), sorted."""
    out = {}
    with store.connect() as conn:
        for table in MOVABLE:
            cols = [c for c in table.c if c.name != "moved_by"]
            rows = conn.execute(sa.select(*cols)).all()
            out[table.name] = sorted(tuple(map(str, r)) for r in rows)
    return out


def entry(store, entity, key):
    from data.catalog.entries import read_entry

    with store.connect() as conn:
        return read_entry(conn, entity, key)


@pytest.mark.parametrize(("change", "field", "text"), [
    ({"target": 11}, "target", "not between 1 and 10"),
    ({"best_in_class": "0"}, "best_in_class", "not between 1 and 10"),
    ({"position": "2.5"}, "position", "not a whole number"),
    ({"position": ""}, "position", "required"),
    ({"phase_key": "kasse"}, "phase", "not a known phase"),
    ({"name": ""}, "name", "required"),
    ({"pain_point": "vielleicht"}, "pain_point", "yes/no"),
    ({"key": "Hotline"}, "key", "already a key"),
    ({"key": "ein key/2"}, "key", "not a key"),
])
def test_editor_refuses_what_the_workbook_refuses_naming_the_field(cat, change, field, text):
    with pytest.raises(CatalogError) as refused:
        edit.save(cat, who(cat, "analyst"), "touchpoints", {**STEP, **change}, new=True)
    assert refused.value.fields == {field}
    assert text in refused.value.messages("en")[0]
    assert refused.value.messages("en")[0].startswith(f"{field}: ")
    assert entry(cat, "touchpoints", STEP["key"]) is None


def test_other_entities_follow_the_workbook_rules_too(cat):
    analyst = who(cat, "analyst")
    with pytest.raises(CatalogError, match="colour like"):
        edit.save(cat, analyst, "channels", {"key": "fax", "name": "Fax", "color": "red"},
                  new=True)
    with pytest.raises(CatalogError, match="not a known persona"):
        edit.save(cat, analyst, "journeys", {"key": "umzug", "name": "Umzug",
                                             "personas": ["senior", "rentner"]}, new=True)
    with pytest.raises(CatalogError) as refused:
        edit.save(cat, analyst, "phases", {"key": "kauf", "name": "Kauf", "position": "zwei"},
                  new=False)
    assert "position" in refused.value.fields
    edit.save(cat, analyst, "journeys", {"key": "umzug", "name": "Umzug", "goal": "Umziehen",
                                         "personas": ["senior", "Jonas Becker"]}, new=True)
    assert entry(cat, "journeys", "umzug")["personas"] == ["senior", "student"]


def test_rename_keeps_every_fact_and_the_views_show_it_at_once(cat):
    before = facts(cat)
    card = scorecards.touchpoint_scorecard(cat, Filters()).set_index("key")
    version = cat.data_version()
    change = edit.save(cat, who(cat, "analyst"), "touchpoints",
                       {**entry(cat, "touchpoints", "tarifseite"), "name": "Tarifrechner",
                        "target": 8.5}, new=False)
    assert change is not None and cat.data_version() == version + 1
    after = scorecards.touchpoint_scorecard(cat, Filters()).set_index("key")
    assert after.loc["tarifseite", "name"] == "Tarifrechner"
    assert after.loc["tarifseite", "target"] == 8.5
    assert after.loc["tarifseite", "n"] == card.loc["tarifseite", "n"] == 3
    assert queries.catalog(cat)["touchpoints"].set_index("key").loc["tarifseite", "name"] \
        == "Tarifrechner"
    assert facts(cat) == before


def test_merge_preview_counts_and_journey_score_match_hand_computed_values(cat):
    actions.create(cat, who(cat, "analyst"), title="Tarife erklären", touchpoint_key="tarifseite")
    preview = catalog_view.merge_preview(cat, "tarifseite", "bestellung")
    assert preview.refusal is None
    # tarifseite: R1, R2; audits 8, 9, 7; two web rows (…/tarife and …/tarife/?utm…).
    assert preview.moved == {"responses": 2, "audits": 3, "web_rows": 2, "actions": 1,
                             "questions": 0}
    # Vertrag: tarifseite mean 8 (weight 1), bestellung mean 7, a moment of truth (weight 2).
    assert preview.score_before == pytest.approx((8 + 2 * 7) / 3)
    # After: bestellung has 8, 9, 7, 6, 8 = 38 / 5, the journey's only audited step.
    assert preview.score_after == pytest.approx(38 / 5)
    journey = scorecards.journey_scorecard(cat, Filters()).set_index("key")
    assert journey.loc["vertrag", "score"] == pytest.approx(preview.score_before)
    edit.merge(cat, who(cat, "analyst"), "tarifseite", "bestellung")
    journey = scorecards.journey_scorecard(cat, Filters()).set_index("key")
    assert journey.loc["vertrag", "score"] == pytest.approx(preview.score_after)


def test_merge_refusals_say_why(cat):
    for source, into, text in (("tarifseite", "tarifseite", "into itself"),
                               ("tarifseite", "hotline", "journey"),
                               ("tarifseite", "gibtsnicht", "no 'gibtsnicht'")):
        preview = catalog_view.merge_preview(cat, source, into)
        assert text in str(preview.refusal)
        with pytest.raises(CatalogError, match=text):
            edit.merge(cat, who(cat, "analyst"), source, into)


def test_merge_moves_facts_rollups_actions_aliases_and_undo_moves_them_back(cat):
    analyst = who(cat, "analyst")
    action = actions.create(cat, analyst, title="Tarife erklären", touchpoint_key="tarifseite")
    assert sources.save_aliases(cat, {"touchpoint": {"Tarifvergleich": "tarifseite"}}) is None
    before = facts(cat)
    change = edit.merge(cat, analyst, "tarifseite", "bestellung")
    assert entry(cat, "touchpoints", "tarifseite") is None
    audits = queries.audit_aggregates(cat, Filters(), by=("touchpoint",)).set_index("touchpoint")
    assert audits.loc["bestellung", "n"] == 5 and "tarifseite" not in audits.index
    survey = queries.survey_aggregates(cat, Filters(), by=("touchpoint",))
    assert "tarifseite" not in set(survey["touchpoint"])
    assert actions.get(cat, action)["touchpoint_key"] == "bestellung"
    assert sources.aliases(cat)["touchpoint"]["Tarifvergleich"] == "bestellung"
    with cat.connect() as conn:
        for table in MOVABLE:
            left = conn.execute(sa.select(sa.func.count()).select_from(table)
                                .where(table.c.touchpoint_key == "tarifseite")).scalar()
            assert left == 0, table.name
    edit.undo(cat, analyst, change)
    assert facts(cat) == before
    assert entry(cat, "touchpoints", "tarifseite")["name"] == "Tarifseite"
    assert actions.get(cat, action)["touchpoint_key"] == "tarifseite"
    assert sources.aliases(cat)["touchpoint"]["Tarifvergleich"] == "tarifseite"
    audits = queries.audit_aggregates(cat, Filters(), by=("touchpoint",)).set_index("touchpoint")
    assert audits.loc["tarifseite", "n"] == 3 and audits.loc["bestellung", "n"] == 2


def test_merges_are_undone_newest_first_and_restore_a_chain(cat):
    analyst = who(cat, "analyst")
    edit.save(cat, analyst, "touchpoints", {**STEP, "journey_key": "vertrag",
                                            "phase_key": "kauf", "key": "agb"}, new=True)
    before = facts(cat)
    first = edit.merge(cat, analyst, "tarifseite", "agb")  # tarifseite's rows now at agb
    second = edit.merge(cat, analyst, "agb", "bestellung")  # and on to bestellung
    with pytest.raises(CatalogError, match="newest first"):
        edit.undo(cat, analyst, first)
    edit.undo(cat, analyst, second)
    audits = queries.audit_aggregates(cat, Filters(), by=("touchpoint",)).set_index("touchpoint")
    assert audits.loc["agb", "n"] == 3 and audits.loc["bestellung", "n"] == 2
    edit.undo(cat, analyst, first)
    assert facts(cat) == before
    with pytest.raises(CatalogError, match="already undone"):
        edit.undo(cat, analyst, first)


def test_delete_in_use_is_refused_with_the_counts_and_the_way_out(cat):
    analyst = who(cat, "analyst")
    actions.create(cat, analyst, title="Tarife erklären", touchpoint_key="tarifseite")
    with pytest.raises(CatalogError) as refused:
        edit.delete(cat, analyst, "touchpoints", "tarifseite")
    assert refused.value.messages("en") == [
        "tarifseite cannot be deleted: used by 2 survey responses, 3 audit scores, "
        "2 web rows, 1 action.",
        "Merge it into another touchpoint instead: that moves its facts and actions."]
    assert "3 Audit-Bewertungen" in refused.value.messages("de")[0]
    with pytest.raises(CatalogError, match="used by 2 touchpoints") as refused:
        edit.delete(cat, analyst, "phases", "recherche")
    assert "another phase first" in refused.value.messages("en")[1]
    with pytest.raises(CatalogError, match="1 user"):  # the owner is in IT
        edit.delete(cat, analyst, "departments", "IT")
    assert entry(cat, "touchpoints", "tarifseite") is not None
    edit.save(cat, analyst, "touchpoints", STEP, new=True)
    change = edit.delete(cat, analyst, "touchpoints", "rueckruf")
    assert entry(cat, "touchpoints", "rueckruf") is None
    edit.undo(cat, analyst, change)
    assert entry(cat, "touchpoints", "rueckruf")["target"] == 7


@pytest.mark.parametrize("role", ["viewer", "owner"])
def test_only_analysts_and_admins_change_the_catalog(cat, role):
    user = who(cat, role)
    latest = changes.history(cat)["id"].max()
    name_change = {**entry(cat, "touchpoints", "tarifseite"), "name": "X"}
    for attempt in (lambda: edit.save(cat, user, "touchpoints", name_change, new=False),
                    lambda: edit.save(cat, user, "touchpoints", STEP, new=True),
                    lambda: edit.delete(cat, user, "personas", "student"),
                    lambda: edit.merge(cat, user, "tarifseite", "bestellung"),
                    lambda: edit.move(cat, user, "bestellung", -1),
                    lambda: edit.undo(cat, user, int(latest)),
                    lambda: edit.save(cat, None, "touchpoints", STEP, new=True)):
        with pytest.raises(edit.CatalogForbidden, match="analyst"):
            attempt()
    assert changes.history(cat)["id"].max() == latest
    assert entry(cat, "touchpoints", "tarifseite")["name"] == "Tarifseite"
    edit.save(cat, who(cat, "admin"), "touchpoints", name_change, new=False)
    assert entry(cat, "touchpoints", "tarifseite")["name"] == "X"


def test_every_change_is_versioned_audited_and_undone_latest_first(cat):
    analyst = who(cat, "analyst")
    original = entry(cat, "touchpoints", "hotline")
    first = edit.save(cat, analyst, "touchpoints", {**original, "target": 8.5}, new=False)
    second = edit.save(cat, analyst, "touchpoints", {**original, "target": 9,
                                                     "moment_of_truth": False}, new=False)
    assert edit.save(cat, analyst, "touchpoints", {**original, "target": 9,
                                                   "moment_of_truth": False}, new=False) is None
    history = changes.history(cat, "touchpoints").set_index("id")
    assert history.loc[second, "actor"] == "analyst" and history.loc[second, "undoable"]
    assert not history.loc[first, "undoable"]
    with pytest.raises(CatalogError, match="latest change"):
        edit.undo(cat, analyst, first)
    edit.undo(cat, analyst, second)
    assert entry(cat, "touchpoints", "hotline")["target"] == 8.5
    edit.undo(cat, analyst, first)
    assert entry(cat, "touchpoints", "hotline") == original
    with cat.connect() as conn:
        log = conn.execute(sa.select(schema.audit_log.c.target, schema.audit_log.c.detail)
                           .where(schema.audit_log.c.action == "catalog")).all()
    assert len(log) == 5 and all(t in ("touchpoints/hotline", f"change/{first}",
                                       f"change/{second}") for t, _ in log)


def test_steps_move_up_and_down_within_their_journey_and_back(cat):
    analyst = who(cat, "analyst")
    edit.save(cat, analyst, "touchpoints", STEP, new=True)  # stoerung: hotline, statusseite, …

    def order():
        tps = queries.catalog(cat)["touchpoints"]
        return list(tps.loc[tps["journey_key"] == "stoerung", "key"])

    assert order() == ["hotline", "statusseite", "rueckruf"]
    change = edit.move(cat, analyst, "rueckruf", -1)
    assert order() == ["hotline", "rueckruf", "statusseite"]
    assert edit.move(cat, analyst, "hotline", -1) is None  # already first
    shown = changes.history(cat, "touchpoints")  # the touchpoints tab lists it to undo
    assert shown.iloc[0]["id"] == change and shown.iloc[0]["undoable"]
    edit.undo(cat, analyst, change)
    assert order() == ["hotline", "statusseite", "rueckruf"]


def test_the_exported_workbook_imports_back_to_the_same_catalog(cat, tmp_path):
    from data.store import Store

    edit.save(cat, who(cat, "analyst"), "journeys", {
        "key": "umzug", "name": "Umzug", "goal": "Umziehen", "lifecycle_stage": "Service",
        "position": 3, "personas": ["senior"]}, new=True)
    # Text a spreadsheet would run comes back exactly, and still as text, not a formula.
    edit.save(cat, who(cat, "analyst"), "touchpoints", {
        **entry(cat, "touchpoints", "hotline"), "notes": "=HYPERLINK(\"x\")",
        "acceptance_criteria": "- erreichbar in 2 min"}, new=False)
    content = workbook.workbook(cat)
    from openpyxl import load_workbook

    cells = [c for row in load_workbook(io.BytesIO(content))["touchpoints"].iter_rows()
             for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
    assert set(pd.read_excel(io.BytesIO(content), sheet_name=None)) >= set(workbook.ENTITIES)
    fresh = Store(f"duckdb:///{tmp_path / 'fresh.duckdb'}")
    fresh.upgrade()
    assert import_file(fresh, content, "catalog").ok
    mine, theirs = queries.catalog(cat), queries.catalog(fresh)
    for name, table in mine.items():
        key = ["journey_key", "persona_key"] if name == "journey_personas" else ["key"]
        pd.testing.assert_frame_equal(
            table.sort_values(key).reset_index(drop=True),
            theirs[name].sort_values(key).reset_index(drop=True), check_dtype=False)
    fresh.dispose()
    latest = changes.history(cat)["id"].max()
    assert import_file(cat, content, "catalog").ok  # the same catalog again: no change
    assert changes.history(cat)["id"].max() == latest


def test_a_workbook_without_a_touchpoint_that_has_actions_keeps_it_and_says_so(cat):
    from openpyxl import load_workbook

    actions.create(cat, who(cat, "analyst"), title="Rückruf anbieten", touchpoint_key="hotline")
    book = load_workbook(io.BytesIO(workbook.workbook(cat)))
    sheet = book["touchpoints"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "hotline")
    sheet.delete_rows(row)
    sheet.cell(2, 2).value = "Tarife (neu)"
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_file(cat, buffer.getvalue(), "catalog")
    assert result.ok
    assert [n.code for n in result.notes] == ["note.catalog_kept"]
    assert "hotline" in str(result.notes[0]) and "kept" in str(result.notes[0])
    assert entry(cat, "touchpoints", "hotline") is not None
    history = changes.history(cat, "touchpoints")
    assert history.iloc[0]["action"] == "update" and history.iloc[0]["key"] == "tarifseite"
