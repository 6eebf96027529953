"""The smaller things a reader distrusts: legends, shared sparkline scales, small samples
marked on bars, axis numbers, one decimals count per column, chart locale."""

from __future__ import annotations

import pandas as pd
import pytest

from layouts import atlas, benchmark, components, journey, mine, overview, personas, svg, theme
from layouts import touchpoint as touchpoint_layout
from views import benchmark as benchmark_view


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)


def _text(component) -> str:
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


def _legend(page):
    found = [c for c in _walk(page) if "symbol-legend" in (getattr(c, "className", "") or "")]
    assert len(found) == 1
    return _text(found[0])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_view_that_uses_symbols_explains_them(lang):
    pages = {"overview": overview.page(lang), "journey": journey.page(lang, ""),
             "touchpoint": touchpoint_layout.page(lang, "x"), "mine": mine.page(lang),
             "atlas": atlas.page(lang), "benchmark": benchmark.page(lang),
             "personas": personas.page(lang)}
    legends = {name: _legend(page) for name, page in pages.items()}
    for name in ("journey", "touchpoint", "mine"):
        assert all(s in legends[name] for s in "●◆✖○*⚠⚡★"), (name, legends[name])
    for name in ("overview", "atlas"):
        assert all(s in legends[name] for s in "●◆✖*⚠"), (name, legends[name])
    assert "⚠" in legends["benchmark"] and "⚠" in legends["personas"]


def test_sparklines_of_a_table_share_one_scale():
    low, high = [5.0, 5.5], [9.0, 9.5]
    scale = components.spark_scale([low, high])
    assert scale == (5.0, 9.5)
    shared = components.sparkline(low, scale).children, components.sparkline(high, scale).children
    own = components.sparkline(low).children, components.sparkline(high).children
    assert own[0] == own[1]  # each on its own scale: the rows look alike
    assert shared[0] != shared[1] and shared[0] < shared[1]  # ▁▂ vs ▇█


def test_a_small_range_is_not_stretched_into_a_trend():
    assert components.spark_scale([[7.0, 7.1]]) == pytest.approx((6.05, 8.05))


def _card(n):
    return pd.DataFrame({
        "key": ["a", "b"], "name": ["Alpha", "Beta"], "value": [6.0, 8.0], "n": n,
        "target": [7.0, 7.5], "best_in_class": [9.0, 9.0], "customer_value": [5.5, 8.2],
        "employee_value": [7.5, 8.1], "customer_n": [3, 8], "employee_n": [4, 9],
        "department_key": ["KS", "IT"]}).assign(inside_out=lambda d: d["employee_value"]
                                                - d["customer_value"])


def test_bars_on_fewer_than_five_audits_are_marked_small():
    fig = benchmark.bullet_chart(benchmark_view.bullets(_card([2, 12]), "all"), "all", "en")
    actual = fig["data"][1]
    assert list(actual["y"]) == ["Alpha ⚠", "Beta"]
    assert list(actual["marker"]["pattern"]["shape"]) == ["/", ""]
    assert any("small sample" in (tr.get("name") or "") for tr in fig["data"])
    clean = benchmark.bullet_chart(benchmark_view.bullets(_card([12, 12]), "all"), "all",
                                     "en")
    assert not any("small sample" in (tr.get("name") or "") for tr in clean["data"])


def test_report_gap_bars_mark_small_samples_and_never_show_minus_zero():
    out = svg.gap_bars(["Alpha", "Beta"], [-1.5, -0.04], small=[True, False], lang="de")
    assert "Alpha ⚠" in out and "Beta ⚠" not in out
    assert out.count('class="small-sample"') == 1
    assert "−1,5" in out and "−0,0" not in out and "-0.0" not in out


def test_outside_in_chart_has_axis_numbers_and_title():
    fig, chart_style, note_style = benchmark.perspective_chart(_card([5, 5]), "en")
    assert chart_style is None and note_style == {"display": "none"}
    assert fig["layout"]["xaxis"]["showticklabels"] is True
    assert fig["layout"]["xaxis"]["dtick"] == 1
    assert fig["layout"]["xaxis"]["title"]["text"] == "Score (1–10)"
    assert fig["layout"]["margin"]["b"] >= 40  # room for the numbers
    # The gaps: one trace of segments, largest inside-out gap first; then the two markers
    gaps, customer, employee = fig["data"]
    assert list(gaps["x"]) == [5.5, 7.5, None, 8.2, 8.1, None]
    assert list(gaps["y"]) == ["Alpha", "Alpha", None, "Beta", "Beta", None]
    assert [row[1] for row in customer["customdata"]] == ["Alpha", "Beta"]  # full names on hover


def test_without_both_perspectives_the_note_shows_instead_of_the_chart():
    card = _card([5, 5]).assign(employee_value=float("nan"))
    assert benchmark.perspective_chart(card, "en") == ({}, {"display": "none"}, None)


def test_benchmark_table_shows_two_decimals_in_the_ui_language_and_sorts_by_value():
    card = _card([3, 5]).assign(light="green")
    card.loc[0, ["value", "target"]] = [6.456, 8.0]
    rows = benchmark_view.table_rows(card, "all")
    table = benchmark.table(rows, "all", "de", "")
    assert [h["text"] for h in table.head][:4] == ["Touchpoint", "Abt.", "Ist", "n"]
    assert all(h["sort"] for h in table.head)
    first = table.rows[0]["cells"]
    # actual 6.456 → "6,46" sorting by 6.46; its gap to target −1.54 in red; n on its own
    assert first[2] == {"content": "6,46", "sort": 6.46}
    assert first[6] == {"content": "−1,54", "className": "gap-red", "sort": -1.54}
    assert first[3] == {"content": "3", "className": "small-n-cell", "sort": 3}  # n < 5
    assert table.rows[1]["cells"][3] == {"content": "5", "sort": 5}
    english = benchmark.table(rows, "all", "en", "").rows[0]["cells"]
    assert english[2]["content"] == "6.46"


def test_label_margin_fits_the_longest_label_and_cuts_very_long_ones():
    labels, margin = theme.label_margin(["Hotline", "Jahresabrechnung Strom"])
    assert labels == ["Hotline", "Jahresabrechnung Strom"]
    _, short = theme.label_margin(["Hotline"])
    assert short < margin < 260
    long_name = "Rückruf der Störungshotline nach Eskalation durch den Kundenservice"
    (cut,), wide = theme.label_margin([long_name])
    assert cut.endswith("…") and len(cut) == 40 and long_name.startswith(cut[:-1])
    assert wide < 330


@pytest.mark.parametrize("lang", ["en", "de"])
def test_charts_use_the_ui_language(lang):
    assert theme.graph_config(lang)["locale"] == lang
    graphs = [c for c in _walk(overview.page(lang)) if type(c).__name__ == "Graph"]
    assert graphs and all(g.config["locale"] == lang for g in graphs)


def test_top_labels_stand_upright_when_they_fit_turn_when_neighbours_clear_and_else_stand_vertical():
    # Four weeks in a 1100 px figure with a 120 px left margin: 222 px per column.
    assert theme.top_labels(["2026-01-05"] * 4, left=120) == (0, 32)  # 13 px × 1.4 + 14
    # 52 weeks: 17 px per column, so vertical, the margin as tall as the label is wide
    # ("2026-01-05": 8 digits of 0.58 em and 2 dashes of 0.34 em = 5.32 em at 13 px
    # = 69.2 px, + 14).
    assert theme.top_labels(["2026-01-05"] * 52, left=120) == (-90, 83)
    # 12 weeks: 74 px per column, too narrow for 77 px upright but over 31.2 px (two
    # lines of 13 px over sin 30°): turned 30°, 69.2 × 0.5 + 13 × 0.866 + 14 = 59.9.
    assert theme.top_labels(["2026-01-05"] * 12, left=120) == (-30, 59)


def test_angled_labels_leave_room_below_and_for_a_long_first_label():
    # "1. Abc": 0.58 (digit) + 0.34 (dot) + 0.34 (space) + 0.72 + 0.58·2 = 3.14 em
    # = 40.8 px at 13 px.
    ticks, bottom, left = theme.angled_labels(["1. Abc", "2. Abc"], angle=35)
    assert ticks == ["1. Abc", "2. Abc"]
    assert bottom == 50  # 40.8 × sin 35° + 13 × cos 35° + 16 = 50.1
    assert left == 56  # the first label fits in half its 514 px column
    long = "1. " + "x" * 60
    ticks, bottom, left = theme.angled_labels([long] + ["2. b"] * 19)
    assert ticks[0] == long[:39] + "…" and len(ticks[0]) == 40
    # 40 characters: 0.58 + 0.34 + 0.34 + 36 × 0.58 + 0.72 ("…") = 22.86 em = 297.2 px,
    # 243.5 px to the left of its tick (cos 35°), which is half a column (1028 / 20 / 2
    # = 25.7 px) from the plot's edge: 243.5 - 25.7 + 8 = 225.8.
    assert left == 225


def test_tick_values_name_categories_escaped_as_the_traces_names_are():
    x = ["1. <b>fett</b> & Co", "2. plain"]
    fig = theme.figure([{"type": "scatter", "x": x, "y": [1, 2]}],
                       xaxis={"type": "category", "tickvals": x, "ticktext": x})
    assert fig["data"][0]["x"][0] == "1. &lt;b&gt;fett&lt;/b&gt; &amp; Co"
    assert fig["layout"]["xaxis"]["tickvals"] == fig["data"][0]["x"]  # ticks find their category
    assert fig["layout"]["xaxis"]["ticktext"] == fig["data"][0]["x"]


def test_the_emotion_curve_labels_every_step_without_automargin():
    card = pd.DataFrame({
        "position": [1, 2], "name": ["<b>Hotline</b>", "Chat"], "phase_position": [1, 1],
        "phase_name": ["Kauf", "Kauf"], "value": [7.0, 5.0], "low": [6.0, None],
        "high": [8.0, None], "target": [7.5, 7.5], "best_in_class": [9.0, 9.0],
        "light": ["green", "red"], "n": [10, 3], "gap_target": [-0.5, -2.5]})
    fig = journey.emotion_curve(card, "en")
    axis, values = fig["layout"]["xaxis"], fig["data"][-1]["x"]
    assert "automargin" not in axis and axis["tickvals"] == values
    assert axis["ticktext"] == ["1. &lt;b&gt;Hotline&lt;/b&gt;", "2. Chat"]
    assert fig["layout"]["margin"]["b"] > 40  # room for the turned labels
