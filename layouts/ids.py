"""Component ids, in one place: tests, layouts and callbacks all import them from here."""

# shell
URL = "url"
SHELL_STATE = "shell-state"  # what the browser's filter callbacks need of the server
LANG = "lang"
PAGE = "page-content"
NAVBAR = "navbar"
NAVBAR_TOGGLER = "navbar-toggler"
NAVBAR_COLLAPSE = "navbar-collapse"
LANG_SWITCH = "lang-switch"
EMPTY_NOTICE = "empty-notice"

# global filter bar
FILTER_BAR = "filter-bar"
FILTER_TOGGLE = "filter-toggle"
FILTER_COLLAPSE = "filter-collapse"
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
OVERVIEW_EMPTY = "overview-empty"


def nav_link(page: str) -> dict:
    """Return the pattern-matching id of a navbar link."""
    return {"type": "nav-link", "page": page}

# overview additions
OVERVIEW_GAPS = "overview-gaps"
OVERVIEW_MOVERS = "overview-movers"
OVERVIEW_FELL_BELOW = "overview-fell-below"

# journey map
JOURNEY_PICKER = "journey-picker"
JOURNEY_PERSONA = "journey-persona"
JOURNEY_MAP = "journey-map"
JOURNEY_EMOTION_CURVE = "journey-emotion-curve"
JOURNEY_LANES = "journey-lanes"
JOURNEY_SUMMARY = "journey-summary"

# heatmaps
HEATMAP_GRAPH = "heatmap-graph"
HEATMAP_WEEKS_GRAPH = "heatmap-weeks-graph"
HEATMAP_METRIC = "heatmap-metric"

# benchmark
BENCHMARK_GRAPH = "benchmark-graph"
BENCHMARK_TABLE = "benchmark-table"
BENCHMARK_TABLE_DATA = "benchmark-table-data"
BENCHMARK_PERSPECTIVES = "benchmark-perspectives"
BENCHMARK_PERSPECTIVES_GRAPH = "benchmark-perspectives-graph"
BENCHMARK_NO_PERSPECTIVES = "benchmark-no-perspectives"

# touchpoint drill-down
TOUCHPOINT_KEY = "touchpoint-key"
TOUCHPOINT_HEADER = "touchpoint-header"
TOUCHPOINT_ATTRIBUTES = "touchpoint-attributes"
TOUCHPOINT_HISTORY_GRAPH = "touchpoint-history-graph"
TOUCHPOINT_PERSPECTIVES = "touchpoint-perspectives"
TOUCHPOINT_QUESTIONS = "touchpoint-questions"
TOUCHPOINT_SURVEYS = "touchpoint-surveys"
TOUCHPOINT_WEB = "touchpoint-web"
TOUCHPOINT_SURVEY_TRENDS = "touchpoint-survey-trends"
TOUCHPOINT_SURVEY_TRENDS_NONE = "touchpoint-survey-trends-none"  # no metric has responses


def survey_trend(metric: str) -> str:
    """One metric's place among the survey trends (its chart, or a note without data)."""
    return f"survey-trend-{metric}"


def survey_trend_graph(metric: str) -> str:
    return f"survey-trend-graph-{metric}"


# what the page shows now, per part (callbacks.touchpoint): a change that leaves a part's
# inputs as they were does not draw it again
TOUCHPOINT_RENDERED = "touchpoint-rendered"
# the comment explorer (views.comments)
COMMENTS_SEARCH = "comments-search"
COMMENTS_GROUP = "comments-group"
COMMENTS_SOURCE = "comments-source"
COMMENTS_PREV = "comments-prev"
COMMENTS_NEXT = "comments-next"
COMMENTS_PAGE = "comments-page"
COMMENTS_LIST = "comments-list"
COMMENTS_RANGE = "comments-range"
COMMENTS_EXPORT_CSV = "comments-export-csv"
COMMENTS_EXPORT_XLSX = "comments-export-xlsx"
COMMENTS_EXPORT_NOTE = "comments-export-note"
COMMENTS_DRAFTS = "comments-drafts"  # the shown rows' action drafts (title, origin ref)

# my touchpoints
MINE_DEPARTMENT = "mine-department"
MINE_TABLE = "mine-table"
MINE_SUMMARY = "mine-summary"

# atlas
ATLAS_TABLE = "atlas-table"

# personas
PERSONA_CARDS = "persona-cards"

JOURNEY_NOTICE = "journey-notice"
HEATMAP_NOTICE = "heatmap-notice"
BENCHMARK_NOTICE = "benchmark-notice"
TOUCHPOINT_NOTICE = "touchpoint-notice"
MINE_NOTICE = "mine-notice"
ATLAS_NOTICE = "atlas-notice"
PERSONAS_NOTICE = "personas-notice"


def view_option(param: str) -> dict:
    """Return the id of a page control whose value lives in the URL as ?param=value."""
    return {"type": "view-option", "param": param}

# data (imports)
DATA_DROP = "data-drop"
DATA_FILE_INPUT = "data-file-input"
DATA_PROGRESS = "data-upload-progress"
DATA_UPLOAD = "data-upload"
DATA_FILE_INFO = "data-file-info"
DATA_KIND = "data-kind"
DATA_PRESET = "data-preset"
DATA_SOURCE = "data-source"
DATA_SAVE_SOURCE = "data-save-source"
DATA_DATE = "data-date"
DATA_OPTIONS = "data-options"
DATA_MAPPING = "data-mapping"
DATA_CHECK = "data-check"
DATA_RECHECK = "data-recheck"
DATA_CONFIRM = "data-confirm"
DATA_RESULT = "data-result"
DATA_HISTORY = "data-history"
DATA_TICK = "data-tick"
DATA_PROBLEMS = "data-problems"
DATA_PROBLEMS_BUTTON = "data-problems-button"
DATA_PROBLEMS_DOWNLOAD = "data-problems-download"


def map_field(field: str) -> dict:
    """The dropdown choosing the file column for a field."""
    return {"type": "map-field", "field": field}


def alias_label(dimension: str, label: str) -> dict:
    """The dropdown mapping an unknown label to a catalog entry."""
    return {"type": "alias-label", "dimension": dimension, "label": label}


def undo_batch(batch_id: int) -> dict:
    """The confirm-guarded undo button of an import batch."""
    return {"type": "undo-batch", "batch": batch_id}

# Admin page (every id starts with "admin-": the server lets only admins update them)
ADMIN_TICK = "admin-tick"
ADMIN_MESSAGE = "admin-message"
ADMIN_USERS = "admin-users"
ADMIN_NEW_NAME = "admin-new-name"
ADMIN_NEW_ROLE = "admin-new-role"
ADMIN_NEW_DEPARTMENT = "admin-new-department"
ADMIN_NEW_PASSWORD = "admin-new-password"
ADMIN_ADD = "admin-add"
ADMIN_EDIT_USER = "admin-edit-user"
ADMIN_EDIT_ROLE = "admin-edit-role"
ADMIN_EDIT_DEPARTMENT = "admin-edit-department"
ADMIN_EDIT_PASSWORD = "admin-edit-password"
ADMIN_SAVE = "admin-save"
ADMIN_DELETE = "admin-delete"
ADMIN_TOKENS = "admin-tokens"
ADMIN_TOKEN_USER = "admin-token-user"
ADMIN_TOKEN_NAME = "admin-token-name"
ADMIN_TOKEN_CREATE = "admin-token-create"
ADMIN_TOKEN_SHOWN = "admin-token-shown"
ADMIN_TOKEN_REVOKE_NAME = "admin-token-revoke-name"
ADMIN_TOKEN_REVOKE = "admin-token-revoke"
ADMIN_AUDIT = "admin-audit"

# Share & export menu in the navbar
COPY_LINK = "copy-link"
EXPORT_LINKS = ("export-csv", "export-csv-de", "export-xlsx", "export-poster-a3",
                "export-poster-a2", "export-report-html", "export-report-pdf")
EXPORT_DATA_LINKS = EXPORT_LINKS[:3]  # the view's data: disabled on a page without one
EXPORT_PNG = "export-png"
EXPORT_SVG = "export-svg"
EXPORT_DONE = "export-done"

# Designed states: the journey shown of several, and the filters an empty view suggests
# loosening (one link each)
JOURNEY_SEVERAL = "journey-several"


def journey_pill(key: str) -> str:
    return f"journey-pill-{key}"


def filter_link(path: str, params: str = "") -> dict:
    """A link inside a view's content that keeps the URL's filters: ``path`` with the URL's
    query string and ``params`` (``apage=2``; ``persona=`` removes one) set over it. The
    browser rewrites its href as the filters change (assets/filters.js, filterHrefs), so
    the part that holds it need not be drawn again."""
    return {"type": "filter-link", "path": path, "params": params}


def loosen_link(dimension: str) -> dict:
    return {"type": "loosen", "filter": dimension}


# Period presets of the filter bar and the age of the data under it
DATA_AGE = "freshness"  # not "data-…": that prefix guards the Data page's callbacks


def period_preset(name) -> dict:
    return {"type": "period-preset", "preset": name}


# a callback that failed: the message the user sees (dashboard.validation.on_error)
CALLBACK_ERROR = "callback-error"

# actions (the list page, the touchpoint's actions, the action form)
ACTIONS_SUMMARY = "actions-summary"
ACTIONS_TABLE = "actions-table"
TOUCHPOINT_ACTIONS = "touchpoint-actions"
ACTION_NEW = "action-new"
# The form's outputs start with "action-form-": the gate asks for the role owner first.
ACTION_FORM_MODAL = "action-form-modal"
ACTION_FORM_ID = "action-form-id"
ACTION_FORM_TITLE = "action-form-title"
ACTION_FORM_DESCRIPTION = "action-form-description"
ACTION_FORM_OWNER_USER = "action-form-owner-user"
ACTION_FORM_OWNER_DEPARTMENT = "action-form-owner-department"
ACTION_FORM_DUE = "action-form-due"
ACTION_FORM_STATUS = "action-form-status"
ACTION_FORM_ORIGIN = "action-form-origin"
ACTION_FORM_ORIGIN_REF = "action-form-origin-ref"
ACTION_FORM_SAVE = "action-form-save"
ACTION_FORM_CANCEL = "action-form-cancel"
ACTION_FORM_RESULT = "action-form-result"
ACTION_FORM_SAVED = "action-form-saved"
OVERVIEW_ACTIONS = "overview-actions"


# What asks the action form to open prefilled (?act=1 in the URL): not "action-form-",
# so a viewer's page load that carries it meets no role gate.
ACTION_REQUEST = "touchpoint-action-request"


def comment_act(row: int) -> dict:
    """The "start an action" button of the comment shown in row ``row`` of the page."""
    return {"type": "comment-act", "row": row}


def action_edit(action_id: int) -> dict:
    """The edit button of one action."""
    return {"type": "action-edit", "action": action_id}

# Profile page (/account/profile): the signed-in user's address, language, subscriptions
PROFILE_TICK = "profile-tick"
PROFILE_WHO = "profile-who"
PROFILE_MESSAGE = "profile-message"
PROFILE_EMAIL = "profile-email"
PROFILE_LANG = "profile-lang"
PROFILE_SAVE = "profile-save"
PROFILE_SUBSCRIPTIONS = "profile-subscriptions"
PROFILE_SCOPE = "profile-scope"
PROFILE_PLACE = "profile-place"
PROFILE_SUBSCRIBE = "profile-subscribe"
ADMIN_SUBSCRIPTIONS = "admin-subscriptions"


def profile_remove(subscription_id: int) -> dict:
    """The end button of one subscription."""
    return {"type": "profile-remove", "subscription": subscription_id}

# audit rounds: the list page, an auditor's form, a round's progress. Ids of what only
# analysts and admins may change or see start with "audits-manage-" (guarded by the gate).
AUDITS_MINE = "audits-list-mine"
AUDITS_TICK = "audits-list-tick"
AUDITS_MANAGE_ROUNDS = "audits-manage-rounds"
AUDITS_MANAGE_QUESTIONS = "audits-manage-questions"
AUDITS_MANAGE_SAVED = "audits-manage-saved"
AUDITS_MANAGE_RESULT = "audits-manage-result"
AUDITS_MANAGE_NAME = "audits-manage-name"
AUDITS_MANAGE_FROM = "audits-manage-from"
AUDITS_MANAGE_TO = "audits-manage-to"
AUDITS_MANAGE_PERSPECTIVE = "audits-manage-perspective"
AUDITS_MANAGE_JOURNEY = "audits-manage-journey"
AUDITS_MANAGE_TOUCHPOINTS = "audits-manage-touchpoints"
AUDITS_MANAGE_USERS = "audits-manage-users"
AUDITS_MANAGE_DEPARTMENTS = "audits-manage-departments"
AUDITS_MANAGE_CREATE = "audits-manage-create"
AUDITS_MANAGE_Q_SCOPE = "audits-manage-q-scope"
AUDITS_MANAGE_Q_DE = "audits-manage-q-de"
AUDITS_MANAGE_Q_EN = "audits-manage-q-en"
AUDITS_MANAGE_Q_HALF = "audits-manage-q-half"
AUDITS_MANAGE_Q_ADD = "audits-manage-q-add"
AUDITS_MANAGE_Q_RESULT = "audits-manage-q-result"
AUDIT_ROUND_ID = "audit-round-id"
AUDIT_STEP = "audit-step"
AUDIT_SHOWN = "audit-shown"
AUDIT_HEADER = "audit-header"
AUDIT_PROGRESS = "audit-progress"
AUDIT_BODY = "audit-body"
AUDIT_JUMP = "audit-jump"
AUDIT_PREV = "audit-prev"
AUDIT_NEXT = "audit-next"
AUDITS_MANAGE_PROGRESS_ID = "audits-manage-progress-id"
AUDITS_MANAGE_PROGRESS = "audits-manage-progress"
AUDITS_MANAGE_CLOSE = "audits-manage-close"
AUDITS_MANAGE_CLOSE_BUTTON = "audits-manage-close-button"
AUDITS_MANAGE_CLOSE_RESULT = "audits-manage-close-result"
AUDITS_MANAGE_CLOSED = "audits-manage-closed"
AUDITS_MANAGE_INVITE_USERS = "audits-manage-invite-users"
AUDITS_MANAGE_INVITE_DEPARTMENTS = "audits-manage-invite-departments"
AUDITS_MANAGE_INVITE = "audits-manage-invite"
AUDITS_MANAGE_INVITE_RESULT = "audits-manage-invite-result"


AUDIT_SCORE_TYPE = "audit-score"


def audit_score(touchpoint: str, question) -> dict:
    """An auditor's score of one question on one touchpoint (saved on change)."""
    return {"type": AUDIT_SCORE_TYPE, "tp": touchpoint, "q": question}


def audit_comment(touchpoint: str, question) -> dict:
    return {"type": "audit-comment", "tp": touchpoint, "q": question}


def audit_saved(touchpoint: str, question) -> dict:
    """Says "saved" (or why not) beside one answer."""
    return {"type": "audit-saved", "tp": touchpoint, "q": question}


def audit_question_toggle(question) -> dict:
    """Retire a question (or ask it again): analysts and admins."""
    return {"type": "audits-manage-question-toggle", "q": question}

# Alerts page (/alerts) and the bell in the navbar
ALERTS_BADGE = "alerts-badge"
ALERTS_BELL = "nav-alerts"
ALERTS_TABLE = "alerts-table"
ALERTS_MESSAGE = "alerts-message"
ALERTS_MARK_READ = "alerts-mark-read"
ALERTS_TICK = "alerts-tick"
ALERTS_RULES = "alerts-rules"
ALERTS_RULE_SCOPE = "alerts-rule-scope"
ALERTS_RULE_METRIC = "alerts-rule-metric"
ALERTS_RULE_KIND = "alerts-rule-kind"
ALERTS_RULE_THRESHOLD = "alerts-rule-threshold"
ALERTS_RULE_MIN_N = "alerts-rule-min-n"
ALERTS_RULE_ADD = "alerts-rule-add"


def alert_action(alert_id: int) -> dict:
    """The button that turns one alert into an action."""
    return {"type": "alerts-action", "alert": alert_id}


def alert_rule_remove(rule_id: int) -> dict:
    """The delete button of one alert rule."""
    return {"type": "alerts-rule-remove", "rule": rule_id}


# catalog editor (every id starts with "catalog-": the gate needs the analyst role for them)
CATALOG_TICK = "catalog-tick"
CATALOG_ENTITY = "catalog-entity"
CATALOG_PICK = "catalog-pick"
CATALOG_LIST = "catalog-list"
CATALOG_FORM = "catalog-form"
CATALOG_SAVE = "catalog-save"
CATALOG_DELETE = "catalog-delete"
CATALOG_MESSAGE = "catalog-message"
CATALOG_MERGE = "catalog-merge"
CATALOG_MERGE_INTO = "catalog-merge-into"
CATALOG_MERGE_PREVIEW = "catalog-merge-preview"
CATALOG_MERGE_SHOWN = "catalog-merge-shown"
CATALOG_MERGE_CONFIRM = "catalog-merge-confirm"
CATALOG_HISTORY = "catalog-history"
CATALOG_EXPORT = "catalog-export"
CATALOG_DOWNLOAD = "catalog-download"
CATALOG_PICTURE = "catalog-picture"
CATALOG_PICTURE_NOTE = "catalog-picture-note"
CATALOG_PICTURE_ROW = "catalog-picture-row"
CATALOG_PICTURE_STORE = "catalog-picture-store"
CATALOG_FIELD = "catalog-field"
CATALOG_MOVE = "catalog-move"
CATALOG_UNDO = "catalog-undo"
CATALOG_OPEN = "catalog-open"


def catalog_field(name: str) -> dict:
    """The pattern-matching id of one field of the catalog editor's form."""
    return {"type": CATALOG_FIELD, "name": name}


def catalog_move(key: str, step: int) -> dict:
    """The up (-1) or down (+1) arrow of a touchpoint in the catalog editor's list."""
    return {"type": CATALOG_MOVE, "key": key, "step": step}


def catalog_open(key: str) -> dict:
    """An entry's name in the catalog editor's list: opens it in the form."""
    return {"type": CATALOG_OPEN, "key": key}


def catalog_undo(change_id: int) -> dict:
    """The undo button of one change in the catalog editor's history."""
    return {"type": CATALOG_UNDO, "id": change_id}


# workshop: the facilitator's screen (outputs start with "workshop-screen-": analysts and
# admins only) and a participant's phone
WORKSHOP_SCREEN_JOURNEY = "workshop-screen-journey"
WORKSHOP_SCREEN_ID = "workshop-screen-id"
WORKSHOP_SCREEN_POLL = "workshop-screen-poll"
WORKSHOP_SCREEN_SEEN = "workshop-screen-seen"
WORKSHOP_SCREEN_STATE = "workshop-screen-state"
WORKSHOP_SCREEN_JOIN = "workshop-screen-join"
WORKSHOP_SCREEN_CONTROLS = "workshop-screen-controls"
WORKSHOP_SCREEN_COUNTS = "workshop-screen-counts"
WORKSHOP_SCREEN_CURVE = "workshop-screen-curve"
WORKSHOP_SCREEN_CURVE_WRAP = "workshop-screen-curve-wrap"
WORKSHOP_SCREEN_TABLE = "workshop-screen-table"
WORKSHOP_SCREEN_NOTES = "workshop-screen-notes"
WORKSHOP_SCREEN_START = "workshop-screen-start"
WORKSHOP_SCREEN_REVEAL = "workshop-screen-reveal"
WORKSHOP_SCREEN_END = "workshop-screen-end"
WORKSHOP_SCREEN_END_BUTTON = "workshop-screen-end-button"
WORKSHOP_SCREEN_RESULT = "workshop-screen-result"
WORKSHOP_SCREEN_CHANGED = "workshop-screen-changed"
WORKSHOP_SCREEN_PDF = "workshop-screen-pdf"
WORKSHOP_NOTE_TYPE = "workshop-screen-note"
WORKSHOP_PHONE_CODE = "workshop-phone-code"
WORKSHOP_PHONE_CODE_INPUT = "workshop-phone-code-input"
WORKSHOP_PHONE_FORM = "workshop-phone-form"
WORKSHOP_PHONE_JOIN = "workshop-phone-join"
WORKSHOP_PHONE_JOIN_RESULT = "workshop-phone-join-result"
WORKSHOP_PHONE_HEADER = "workshop-phone-header"
WORKSHOP_PHONE_PROGRESS = "workshop-phone-progress"
WORKSHOP_PHONE_BODY = "workshop-phone-body"
WORKSHOP_RATE_TYPE = "workshop-phone-rate"
JOURNEY_WORKSHOP = "journey-workshop"


def workshop_note(touchpoint: str) -> dict:
    """The facilitator's note on one touchpoint (saved when it loses the focus)."""
    return {"type": WORKSHOP_NOTE_TYPE, "tp": touchpoint}


def workshop_note_saved(touchpoint: str) -> dict:
    return {"type": "workshop-screen-note-saved", "tp": touchpoint}


def workshop_rate(touchpoint: str, score) -> dict:
    """One of the ten big buttons that rate a touchpoint on a phone."""
    return {"type": WORKSHOP_RATE_TYPE, "tp": touchpoint, "score": score}


def workshop_rated(touchpoint: str) -> dict:
    """Says "saved" (or why not) under a touchpoint's buttons."""
    return {"type": "workshop-phone-rated", "tp": touchpoint}
