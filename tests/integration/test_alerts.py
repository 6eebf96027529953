"""Alert rules and their evaluation on DuckDB and PostgreSQL: evaluated after every import
and undo, each alert once, hysteresis, minimum n, default rules for owners, roles on
every write, and one mail per alert and recipient."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import alert_mail
from dashboard.config import Config
from data import accounts, actions, demo, ingest, subscriptions
from data.accounts import User
from data.alerts import evaluate, inbox, rules
from tests.conftest import PASSWORD

START = dt.date(2026, 1, 5)  # a Monday
ADMIN = User("admin", "admin")


def audits(weekly: dict[str, list[float]], per_week: int = 6) -> pd.DataFrame:
    """per_week customer audits per touchpoint and week, scores mean ± 1."""
    rows = []
    for key, means in weekly.items():
        for week, mean in enumerate(means):
            for i in range(per_week):
                rows.append({"touchpoint_key": key, "perspective": "customer",
                             "date": START + dt.timedelta(weeks=week, days=6 - i % 7),
                             "score": round(mean + (1 if i % 2 else -1)), "question": None,
                             "comment": None})
    return pd.DataFrame(rows)


def load(store, weekly, per_week=6) -> int:
    return ingest.commit(store, "audit", {"audit": audits(weekly, per_week)}, created_by="t")


@pytest.fixture
def catalog(store):
    ingest.commit(store, "catalog", demo.catalog_frames(), created_by="t")
    accounts.add_user(store, "owner", "owner", PASSWORD, "KS", actor="t")
    accounts.update_user(store, "owner", email="owner@example.org", lang="de", actor="t")
    rules.ensure_defaults(store)  # KS's default rules, removed: each test sets its own
    for default in rules.all_rules(store):
        rules.remove(store, ADMIN, default.id)
    return store


def rule(store, kind="drop", metric="audit", scope="touchpoint", key="st-hotline", **kw):
    return rules.add(store, ADMIN, scope, key, metric, kind, **kw)


def test_an_import_raises_each_alert_once_and_an_undo_does_not_repeat_it(catalog):
    store = catalog
    r = rule(store)
    batch = load(store, {"st-hotline": [8] * 4 + [5] * 4})
    found = inbox.all_alerts(store)
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["rule_id"], row["place"], row["metric"], row["kind"]) == (
        r.id, "st-hotline", "audit", "drop")
    assert row["period_end"] == START + dt.timedelta(weeks=8) - dt.timedelta(days=1)
    assert row["value"] == pytest.approx(5.0) and row["n"] == 24
    assert row["low"] < 5.0 < row["high"] and row["reference"] == pytest.approx(8.0)
    assert "Welch" in row["method"]
    assert evaluate.run(store) == []  # the same data again: nothing new
    ingest.undo(store, batch, "t")
    load(store, {"st-hotline": [8] * 4 + [5] * 4})
    assert len(inbox.all_alerts(store)) == 1  # dedup: (rule, place, period end) once


def test_hysteresis_no_repeat_until_recovered(catalog):
    store = catalog
    r = rule(store, kind="below_target", threshold=7.0)
    load(store, {"st-hotline": [5] * 4})
    assert len(inbox.all_alerts(store)) == 1
    load(store, {"st-hotline": [0] * 4 + [5]})  # week 5 still low: no new alert
    assert len(inbox.all_alerts(store)) == 1
    load(store, {"st-hotline": [0] * 5 + [9] * 4})  # recovered …
    assert len(inbox.all_alerts(store)) == 1
    load(store, {"st-hotline": [0] * 9 + [4] * 4})  # … then below again: a new alert
    assert len(inbox.all_alerts(store)) == 2
    assert all(inbox.all_alerts(store)["rule_id"] == r.id)


def test_no_alert_below_the_minimum_n(catalog):
    store = catalog
    rule(store, kind="below_target", threshold=7.0, min_n=30)
    load(store, {"st-hotline": [3] * 4})  # 24 audits
    assert inbox.all_alerts(store).empty


def test_dry_run_writes_nothing(catalog):
    store = catalog
    rule(store)
    with store.one_transaction():  # inside one transaction the import does not evaluate
        load(store, {"st-hotline": [8] * 4 + [5] * 4})
    would = evaluate.run(store, dry_run=True)
    assert [(a.place, a.rule.kind) for a in would] == [("st-hotline", "drop")]
    assert inbox.all_alerts(store).empty


def test_a_failing_evaluation_never_fails_the_import(catalog, monkeypatch, caplog):
    def broken(store, dry_run=False):
        raise RuntimeError("boom")

    monkeypatch.setattr(evaluate, "run", broken)
    batch = load(catalog, {"st-hotline": [8] * 8})
    assert batch > 0 and "alert rules after an import failed" in caplog.text


def test_owners_get_default_rules_once(catalog):
    store = catalog
    accounts.add_user(store, "billing", "owner", PASSWORD, "AB", actor="t")
    evaluate.run(store)
    mine = [r for r in rules.all_rules(store) if r.key == "AB"]
    assert {(r.metric, r.kind) for r in mine} == set(rules.DEFAULTS)
    assert all(r.scope == "department" for r in mine)
    rules.remove(store, accounts.get_user(store, "billing"), mine[0].id)
    evaluate.run(store)
    assert len([r for r in rules.all_rules(store) if r.key == "AB"]) == len(mine) - 1
    assert not [r for r in rules.all_rules(store) if r.key == "KS"]  # removed: stays so


def test_roles_on_every_rule_write(catalog):
    store = catalog
    owner = accounts.get_user(store, "owner")
    viewer = User("viewer", "viewer")
    with pytest.raises(rules.RuleForbidden):
        rules.add(store, viewer, "department", "KS", "audit", "drop")
    with pytest.raises(rules.RuleForbidden):
        rules.add(store, owner, "department", "AB", "audit", "drop")
    with pytest.raises(rules.RuleForbidden):
        rules.add(store, owner, "journey", "stoerung", "audit", "drop")
    mine = rules.add(store, owner, "touchpoint", "st-hotline", "nps", "below_target",
                     threshold=20)
    theirs = rules.add(store, ADMIN, "department", "AB", "audit", "drift")
    with pytest.raises(rules.RuleForbidden):
        rules.update(store, owner, theirs.id, min_n=10)
    with pytest.raises(rules.RuleForbidden):
        rules.update(store, owner, mine.id, scope="department", scope_key="AB")
    with pytest.raises(rules.RuleForbidden):
        rules.remove(store, viewer, mine.id)
    assert rules.update(store, owner, mine.id, min_n=50).min_n == 50
    with pytest.raises(rules.RuleError):
        rules.add(store, ADMIN, "all", None, "nps", "below_target")  # no threshold
    trail = accounts.audit_trail(store)
    assert {"alert_rule.add", "alert_rule.change"} <= set(trail["action"])


def test_reading_and_turning_an_alert_into_an_action(catalog):
    store = catalog
    rule(store)
    load(store, {"st-hotline": [8] * 4 + [5] * 4})
    alert_id = int(inbox.all_alerts(store).iloc[0]["id"])
    owner = accounts.get_user(store, "owner")
    assert inbox.unread_count(store, owner) == 1
    assert inbox.mark_read(store, owner, [alert_id]) == 1
    assert inbox.unread_count(store, owner) == 0
    assert inbox.unread_count(store, ADMIN) == 1  # reading is each user's own
    with pytest.raises(PermissionError):
        inbox.mark_read(store, None, [alert_id])
    with pytest.raises(actions.ActionForbidden):
        inbox.to_action(store, User("viewer", "viewer"), alert_id, "Fix it")
    action_id = inbox.to_action(store, owner, alert_id, "Mehr Personal")
    made = actions.get(store, action_id)
    assert (made["touchpoint_key"], made["origin"]) == ("st-hotline", "alert")


def test_alerts_are_for_the_owner_and_subscribers_of_their_place(catalog):
    store = catalog
    rule(store)
    rule(store, key="re-online-rechnung")
    accounts.add_user(store, "ada", "viewer", PASSWORD, None, actor="t")
    subscriptions.add(store, ADMIN, "ada", "department", "AB")
    load(store, {"st-hotline": [8] * 4 + [5] * 4, "re-online-rechnung": [8] * 4 + [5] * 4})
    owner = accounts.get_user(store, "owner")
    ada = accounts.get_user(store, "ada")
    assert set(inbox.for_user(store, owner)["place"]) == {"st-hotline"}
    assert set(inbox.for_user(store, ada)["place"]) == {"re-online-rechnung"}


def test_one_mail_per_alert_and_recipient_in_their_language(catalog, smtp):
    store = catalog
    accounts.add_user(store, "bob", "viewer", PASSWORD, None, actor="t")
    accounts.update_user(store, "bob", email="bob@example.org", lang="en", actor="t")
    subscriptions.add(store, ADMIN, "bob", "journey", "stoerung")
    alert_mail.install(store, Config.from_env())
    rule(store)
    load(store, {"st-hotline": [8] * 4 + [5] * 4})
    assert sorted(to[0] for to, _ in smtp) == ["bob@example.org", "owner@example.org"]
    by_address = {to[0]: message for to, message in smtp}
    assert by_address["owner@example.org"]["Subject"].startswith("Alarm: Audit-Score")
    assert by_address["bob@example.org"]["Subject"].startswith("Alert: Audit score")
    load(store, {"re-online-rechnung": [8] * 8})  # another import: no mail again
    alert_mail.send(store, Config.from_env(), inbox.recent(store))
    assert len(smtp) == 2


def test_cli_dry_run_prints_what_it_would_raise_and_writes_nothing(catalog, capsys):
    from dashboard import cli

    store = catalog
    rule(store)
    with store.one_transaction():
        load(store, {"st-hotline": [8] * 4 + [5] * 4})
    url = store.url.replace("postgresql+psycopg://", "postgresql://")
    assert cli.main(["--database-url", url, "alerts", "run", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would raise 1 new alert" in out and "st-hotline audit drop" in out
    assert inbox.all_alerts(store).empty
    assert cli.main(["--database-url", url, "alerts", "run"]) == 0
    assert "raised 1 new alert" in capsys.readouterr().out
    assert len(inbox.all_alerts(store)) == 1


def test_backtest_on_the_demo_catches_the_hotline(demo_store):
    from data.alerts import backtest

    result = backtest.run(demo_store, stories=demo.stories())
    text = backtest.report(result)
    assert result.weeks == demo.WEEKS and result.alerts
    hotline = [a for a in result.alerts if a.place == "st-hotline"
               and a.period_end >= demo.stories()[0].since]
    assert hotline, text
    assert "Story: fault hotline degrading" in text
