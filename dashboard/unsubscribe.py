"""``/unsubscribe/<token>``: ends one report subscription without signing in (the signed
token in the link is the proof). A GET only asks (mail scanners open links), the button's
POST ends it; a mail program's RFC 8058 one-click POST ends it at once."""

from __future__ import annotations

import flask
from markupsafe import escape

from dashboard import auth, subscription_mail
from dashboard.config import Config
from dashboard.i18n import t
from data import accounts, subscriptions
from data.store import Store


def _invalid(lang: str) -> flask.Response:
    body = (f'    <p id="unsubscribe-invalid">{escape(t("unsub.invalid", lang))}</p>\n'
            f'    <p class="small mb-0"><a href="/account/profile">'
            f'{escape(t("unsub.manage", lang))}</a></p>')
    return auth._page(lang, t("unsub.invalid_title", lang), body, 404)  # noqa: SLF001


def register(server: flask.Flask, store: Store, config: Config) -> None:
    @server.route("/unsubscribe/<token>", methods=["GET", "POST"])
    def unsubscribe(token: str):
        found = subscriptions.by_token(store, token[:200])
        user = accounts.get_user(store, found.user_name) if found else None
        lang = (user.lang if user and user.lang else None) or auth.language(config)
        if found is None:
            return _invalid(lang)
        place = subscription_mail.place_name(store, found.scope, found.key, lang)
        if flask.request.method == "GET":
            question = t("unsub.question", lang, place=place,
                         email=(user.email if user else None) or found.user_name)
            body = (f'    <p id="unsubscribe-question">{escape(question)}</p>\n'
                    f'    <form method="post" action="/unsubscribe/{escape(token)}">\n'
                    f'      <button class="btn btn-primary w-100" id="unsubscribe-submit" '
                    f'type="submit">{escape(t("unsub.submit", lang))}</button>\n    </form>')
            return auth._page(lang, t("unsub.title", lang), body)  # noqa: SLF001
        if subscriptions.unsubscribe(store, token) is None:
            return _invalid(lang)  # ended a moment ago by another click
        body = (f'    <div class="alert alert-success" role="status" id="unsubscribe-done">'
                f'{escape(t("unsub.done", lang, place=place))}</div>\n'
                f'    <p class="small mb-0"><a href="/account/profile">'
                f'{escape(t("unsub.manage", lang))}</a></p>')
        return auth._page(lang, t("unsub.title", lang), body)  # noqa: SLF001
