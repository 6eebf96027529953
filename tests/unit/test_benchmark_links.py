"""A catalog key or a filter value cannot close the benchmark table's Markdown link and
open one of its own."""

from __future__ import annotations

import re

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
    cell = benchmark.table(rows, "all", "en", SEARCH).data[0]["link"]
    opened = re.findall(r"(?<!\\)\]\(", cell)
    assert len(opened) == 1  # one link: the name's own brackets are escaped
    href = cell.split("](", 1)[1][:-1]
    assert cell.endswith(")") and href.startswith("/touchpoints/")
    assert not re.search(r"[()\[\] <>\"'\\]", href)
