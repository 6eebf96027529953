"""Component ids, in one place: tests, layouts and callbacks all import them from here."""

# shell
URL = "url"
LANG = "lang"
PAGE = "page-content"
NAVBAR = "navbar"
LANG_SWITCH = "lang-switch"
EMPTY_NOTICE = "empty-notice"

# global filter bar
FILTER_BAR = "filter-bar"
FILTER_JOURNEY = "filter-journey"
FILTER_PERSONA = "filter-persona"
FILTER_PHASE = "filter-phase"
FILTER_CHANNEL = "filter-channel"
FILTER_DEPARTMENT = "filter-department"
FILTER_DATE = "filter-date"
FILTER_RESET = "filter-reset"

# overview
OVERVIEW_PERIOD = "overview-period"
KPI_NPS = "kpi-nps"
KPI_CES = "kpi-ces"
KPI_CSAT = "kpi-csat"
KPI_TOUCHPOINT_SCORE = "kpi-touchpoint-score"
KPI_JOURNEY_SCORE = "kpi-journey-score"
OVERVIEW_TREND = "overview-trend"
OVERVIEW_TREND_METRIC = "overview-trend-metric"
OVERVIEW_EMPTY = "overview-empty"


def nav_link(page: str) -> dict:
    """Return the pattern-matching id of a navbar link."""
    return {"type": "nav-link", "page": page}
