"""Actions in the data layer: role rules on every write, the audit trail, validation,
filters, and the effect of a done action against hand-computed values."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from data import accounts, actions, effects, kpis, schema
from data.ingest import import_file
from data.queries import Filters
from data.store import Store, bump_data_version
from tests.conftest import add_role_users

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def acts(store):
    """A store with the test catalog (hotline: KS; tarifseite, bestellung, statusseite: IT)
    and one user per role (the owner in KS)."""
    assert import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store, owner_department="KS")
    return store


def user(store, name):
    return accounts.get_user(store, name)


def test_owner_writes_own_department_only(acts):
    owner = user(acts, "owner")
    new = actions.create(acts, owner, title="Callback in 2 h", touchpoint_key="hotline",
                         due_date="2026-12-20", owner_department="KS")
    assert actions.get(acts, new)["journey_key"] == "stoerung"
    with pytest.raises(actions.ActionForbidden, match="KS"):
        actions.create(acts, owner, title="Not mine", touchpoint_key="tarifseite")
    with pytest.raises(actions.ActionForbidden, match="journey"):
        actions.create(acts, owner, title="Whole journey", journey_key="stoerung")
    # Nor may an owner move an action of theirs onto another department's touchpoint.
    with pytest.raises(actions.ActionForbidden):
        actions.update(acts, owner, new, touchpoint_key="statusseite")


def test_viewer_reads_only_analyst_and_admin_write_all(acts):
    with pytest.raises(actions.ActionForbidden, match="owner or higher"):
        actions.create(acts, user(acts, "viewer"), title="x", touchpoint_key="hotline")
    with pytest.raises(actions.ActionForbidden):
        actions.create(acts, None, title="x", touchpoint_key="hotline")
    a = actions.create(acts, user(acts, "analyst"), title="A", touchpoint_key="tarifseite")
    b = actions.create(acts, user(acts, "admin"), title="B", journey_key="vertrag")
    with pytest.raises(actions.ActionForbidden):
        actions.update(acts, user(acts, "owner"), a, status="done")
    with pytest.raises(actions.ActionForbidden):
        actions.update(acts, user(acts, "viewer"), b, status="done")
    assert actions.get(acts, a)["status"] == "open"


def test_every_change_goes_to_the_audit_trail(acts):
    owner = user(acts, "owner")
    new = actions.create(acts, owner, title="Callback", touchpoint_key="hotline")
    actions.update(acts, owner, new, status="in_progress")
    actions.update(acts, owner, new, status="done", done_on="2026-11-30")
    actions.update(acts, owner, new, status="done")  # nothing changes: no entry
    trail = accounts.audit_trail(acts)
    mine = trail.loc[trail["target"] == f"action {new}"]
    assert list(mine["action"]) == ["action.change", "action.change", "action.create"]
    assert set(mine["actor"]) == {"owner"}
    last = json.loads(mine.iloc[0]["detail"])
    assert last == {"status": ["in_progress", "done"], "done_on": [None, "2026-11-30"]}
    row = actions.get(acts, new)
    assert row["changed_by"] == "owner" and row["done_on"] == dt.date(2026, 11, 30)


def test_bad_input_names_the_field(acts):
    analyst = user(acts, "analyst")
    cases = [({"title": "", "touchpoint_key": "hotline"}, "title"),
             ({"title": "x", "touchpoint_key": "nope"}, "touchpoint_key"),
             ({"title": "x"}, "touchpoint_key"),
             ({"title": "x", "touchpoint_key": "hotline", "status": "later"}, "status"),
             ({"title": "x", "touchpoint_key": "hotline", "due_date": "31.12."}, "due_date"),
             ({"title": "x", "touchpoint_key": "hotline", "owner_user": "ghost"}, "owner_user"),
             ({"title": "x", "touchpoint_key": "hotline", "journey_key": "vertrag"},
              "journey_key"),
             ({"title": "x", "touchpoint_key": "hotline", "colour": "red"}, "colour")]
    for values, field in cases:
        with pytest.raises(actions.ActionError) as info:
            actions.create(acts, analyst, **values)
        assert info.value.field == field
    assert actions.all_actions(acts, cached=False).empty


def test_filters_select_through_the_touchpoint_and_overdue_is_by_due_date(acts):
    analyst = user(acts, "analyst")
    actions.create(acts, analyst, title="KS late", touchpoint_key="hotline",
                   due_date="2026-11-01")
    actions.create(acts, analyst, title="IT", touchpoint_key="tarifseite", due_date="2027-01-01")
    actions.create(acts, analyst, title="Journey", journey_key="vertrag", owner_department="IT")
    today = dt.date(2026, 12, 1)
    ks = actions.select(acts, Filters(departments=("KS",)), today)
    assert list(ks["title"]) == ["KS late"] and bool(ks["overdue"].iloc[0])
    it = actions.select(acts, Filters(departments=("IT",)), today)
    assert set(it["title"]) == {"IT", "Journey"} and not it["overdue"].any()
    assert list(actions.select(acts, Filters(journeys=("vertrag",)), today)["title"]) == \
        ["IT", "Journey"]
    counts = actions.counts_by_touchpoint(actions.select(acts, Filters(), today))
    assert counts["hotline"] == {"open": 1, "overdue": 1, "done": 0}


def test_the_period_keeps_the_actions_active_in_it(acts):
    """Closed before the period starts: out, by its done date, else by the day of its last
    change (a dropped action has no done date)."""
    admin = user(acts, "admin")
    made = {name: actions.create(acts, admin, title=name, touchpoint_key="hotline")
            for name in ("open", "done early", "done late", "dropped early", "dropped late")}
    with acts.begin() as conn:
        for name, status, done, changed in (
                ("done early", "done", dt.date(2026, 1, 5), dt.datetime(2026, 3, 1, 9)),
                ("done late", "done", dt.date(2026, 2, 10), dt.datetime(2026, 1, 1, 9)),
                ("dropped early", "dropped", None, dt.datetime(2026, 1, 31, 23, 59)),
                ("dropped late", "dropped", None, dt.datetime(2026, 2, 1, 0, 5))):
            conn.execute(schema.actions.update().where(schema.actions.c.id == made[name])
                         .values(status=status, done_on=done, changed_at=changed))
        bump_data_version(conn)
    kept = actions.select(acts, Filters(date_from=dt.date(2026, 2, 1)))
    assert set(kept["title"]) == {"open", "done late", "dropped late"}
    assert len(actions.select(acts, Filters())) == 5


def test_actions_survive_undoing_an_import(acts):
    from data.ingest import undo

    result = import_file(acts, (CATALOG.parent / "audit.csv").read_bytes(), "audit")
    assert result.ok
    actions.create(acts, user(acts, "analyst"), title="Keep me", touchpoint_key="tarifseite")
    undo(acts, result.batch_id)
    assert list(actions.all_actions(acts, cached=False)["title"]) == ["Keep me"]


# ------------------------------------------------------------------ did it work?

def _audits(store: Store, rows: list[tuple[str, str, int]]) -> None:
    lines = ["date,touchpoint,score,perspective"] + [f"{d},{k},{s},customer" for d, k, s in rows]
    assert import_file(store, "\n".join(lines).encode(), "audit").ok


def test_effect_is_a_difference_in_differences_by_hand(duck_store):
    store = duck_store
    assert import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store, owner_department="KS")
    # Journey "stoerung": hotline (treated) and statusseite (the comparison).
    done = dt.date(2026, 3, 16)
    hotline_before, hotline_after = [5, 6, 5, 6, 5, 7], [8, 9, 8, 7, 9, 8]
    status_before, status_after = [6, 6, 7, 7, 6], [7, 7, 8, 7, 7]
    rows = [("2026-03-02", "hotline", s) for s in hotline_before]
    rows += [("2026-03-20", "hotline", s) for s in hotline_after]
    rows += [("2026-03-03", "statusseite", s) for s in status_before]
    rows += [("2026-03-21", "statusseite", s) for s in status_after]
    rows += [("2026-05-01", "statusseite", 5)]  # after both windows: never counted
    _audits(store, rows)
    owner = user(store, "owner")
    new = actions.create(store, owner, title="Script", touchpoint_key="hotline")
    actions.update(store, owner, new, status="done", done_on=done.isoformat())
    effect = effects.compute(store, actions.get(store, new), weeks=2)
    assert effect.status == "ok"
    assert effect.before == (dt.date(2026, 3, 2), dt.date(2026, 3, 15))
    assert effect.after == (dt.date(2026, 3, 16), dt.date(2026, 3, 29))
    audit = effect.rows.set_index("metric").loc["audit"]

    def side(xs):
        x = np.array(xs, dtype=float)
        return x.mean(), x.var(ddof=1) / len(x), len(x) - 1

    hb, ha, sb, sa_ = (side(x) for x in (hotline_before, hotline_after, status_before,
                                         status_after))
    delta = ha[0] - hb[0]
    others = sa_[0] - sb[0]
    assert audit["before"] == pytest.approx(34 / 6) and audit["after"] == pytest.approx(49 / 6)
    assert audit["delta"] == pytest.approx(2.5)
    assert audit["others_delta"] == pytest.approx(others) == pytest.approx(0.8)
    assert audit["did"] == pytest.approx(delta - others) == pytest.approx(1.7)
    variances = [ha[1], hb[1], sa_[1], sb[1]]
    dfs = [ha[2], hb[2], sa_[2], sb[2]]
    if hasattr(kpis, "welch_df"):  # Welch–Satterthwaite over the four windows
        df = sum(variances) ** 2 / sum(v * v / d for v, d in zip(variances, dfs, strict=True))
        q = stats.t.ppf(0.975, df)
    else:
        q = 1.96
    half = q * np.sqrt(sum(variances))
    assert audit["did_low"] == pytest.approx(1.7 - half)
    assert audit["did_high"] == pytest.approx(1.7 + half)
    assert audit["significant"] is True or audit["significant"] == True  # noqa: E712
    # 5 or more audits in every window: a verdict, not "too few to tell".
    assert audit["did_significant"] in (True, False)
    assert audit["n_before"] == 6 and audit["others_n_after"] == 5


def test_effect_is_too_early_without_data_after_the_window(duck_store):
    store = duck_store
    assert import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store)
    _audits(store, [("2026-03-02", "hotline", 5), ("2026-03-20", "hotline", 7)])
    analyst = user(store, "analyst")
    new = actions.create(store, analyst, title="x", touchpoint_key="hotline", status="done",
                         done_on="2026-03-16")
    assert effects.compute(store, actions.get(store, new), weeks=6).status == "too_early"
    open_one = actions.create(store, analyst, title="y", touchpoint_key="hotline")
    assert effects.compute(store, actions.get(store, open_one)).status == "not_done"


def test_the_weekly_report_lists_actions_with_owners_and_what_worked(demo_store):
    from dashboard import report

    week = report.parse_week("2026-W26", demo_store)  # the redesign's 6 weeks after end
    html = report.render_html(report.build(demo_store, week, "en"), demo_store, "en")
    measured = html.split("id='actions-measured'")[1].split("</table>")[0]
    assert "Redesign der Online-Rechnung" in measured and "Abrechnung" in measured
    assert "+1.69 *" in measured
    last = report.render_html(report.build(demo_store, report.parse_week("2026-W46"), "de"),
                              demo_store, "de")
    overdue = last.split("id='actions-overdue'")[1].split("</table>")[0]
    assert "Termintreue der Techniker messen" in overdue
    assert "Überfällig" in last and "Hat es gewirkt" not in last


def test_the_list_pages_fifty_rows_and_keeps_every_row_for_the_download(acts):
    from views import actions as view

    analyst = user(acts, "analyst")
    for i in range(123):
        actions.create(acts, analyst, title=f"A{i:03d}", touchpoint_key="hotline",
                       due_date=dt.date(2026, 1, 1) + dt.timedelta(days=i))
    first = view.model(acts, Filters(), {"sort": "due"}, today=dt.date(2025, 1, 1))
    assert (first.page, first.pages, first.first) == (1, 3, 0)
    assert list(first.page_frame["title"][:2]) == ["A000", "A001"]
    third = view.model(acts, Filters(), {"sort": "due", "page": "3"}, today=dt.date(2025, 1, 1))
    assert list(third.page_frame["title"]) == [f"A{i:03d}" for i in range(100, 123)]
    # Past the last page (the filters shrank the list): the last page; junk: the first.
    assert view.model(acts, Filters(), {"page": "9"}).page == 3
    assert view.model(acts, Filters(), {"page": "-2"}).page == 1
    assert view.model(acts, Filters(), {"page": "x"}).page == 1
    assert len(view.tables(third)["Actions"]) == 123


def test_a_touchpoints_card_shows_active_actions_first_ten_a_page(acts):
    from views import actions as view

    analyst = user(acts, "analyst")
    ids_ = {}
    for i, (status, due) in enumerate([("done", None), ("open", "2026-03-01"),
                                       ("in_progress", "2026-02-01"), ("dropped", None),
                                       ("open", None)] + [("done", None)] * 8):
        ids_[i] = actions.create(acts, analyst, title=f"T{i}", touchpoint_key="hotline",
                                 status=status, due_date=due,
                                 done_on="2026-01-10" if status == "done" else None)
    actions.create(acts, analyst, title="elsewhere", touchpoint_key="tarifseite")
    m = view.touchpoint_actions(acts, "hotline", weeks=6, page=1)
    # Active by due date (no due date last), then the closed ones, newest first.
    assert list(m.frame["title"][:4]) == ["T2", "T1", "T4", "T12"]
    assert len(m.frame) == 13 and m.pages == 2
    assert list(m.page_frame["title"]) == ["T2", "T1", "T4", *[f"T{i}" for i in range(12, 5, -1)]]
    # Effects only for the done actions on the page shown.
    assert set(m.effects) == {ids_[i] for i in range(6, 13)}
    last = view.touchpoint_actions(acts, "hotline", weeks=6, page="7")
    assert last.page == 2 and list(last.page_frame["title"]) == ["T5", "T3", "T0"]
    assert set(last.effects) == {ids_[5], ids_[0]}


def test_the_benchmarks_backlog_spreads_over_touchpoints(duck_store):
    from data import demo, schema

    demo.load(duck_store, responses=2_000)
    assert demo.add_many_actions(duck_store, 500, seed=3) == 500
    frame = actions.with_state(actions.all_actions(duck_store), demo.END)
    bulk = frame.loc[frame["title"].str.contains(", Nr. ")]
    assert len(frame) == 504 and len(bulk) == 500
    assert bulk["touchpoint_key"].nunique() > 40
    assert set(bulk["status"]) == set(schema.ACTION_STATUSES)
    # Every done action has a completion date within the data, never in its future.
    done = bulk.loc[bulk["status"] == "done"]
    assert done["done_on"].notna().all() and max(done["done_on"]) <= demo.END
    assert bulk["owner_department"].notna().all()
