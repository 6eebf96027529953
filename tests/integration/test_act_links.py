"""From insight to action: "Act" links on the overview's lists and the benchmark table
only where the user may start an action, ``?act=1`` opens the form once and leaves the
URL, and a comment's "start an action" fills the form with the comment."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from dash._callback import NoUpdate

from callbacks import actions as actions_cb
from callbacks import benchmark as benchmark_cb
from callbacks import comments as comments_cb
from callbacks import overview as overview_cb
from dashboard import auth
from data.accounts import User
from layouts import ids

SEARCH = "?from=2026-10-19&to=2026-11-15"


def _as(monkeypatch, user: User | None) -> None:
    monkeypatch.setattr(auth, "current_user", lambda: user)


def _act_hrefs(tree) -> list[str]:
    text = str(tree)
    return [part.split("'")[0] for part in text.split("href='")[1:] if "act=1" in part]


@pytest.mark.parametrize(("user", "scope"), [
    (User("a", "analyst"), "*"), (User("o", "owner", "KS"), "KS"), (User("v", "viewer"), ""),
    (User("o2", "owner", None), ""), (None, "")])
def test_act_scope_follows_the_write_rules(monkeypatch, user, scope):
    _as(monkeypatch, user)
    assert actions_cb.act_scope() == scope


def test_overview_lists_carry_act_links_only_where_the_user_may_act(demo_store):
    everyone = overview_cb.update(demo_store, SEARCH, "en", "*")
    gaps = _act_hrefs(everyone[5])
    assert gaps, "the demo has gaps in this period"
    first = urlsplit(gaps[0])
    query = parse_qs(first.query)
    assert first.path.startswith("/touchpoints/")
    assert query["act"] == ["1"] and query["origin"] == ["gap"]
    assert query["from"] == ["2026-10-19"]  # the filters travel along
    assert "gap to target" in query["origin_ref"][0]
    assert _act_hrefs(overview_cb.update(demo_store, SEARCH, "en", "")[5]) == []
    # An owner of KS: only KS's touchpoints
    from data import scorecards
    from data.queries import Filters
    card = scorecards.touchpoint_scorecard(demo_store, Filters.of(date_from="2026-10-19",
                                                                 date_to="2026-11-15"))
    ks = set(card.loc[card["department_key"] == "KS", "key"])
    for href in _act_hrefs(overview_cb.update(demo_store, SEARCH, "en", "KS")[5]):
        assert urlsplit(href).path.split("/")[2] in ks


def test_benchmark_table_has_an_act_column_for_writers_only(demo_store):
    rows, head = benchmark_cb.update(demo_store, SEARCH, "en", "*")[2:4]
    assert head[-1] == {"text": "Action", "className": "act-col"}
    acts = [r["cells"][-1]["content"] for r in rows]
    assert acts and all("act=1" in a["href"] and "origin=gap" in a["href"] for a in acts)
    viewer_rows, viewer_head = benchmark_cb.update(demo_store, SEARCH, "en", "")[2:4]
    assert "Action" not in [h["text"] for h in viewer_head]
    assert len(viewer_head) == len(head) - 1
    assert all(len(r["cells"]) == len(viewer_head) for r in viewer_rows)


def test_act_in_the_url_opens_the_form_once_and_leaves_the_url(demo_store, monkeypatch):
    search = SEARCH + "&act=1&origin=gap&origin_ref=overview%3A+gap"
    _as(monkeypatch, User("o", "owner", "KS"))  # the hotline is KS's
    request, new = actions_cb.request_from_url(demo_store, "st-hotline", search)
    assert request == {"origin": "gap", "ref": "overview: gap"}
    assert new == SEARCH  # act, origin and origin_ref are gone, the filters stay
    out = actions_cb.form(demo_store, ids.ACTION_REQUEST, request, "st-hotline", None, {},
                          None, None, 0, "en")
    assert out[0] is True and out[8] == "gap" and out[9] == "overview: gap"
    # Reloaded (no act): nothing opens, nothing changes
    assert all(isinstance(x, NoUpdate)
               for x in actions_cb.request_from_url(demo_store, "st-hotline", new))
    # A viewer, or an owner of another department: no form, but the URL is cleaned too
    for user in (User("v", "viewer"), User("o", "owner", "IT")):
        _as(monkeypatch, user)
        request, cleaned = actions_cb.request_from_url(demo_store, "st-hotline", search)
        assert isinstance(request, NoUpdate)
        assert cleaned == SEARCH


def test_start_an_action_from_a_comment_fills_the_form(demo_store, monkeypatch):
    _as(monkeypatch, User("o", "owner", "KS"))
    shown = comments_cb.update(demo_store, None, "st-hotline", "?period=all", "", "", "all",
                               1, "en")
    drafts = shown[8]
    assert len(drafts) == 20 and "comment-act" in str(shown[0])
    # as the browser asks for it (assets/filters.js, commentRequest)
    request = {"origin": "comment", "ref": drafts[1]["ref"], "title": drafts[1]["title"],
               "clicks": 1}
    out = actions_cb.form(demo_store, ids.ACTION_REQUEST, request, "st-hotline", None, {},
                          None, None, 0, "en")
    assert out[0] is True and out[2] == drafts[1]["title"] and out[8] == "comment"
    assert out[9] == drafts[1]["ref"]
    _as(monkeypatch, User("v", "viewer"))
    viewer = comments_cb.update(demo_store, None, "st-hotline", "?period=all", "", "", "all",
                                1, "en")
    assert viewer[8] == [] and "comment-act" not in str(viewer[0])
