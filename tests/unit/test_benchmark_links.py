"""A catalog key or a filter value cannot turn the benchmark table's link into another
one: the name stays text and the address one quoted path inside the app."""

from __future__ import annotations

import pandas as pd

from layouts import benchmark
from views import benchmark as benchmark_view

KEY = "x) [click me](http://evil.example/"
SEARCH = "?journey=a)](http://evil.example/) [b"


def test_a_hostile_key_or_filter_stays_inside_its_one_link():
    card = pd.DataFrame([{
        "name": "Hotline [x](http://evil.example)", "key": KEY, "department_key": "KS",
        "value": 6.5, "target": 8.0, "best_in_class": 9.0, "customer_value": 6.0,
        "employee_value": 7.0, "n": 12}])
    rows = benchmark_view.table_rows(card, "all")
    name = benchmark.table(rows, "all", "en", SEARCH).rows[0]["cells"][0]
    # The name is text (drawn as a text node), the link one address inside the app
    assert name["text"] == "Hotline [x](http://evil.example)"
    # and the address an app path (React sets it as an attribute value, never as markup):
    # no Markdown or HTML reads the key or the filters any more
    assert name["href"].startswith("/touchpoints/x) [click me]")
    assert set(name) == {"text", "className", "href"}
