"""Alert mails: each new alert to the owners of its department and the subscribers of its
place, one mail per alert and recipient, in the recipient's language."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from markupsafe import escape

from dashboard import mail
from dashboard.config import Config
from dashboard.i18n import date, number, t
from data.alerts import inbox
from data.store import Store

log = logging.getLogger(__name__)
DIGITS = {"audit": 1, "nps": 0, "ces": 2, "csat": 0, "conversion": 1}


@dataclass
class Outcome:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def describe(alert: dict, lang: str) -> dict[str, str]:
    """The words of one alert: metric, kind, place, value ± interval, period."""
    digits = DIGITS.get(alert["metric"], 1)
    value = number(alert["value"], lang, digits)
    interval = (f"[{number(alert['low'], lang, digits)}; {number(alert['high'], lang, digits)}]"
                if alert.get("low") is not None and alert.get("high") is not None else "")
    return {"metric": t(f"alerts.metric.{alert['metric']}", lang),
            "kind": t(f"alerts.kind.{alert['kind']}", lang),
            "place": alert.get("touchpoint_name") or alert["place"],
            "value": value, "interval": interval, "n": str(int(alert["n"])),
            "reference": number(alert.get("reference"), lang, digits),
            "period": f"{date(alert['period_start'], lang)} – {date(alert['period_end'], lang)}",
            "method": alert["method"]}


def _compose(alert: dict, lang: str, config: Config) -> tuple[str, str, str]:
    words = describe(alert, lang)
    subject = t("alerts.mail_subject", lang, **words)
    body = t("alerts.mail_body", lang, **words)
    link = f"{config.public_url.rstrip('/')}/alerts" if config.public_url else ""
    why = t("alerts.mail_why", lang)
    text = f"{body}\n\n{t('alerts.col.method', lang)}: {words['method']}\n"
    text += (f"{link}\n" if link else "") + f"-- \n{why}\n"
    html = (f"<p>{escape(body)}</p><p class='meta'>{escape(t('alerts.col.method', lang))}: "
            f"{escape(words['method'])}</p>"
            + (f"<p><a href='{escape(link)}'>{escape(t('alerts.title', lang))}</a></p>"
               if link else "") + f"<hr><p class='meta'>{escape(why)}</p>")
    return subject, text, f"<html><body>{html}</body></html>"


def send(store: Store, config: Config, alerts: list[dict]) -> Outcome:
    """Mail each alert to each of its recipients once (claimed before sending, given back
    when sending fails, so the next run tries again)."""
    outcome = Outcome()
    for alert in alerts:
        for user in inbox.recipients(store, alert):
            if not inbox.claim_mail(store, alert["id"], user.name):
                continue
            lang = user.lang or config.language or "en"
            subject, text, html = _compose(alert, lang, config)
            try:
                mail.send(config, [user.email], subject, text, html)
            except Exception as exc:  # noqa: BLE001 (one failed mail must not stop others)
                inbox.release_mail(store, alert["id"], user.name)
                log.warning("alert %s to %s: sending failed: %s", alert["id"], user.name, exc)
                outcome.failed.append(f"alert {alert['id']} → {user.name}: {exc}")
                continue
            outcome.sent.append(f"alert {alert['id']} → {user.email}")
    return outcome


def install(store: Store, config: Config, background: bool = False) -> None:
    """Mail the alerts of every import and undo through this store (when SMTP is set):
    the new ones, and those of the last days whose mail failed before. ``background``
    (the web server): in a thread of its own, so an upload never waits for a mail server."""
    if not config.smtp_host:
        return

    def hook(store: Store, _raised) -> None:
        if background:
            threading.Thread(target=send, args=(store, config, inbox.recent(store)),
                             name="cxdash-alert-mail", daemon=True).start()
        else:
            send(store, config, inbox.recent(store))

    store.after_change.append(hook)
