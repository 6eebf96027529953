"""``cxdash report --subscriptions``: each subscription gets its weekly report, once a week,
in its user's language, with a link (and a List-Unsubscribe header) that ends it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from markupsafe import escape

from dashboard import mail, report
from dashboard.config import Config
from dashboard.i18n import t
from data import accounts, queries, subscriptions
from data.store import Store

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a run did: (user, place) lines per result."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # this week sent already
    no_address: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self, week) -> str:
        lines = [f"Subscriptions for {week}: {len(self.sent)} sent, {len(self.skipped)} sent "
                 f"before, {len(self.no_address)} without an e-mail address, "
                 f"{len(self.failed)} failed."]
        for label, items in (("sent", self.sent), ("failed", self.failed),
                             ("no address", self.no_address)):
            lines += [f"  {label}: {item}" for item in items]
        return "\n".join(lines)


def place_name(store: Store, scope: str, key: str | None, lang: str) -> str:
    """'everything', 'journey Störung beheben' or 'department Kundenservice'."""
    if scope == "all":
        return t("sub.scope.all", lang)
    table = queries.catalog(store)["journeys" if scope == "journey" else "departments"]
    match = table.loc[table["key"] == key, "name"]
    return t(f"sub.scope.{scope}", lang, name=match.iloc[0] if len(match) else key)


def unsubscribe_url(config: Config, token: str) -> str:
    return f"{config.public_url.rstrip('/')}/unsubscribe/{token}"


def _footer_html(place: str, url: str, manage: str, lang: str) -> str:
    return ("<hr><p class='meta' id='unsubscribe'>"
            f"{escape(t('sub.mail_why', lang, place=place))} "
            f"<a href='{escape(url)}'>{escape(t('sub.mail_unsubscribe', lang))}</a> · "
            f"<a href='{escape(manage)}'>{escape(t('sub.mail_manage', lang))}</a></p>")


def send(store: Store, config: Config, week: report.Week) -> Outcome:
    """Send every subscription its report of ``week`` (not those that had it already)."""
    if not config.public_url:
        raise mail.MailNotConfigured("Set CXDASH_PUBLIC_URL (the address people open the app "
                                     "at) so the mails can link to it and to unsubscribe.")
    if not config.smtp_host:
        raise mail.MailNotConfigured("Set CXDASH_SMTP_HOST to send reports by e-mail.")
    outcome = Outcome()
    built: dict[tuple, tuple[dict, str]] = {}  # one report per place and language
    manage = f"{config.public_url.rstrip('/')}/account/profile"
    for sub in subscriptions.list_for(store):
        user = accounts.get_user(store, sub.user_name)
        lang = (user.lang if user else None) or config.language or "en"
        place = place_name(store, sub.scope, sub.key, lang)
        line = f"{sub.user_name} · {place}"
        if user is None or not user.email:
            outcome.no_address.append(line)
            continue
        claimed, before = subscriptions.claim(store, sub.id, str(week))
        if not claimed:
            outcome.skipped.append(line)
            continue
        try:
            where = (sub.scope, sub.key, lang)
            if where not in built:
                content = report.build(store, week, lang,
                                       sub.key if sub.scope == "journey" else None,
                                       sub.key if sub.scope == "department" else None)
                built[where] = (content, report.render_html(content, store, lang))
            content, html = built[where]
            url = unsubscribe_url(config, subscriptions.token(store, sub.id))
            body = html.replace("</body>", _footer_html(place, url, manage, lang) + "</body>", 1)
            text = (report.text_summary(content, lang) + "\n-- \n"
                    + t("sub.mail_why", lang, place=place) + "\n"
                    + t("sub.mail_unsubscribe", lang) + ": " + url + "\n"
                    + t("sub.mail_manage", lang) + ": " + manage + "\n")
            subject = f"{report.subject(content, lang)} · {place}"
            mail.send_report(config, subject, text, body, f"cxdash-report-{week}.html",
                             [user.email], attachment=html, headers={
                                 "List-Unsubscribe": f"<{url}>",
                                 # RFC 8058: a mail program may end it with one POST.
                                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
        except Exception as exc:  # noqa: BLE001 (one failed mail must not stop the others)
            subscriptions.release(store, sub.id, str(week), before)
            log.warning("subscription %s of %s: sending failed: %s", sub.id, sub.user_name, exc)
            outcome.failed.append(f"{line}: {exc}")
            continue
        outcome.sent.append(f"{line} → {user.email}")
    return outcome



def register(server, store: Store, config: Config) -> None:
    """``POST /api/v1/subscriptions/send`` (an admin's token; form or JSON ``week``,
    default ``last``): the same run through the server, for DuckDB deployments, where
    the running server is the one process that may write the database."""
    import flask

    from dashboard import auth

    @server.post("/api/v1/subscriptions/send")
    def api_send_subscriptions():
        try:
            auth.require("admin")
        except auth.Forbidden as exc:
            return flask.jsonify({"error": str(exc)}), 403
        data = flask.request.get_json(silent=True)
        text = ((data.get("week") if isinstance(data, dict) else None)
                or flask.request.values.get("week") or "last")
        try:
            week = report.parse_week(str(text), store)
        except ValueError as exc:
            return flask.jsonify({"error": str(exc)}), 400
        try:
            outcome = send(store, config, week)
        except mail.MailNotConfigured as exc:
            return flask.jsonify({"error": str(exc)}), 503
        return flask.jsonify({"week": str(week), "sent": outcome.sent,
                              "sent_before": outcome.skipped,
                              "no_address": outcome.no_address,
                              "failed": outcome.failed}), (502 if outcome.failed else 200)
