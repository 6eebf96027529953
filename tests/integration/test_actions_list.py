"""The actions list's screen: its page of the model, in the download's order, drawn as
one PlainTable (as per-row Dash components, 50 rows took half a second to draw)."""

from __future__ import annotations

import io

import pandas as pd
from dash.development.base_component import Component

from callbacks import actions as actions_cb
from dashboard import exports
from layouts.plain_table import PlainTable
from views import actions as view


def _components(value) -> int:
    """How many Dash components a callback output holds."""
    if isinstance(value, Component):
        return 1 + sum(_components(getattr(value, p, None)) for p in ("children",))
    if isinstance(value, list | tuple):
        return sum(_components(v) for v in value)
    return 0


def _table(out) -> PlainTable:
    found = [c for c in out[1].children if isinstance(c, PlainTable)]
    assert len(found) == 1
    return found[0]


def _text(cell) -> str:
    if isinstance(cell, dict):
        return _text(cell.get("content", cell.get("text")))
    if isinstance(cell, list):
        return "".join(_text(c) for c in cell)
    return str(cell)


def test_the_list_shows_the_downloads_rows_of_its_page_in_order(demo_store, monkeypatch):
    monkeypatch.setattr(view.ActionsModel, "page_size", 2)  # the demo has four actions
    search = "?period=all&sort=touchpoint"
    content, _, _ = exports.download(demo_store, "/actions", search, "xlsx", "en")
    downloaded = pd.read_excel(io.BytesIO(content), sheet_name="Actions")
    assert len(downloaded) >= 4
    out = actions_cb.update(demo_store, search + "&page=2", "en")
    rows = _table(out).rows
    assert [_text(r["cells"][0]) for r in rows] == list(downloaded["title"][2:4])
    assert [_text(r["cells"][2]) for r in rows] == [
        tp if isinstance(tp, str) else "whole journey" for tp in downloaded["touchpoint"][2:4]]
    for row, (_, action) in zip(rows, downloaded.iloc[2:4].iterrows(), strict=True):
        status = row["cells"][5]
        assert status[0]["text"] == action["status"].replace("_", " ")
        assert "action-status badge" in status[0]["className"]
        assert (len(status) == 2) == bool(action["overdue"])
        assert ("row-below" in row["className"]) == bool(action["overdue"])
        link = row["cells"][2]
        if isinstance(action["touchpoint_key"], str):
            assert link["href"] == f"/touchpoints/{action['touchpoint_key']}{search}&page=2"
    # The table, the pager and their box: a handful of components, not a dozen a row.
    assert _components(out[1]) < 12

