"""A table drawn in the browser from plain data: one Dash component for all its rows.

Dash's renderer wraps every component of a layout in its own store subscriber, and a
callback that puts N new components on the page costs about N²: each new one resets its
state through the store (one dispatch each), and every subscriber on the page looks
again after each dispatch. 50 rows of ``html.Td``, badges and links (≈ 650 components)
took half a second to draw after their response had arrived. ``PlainTable`` sends the
same cells as data and ``assets/plain_table.js`` draws them with React directly.

A row is ``{"cells": [cell, ...], "className": str}``; a cell is a piece, a list of
pieces, or ``{"content": pieces, "className": str, "sort": value}``; a piece is a string or
``{"text": str, "className": str, "title": str, "href": str}``. A piece with ``href`` is a
link that opens its page in the app without reloading it, as ``dcc.Link`` does. Every
text is drawn as text (React escapes it), never as HTML.

A head entry is a string or ``{"text": str, "sort": bool, "title": str, "className": str}``;
a column whose head has ``sort`` sorts the rows in the browser when its head is clicked
(ascending, descending, as given), by each cell's ``sort`` value (its text without one;
empty values last), and keeps that order when new rows arrive.
"""

from __future__ import annotations

from dash.development.base_component import Component

PROPS = ["id", "className", "head", "rows", "style"]


class PlainTable(Component):
    """``<table>`` with a head row of ``head`` and a body of ``rows`` (see the module)."""

    _children_props: list[str] = []
    _base_nodes: list[str] = []
    _namespace = "cxdash"
    _type = "PlainTable"

    def __init__(self, id=None, className=None, head=None, rows=None, style=None):  # noqa: A002
        self._prop_names = PROPS
        self._valid_wildcard_attributes = []
        self.available_properties = PROPS
        self.available_wildcard_properties = []
        given = {"id": id, "className": className, "head": head, "rows": rows,
                 "style": style}
        super().__init__(**{k: v for k, v in given.items() if v is not None})


def piece(text, class_name: str | None = None, href: str | None = None,
          title: str | None = None) -> dict | str:
    """One piece of a cell: text with a class, a link (``href``) or a tooltip."""
    out = {"text": "" if text is None else str(text)}
    for key, value in (("className", class_name), ("href", href), ("title", title)):
        if value:
            out[key] = value
    return out if len(out) > 1 else out["text"]


def cell(content, class_name: str | None = None, sort=None):
    """A cell of pieces with a class of its own and the value it sorts by."""
    if class_name is None and sort is None:
        return content
    out = {"content": content}
    if class_name:
        out["className"] = class_name
    if sort is not None:
        out["sort"] = sort
    return out


def sortable(text: str, title: str) -> dict:
    """A head entry whose column sorts when clicked; ``title`` is the hint."""
    return {"text": text, "sort": True, "title": title}
