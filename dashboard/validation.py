"""Callbacks that cannot fail silently: the validation layout every callback id is checked
against at start, and the handler that shows a failed callback to the user and logs it."""

from __future__ import annotations

import json
import logging

import dash
from dash import html
from dash._utils import split_callback_id

from dashboard import auth, pages
from dashboard.config import LANGUAGES, Config
from dashboard.i18n import t
from data.accounts import User
from data.store import Store
from layouts import admin, ids, shell
from layouts import profile as profile_layout

log = logging.getLogger("cxdash.callbacks")


def validation_layout(store: Store, options: dict[str, list[dict]], lang: str = "en"
                      ) -> html.Div:
    """Return the shell with every page of the registry in it (as an admin sees them), so
    Dash knows each id a callback may name; the app itself renders only one page at a time."""
    everyone = User(name="validation", role="admin")
    layouts = [page.layout(store, lang, "", page.path + ("validation" if page.prefix else ""))
               for page in pages.PAGES]
    layouts += [admin.forbidden("admin", lang), shell.not_found("/", lang)]
    # Rendered by callbacks into the pages (not part of any skeleton): the touchpoint's
    # "new action" button lives in the actions card its callback fills.
    layouts += [html.Button(id=ids.ACTION_NEW)]
    # The profile page depends on who asks (a refusal has no form): its skeleton always.
    layouts += [profile_layout.page(lang)]
    return html.Div([shell.shell(lang, options, True, everyone, True, pages.navbar_entries()),
                     *layouts])


def _ids(component, found: set, patterns: list) -> None:
    """Collect the string ids and the pattern-matching (dict) ids of a component tree."""
    if isinstance(component, list | tuple):
        for child in component:
            _ids(child, found, patterns)
        return
    if not isinstance(component, dash.development.base_component.Component):
        return
    cid = getattr(component, "id", None)
    if isinstance(cid, dict):
        patterns.append(cid)
    elif cid is not None:
        found.add(cid)
    for name in getattr(component, "_children_props", []) + ["children"]:
        _ids(getattr(component, name.split(".")[0].replace("[]", ""), None), found, patterns)


def _matches(wanted: dict, present: list[dict]) -> bool:
    """True when some present dict id is the wanted one."""
    for cid in present:
        if cid == wanted:
            return True
    return False


def _dependency_ids(callback: dict) -> list:
    """Every component id one registered callback names (outputs, inputs, states)."""
    outputs = split_callback_id(callback["output"])
    outputs = outputs if isinstance(outputs, list) else [outputs]
    names = [o["id"] for o in outputs] + [d["id"] for d in callback["inputs"]
                                          + callback["state"]]
    return [json.loads(n) if isinstance(n, str) and n.startswith("{") else n for n in names]


def unknown_callback_ids(app: dash.Dash) -> list[str]:
    """Return "output: id" for every id a callback names that the validation layout lacks."""
    found, patterns = set(), []
    _ids(app.validation_layout, found, patterns)
    wrong = set()
    for callback in app._callback_list:  # noqa: SLF001 (the one list with every callback)
        for cid in _dependency_ids(callback):
            if isinstance(cid, dict) and any(isinstance(v, list) for v in cid.values()):
                continue  # ALL / MATCH: a collection that may be empty until a callback fills it
            missing = not _matches(cid, patterns) if isinstance(cid, dict) else cid not in found
            if missing:
                wrong.add(f"{callback['output']}: {cid}")
    return sorted(wrong)


def check_callback_ids(app: dash.Dash) -> None:
    """Raise at start when a callback names an id no layout has (a typo would otherwise
    only show as a dead control in the browser)."""
    wrong = unknown_callback_ids(app)
    if wrong:
        raise ValueError("callbacks name ids that no layout has: " + "; ".join(wrong))


def on_error(config: Config):
    """Return Dash's on_error handler: log the failure with its traceback, show a
    translated message in the shell's error toast, and leave the outputs unchanged."""

    def handle(error: Exception):
        ctx = dash.callback_context
        where = ", ".join(str(o) for o in (ctx.outputs_list or [])
                          if not isinstance(o, list)) if ctx else ""
        log.error("callback failed (%s): %s", where or "?", error, exc_info=error)
        try:
            lang = auth.language(config)
        except RuntimeError:  # outside a request (tests calling the handler directly)
            lang = config.language if config.language in LANGUAGES else "en"
        dash.set_props(ids.CALLBACK_ERROR, {
            "children": t("error.callback", lang), "header": t("error.callback_title", lang),
            "is_open": True})
        return None

    return handle
