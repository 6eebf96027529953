"""E-mail delivery of the weekly report over SMTP (CXDASH_SMTP_* settings)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from dashboard.config import Config


class MailNotConfigured(RuntimeError):
    """CXDASH_SMTP_HOST or the recipients are missing."""


def send_report(config: Config, subject: str, text: str, html: str, file_name: str,
                recipients: list[str] | None = None, *, headers: dict[str, str] | None = None,
                attachment: str | None = None) -> list[str]:
    """Send the report: a text part, the HTML report as the body and as an attachment
    (``attachment``: a different HTML for the file, e.g. without a personal link).

    Returns the recipients. Raises MailNotConfigured or smtplib/OSError errors.
    """
    to = [r.strip() for r in (recipients or config.smtp_to.split(",")) if r.strip()]
    if not config.smtp_host or not to:
        raise MailNotConfigured("Set CXDASH_SMTP_HOST and CXDASH_SMTP_TO (comma-separated) "
                                "to send reports by e-mail.")
    return send(config, to, subject, text, html, headers=headers, attachment=(
        (attachment if attachment is not None else html), file_name))


def send(config: Config, to: list[str], subject: str, text: str, html: str, *,
         headers: dict[str, str] | None = None,
         attachment: tuple[str, str] | None = None) -> list[str]:
    """Send one mail (text and HTML, optionally an HTML file as (content, file name))."""
    if not config.smtp_host:
        raise MailNotConfigured("Set CXDASH_SMTP_HOST to send e-mail.")
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.smtp_from or f"cxdash@{config.smtp_host}"
    message["To"] = ", ".join(to)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    if attachment is not None:
        message.add_attachment(attachment[0].encode("utf-8"), maintype="text",
                               subtype="html", filename=attachment[1])
    if config.smtp_ssl:
        smtp = smtplib.SMTP_SSL(config.smtp_host, config.smtp_port or 465, timeout=30,
                                context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(config.smtp_host, config.smtp_port or 25, timeout=30)
    with smtp:
        if config.smtp_starttls and not config.smtp_ssl:
            smtp.starttls(context=ssl.create_default_context())
        if config.smtp_user:
            smtp.login(config.smtp_user, config.smtp_password)
        smtp.send_message(message)
    return to
