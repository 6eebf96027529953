"""How a change is shown: significant, not significant, too few to tell, unchanged."""

from dashboard import report
from dashboard.i18n import number
from layouts import components
from layouts.overview import KpiCard, kpi_card_body
from views.common import significance_text


def _text(component) -> str:
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return "".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


def test_a_change_that_rounds_to_zero_is_unchanged_without_arrow():
    for value in (-0.001, 0.004, 0.0):
        shown = _text(components.delta(value, False, "en", 2))
        assert shown == "unchanged"
    assert _text(components.delta(-0.004, True, "de", 2)) == "unverändert"
    assert _text(components.delta(0.04, False, "en", 1)) == "unchanged"
    assert _text(components.delta(0.06, False, "en", 1)) == "▲ +0.1"


def test_numbers_never_show_minus_zero_or_plus_zero():
    assert number(-0.001, "en", 2, signed=True) == "0.00"
    assert number(0.04, "en", 1, signed=True) == "0.0"
    assert number(-0.04, "de", 1) == "0,0"
    assert number(-0.06, "en", 1, signed=True) == "−0.1"


def test_too_few_to_tell_is_said_and_never_starred():
    shown = components.delta(1.3, None, "en", 1)
    assert "too few to tell" in _text(shown) and "*" not in _text(shown)
    assert "*" in _text(components.delta(1.3, True, "en", 1))
    assert "*" not in _text(components.delta(1.3, False, "en", 1))
    assert "zu wenige Daten" in _text(components.delta(1.3, None, "de", 1))


def test_kpi_card_says_too_few_to_tell():
    body = _text(kpi_card_body(KpiCard("nps", 20.0, n=12, delta=5.0, significant=None), "en"))
    assert "too few to tell" in body and "not significant" not in body
    body = _text(kpi_card_body(KpiCard("nps", 20.0, n=120, delta=-0.001, delta_digits=2,
                                       significant=False), "en"))
    assert "unchanged" in body and "▼" not in body and "−0.00" not in body


def test_report_and_download_spell_the_three_states():
    cards = [KpiCard("nps", 20.0, n=12, delta=5.0, significant=None),
             KpiCard("ces", 5.0, n=300, delta=0.3, significant=True),
             KpiCard("csat", 70.0, n=300, delta=1.0, significant=False)]
    table = report._kpi_table(cards, "en")
    assert table.count("too few to tell") == 1
    assert table.count("(significant)") == 1
    assert table.count("no significant change") == 1
    assert [significance_text(v) for v in (True, False, None, float("nan"))] == [
        "yes", "no", "too few to tell", "too few to tell"]
