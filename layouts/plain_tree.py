"""Static content drawn in the browser from plain data: one Dash component for a tree.

Dash's renderer gives every component of a layout its own store subscriber, and every
subscriber looks at the store again after each of the hundred-odd messages a filter change
sends through it. A journey map of 250 ``html`` components and links cost 20–30 ms of
each change that way. ``plain(tree)`` turns a tree of ``dash.html`` components and
``dcc.Link``s that no callback reads (no ``n_clicks``, no component a callback names)
into one ``PlainTree``; ``assets/plain_tree.js`` draws the same elements with React
directly. Texts stay text (React escapes them); a ``dcc.Link`` still opens its page in
the app without a reload, as ``dcc.Link`` does. A component or property it cannot draw
the same way is refused (TypeError), so nothing is dropped unseen.
"""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

PROPS = ["id", "tree"]
# What an element may carry: attributes the browser draws, nothing a callback reads.
ATTRIBUTES = {"id", "className", "style", "title", "href", "target", "rel", "role", "lang",
              "colSpan", "rowSpan", "alt", "src", "width", "height", "tabIndex", "hidden"}


class PlainTree(Component):
    """The elements of ``tree`` (see :func:`node`), drawn as they are."""

    _children_props: list[str] = []
    _base_nodes: list[str] = []
    _namespace = "cxdash"
    _type = "PlainTree"

    def __init__(self, tree=None, id=None):  # noqa: A002
        self._prop_names = PROPS
        self._valid_wildcard_attributes = []
        self.available_properties = PROPS
        self.available_wildcard_properties = []
        super().__init__(**{k: v for k, v in {"id": id, "tree": tree}.items()
                            if v is not None})


def plain(tree) -> PlainTree:
    """One component for a tree of html components, links, texts and lists."""
    return PlainTree(tree=node(tree))


def node(item):
    """A piece of a tree as plain data: a text, a list, or ``{"tag", "props",
    "children"}`` (``"link": true`` for a dcc.Link, drawn as ``<a>``)."""
    if item is None or isinstance(item, bool):
        return None
    if isinstance(item, str | int | float):
        return str(item)
    if isinstance(item, list | tuple):
        return [node(x) for x in item]
    if isinstance(item, dcc.Link):
        out = {"tag": "a", "link": True}
    elif isinstance(item, Component) and item._namespace == html.Div._namespace:
        out = {"tag": item._type.lower()}
    else:
        raise TypeError(f"{type(item).__name__} cannot be drawn as plain HTML")
    props = {}
    for name, value in item.to_plotly_json()["props"].items():
        if name == "children" or value is None:
            continue
        if name not in ATTRIBUTES and not name.startswith(("aria-", "data-")):
            raise TypeError(f"{type(item).__name__}.{name} cannot be drawn as plain HTML")
        if name == "id" and not isinstance(value, str):
            raise TypeError(f"{type(item).__name__}: a pattern id belongs to a callback")
        props[name] = value
    out["props"] = props
    children = node(getattr(item, "children", None))
    if children is not None:
        out["children"] = children
    return out
