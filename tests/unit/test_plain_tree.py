"""layouts.plain_tree: html components and links become plain data with every attribute
kept; whatever it could not draw the same way (a click counter, a pattern id, a
component of another library) is refused, not dropped."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from layouts.plain_tree import PlainTree, node, plain


def test_a_tree_of_html_and_links_becomes_plain_data_with_its_attributes():
    tree = html.Div([
        html.Span("7.2", className="score", title="Green", style={"color": "#0a0"}),
        " ", 3, None,
        dcc.Link("Hotline", href="/touchpoints/st-hotline?journey=x", className="tp-link"),
        [html.Q("quote")],
    ], className="tp-card", id="tp-card-st-hotline", **{"data-key": "k", "aria-label": "c"})
    assert node(tree) == {
        "tag": "div",
        "props": {"className": "tp-card", "id": "tp-card-st-hotline", "data-key": "k",
                  "aria-label": "c"},
        "children": [
            {"tag": "span", "props": {"className": "score", "title": "Green",
                                      "style": {"color": "#0a0"}}, "children": "7.2"},
            " ", "3", None,
            {"tag": "a", "link": True, "props": {"href": "/touchpoints/st-hotline?journey=x",
                                                 "className": "tp-link"},
             "children": "Hotline"},
            [{"tag": "q", "props": {}, "children": "quote"}],
        ]}
    out = plain(tree)
    assert isinstance(out, PlainTree) and out.tree == node(tree)
    assert out.to_plotly_json()["namespace"] == "cxdash"


@pytest.mark.parametrize("bad", [
    html.Div(html.Button("Act", n_clicks=0)),  # a callback reads the clicks
    html.Div(html.Span("x", id={"type": "card", "key": "a"})),  # a callback's pattern id
    html.Div(dbc.Badge("KS")),  # drawn by its own library
])
def test_what_a_callback_reads_or_another_library_draws_is_refused(bad):
    with pytest.raises(TypeError):
        plain(bad)
