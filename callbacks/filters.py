"""The global filter state in the URL query string, and the default period.

``?journey=stoerung,umzug&persona=senior&from=2026-10-19&to=2026-11-15``. Without
``from``/``to`` the period is the latest four weeks of data, so a bookmark without dates
always opens the current review; ``period=all`` means no date limit.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlencode

from data import queries
from data.queries import Filters
from data.store import Store

DEFAULT_PERIOD_DAYS = 28
DIMENSIONS = ("journey", "persona", "phase", "channel", "department", "touchpoint")
FIELDS = {d: d + "s" for d in DIMENSIONS}  # query parameter -> Filters field


def parse(search: str | None) -> tuple[dict, str | None, str | None, bool]:
    """Return (keys per Filters field, from, to, all_time) from a query string."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    keys = {}
    for param, field in FIELDS.items():
        values = []
        for raw in params.get(param, []):
            values.extend(v.strip() for v in raw.split(",") if v.strip())
        keys[field] = tuple(dict.fromkeys(values))
    start = _iso(params.get("from", [None])[0])
    end = _iso(params.get("to", [None])[0])
    return keys, start, end, params.get("period", [""])[0] == "all"


def _iso(value: str | None) -> str | None:
    try:
        return dt.date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        return None


def default_period(store: Store) -> tuple[str | None, str | None]:
    """Return the latest four weeks of data as ISO dates (None, None when empty)."""
    _, last = queries.date_bounds(store)
    if last is None:
        return None, None
    return (last - dt.timedelta(days=DEFAULT_PERIOD_DAYS - 1)).isoformat(), last.isoformat()


def filters_from_search(store: Store, search: str | None) -> Filters:
    """Return the Filters a URL query string stands for, default period included."""
    keys, start, end, all_time = parse(search)
    if not all_time and start is None and end is None:
        start, end = default_period(store)
    return Filters.of(**keys, date_from=start, date_to=end)


FILTER_PARAMS = (*DIMENSIONS, "from", "to", "period")


def search_from_values(values: dict[str, list | None], start: str | None, end: str | None,
                       keep: str | None = None) -> str:
    """Return the query string for filter values (dimension -> keys) and a period.

    Parameters of ``keep`` that are not filters (a page's view options) carry over.
    """
    params = [(dim, ",".join(values[dim])) for dim in DIMENSIONS if values.get(dim)]
    if start:
        params.append(("from", start[:10]))
    if end:
        params.append(("to", end[:10]))
    if not start and not end:
        params.append(("period", "all"))
    params += [(k, v) for k, v in _pairs(keep) if k not in FILTER_PARAMS]
    return "?" + urlencode(params, safe=",")


def _pairs(search: str | None) -> list[tuple[str, str]]:
    return [(k, v) for k, values in parse_qs((search or "").lstrip("?")).items() for v in values]


def param(search: str | None, name: str, default: str | None = None) -> str | None:
    """Return one parameter of a query string."""
    return parse_qs((search or "").lstrip("?")).get(name, [default])[0]


def with_params(search: str | None, **params: str | None) -> str:
    """Return the query string with parameters set (None removes them)."""
    pairs = [(k, v) for k, v in _pairs(search) if k not in params]
    pairs += [(k, v) for k, v in params.items() if v not in (None, "")]
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def view_options(search: str | None, *names: str) -> dict[str, str]:
    """Return the view options (trend, metric, lanes, …) named, as given in the URL."""
    params = parse_qs((search or "").lstrip("?"))
    return {n: params[n][0] for n in names if n in params}


def loosen_links(search: str | None, dims: tuple[str, ...]) -> list[tuple[str, str]]:
    """(filter, query string without it) for each filter an empty view suggests loosening."""
    links = []
    for dim in dims:
        if dim == "period":
            links.append((dim, with_params(search, **{"from": None, "to": None,
                                                      "period": "all"})))
        else:
            links.append((dim, with_params(search, **{dim: None}) or "?"))
    return links
