"""The ``cxdash`` command: database, imports, KPIs, demo data and the server."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dashboard.config import Config
from data.store import DatabaseBusyError, Store


def _store(args) -> Store:
    config = Config.from_env(database_url=getattr(args, "database_url", None))
    store = Store(config.database_url)
    store.upgrade()
    from dashboard import alert_mail

    alert_mail.install(store, config)
    return store


def cmd_db(args) -> int:
    config = Config.from_env(database_url=args.database_url)
    store = Store(config.database_url)
    if args.action == "upgrade":
        store.upgrade()
        print(f"Database {config.database_url} is at revision {store.current_revision()}.")
    else:
        print(store.current_revision() or "empty (no migrations applied)")
    return 0


def _pairs(values: list[str] | None, what: str) -> dict[str, str]:
    out = {}
    for item in values or []:
        left, sep, right = item.partition("=")
        if not sep or not left.strip():
            raise ValueError(f"{what} takes NAME=VALUE, not {item!r}")
        out[left.strip()] = right.strip()
    return out


def _aliases(values: list[str] | None) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for label, key in _pairs(values, "--alias").items():
        dimension, sep, text = label.partition(":")
        if not sep:
            raise ValueError(f"--alias takes DIMENSION:LABEL=KEY, not {label!r}")
        out.setdefault(dimension.strip(), {})[text.strip()] = key
    return out


def cmd_import(args) -> int:
    from data.ingest import ImportOptions, import_file, prepare

    path = Path(args.file)
    if not path.is_file():
        print(f"cxdash import: no such file: {path}", file=sys.stderr)
        return 2
    try:
        options = ImportOptions(
            preset=args.preset, mapping=_pairs(args.map, "--map"), source=args.source,
            default_date=args.date, ces_reversed=True if args.ces_reversed else None,
            aliases=_aliases(args.alias), skip_invalid=args.skip_invalid,
            allow_duplicate=args.allow_duplicate, sheet=args.sheet,
            answers=_pairs(args.answer, "--answer"), day_first=args.day_first)
    except ValueError as exc:
        print(f"cxdash import: {exc}", file=sys.stderr)
        return 2
    store = _store(args)
    started = time.perf_counter()
    content = path.read_bytes()
    if args.dry_run:
        result = prepare(store, content, args.kind, file_name=path.name, options=options)
    else:
        result = import_file(store, content, args.kind, file_name=path.name,
                             created_by=args.user or "cli", options=options, save_source=args.save_source)
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(result.details() if args.dry_run else result.as_dict(),
                         ensure_ascii=False, default=str))
    elif result.ok:
        verb = "Would import" if args.dry_run else "Imported"
        batch = "" if args.dry_run else f" as batch {result.batch_id}"
        print(f"{verb} {result.rows_imported} rows from {path.name}{batch} in {elapsed:.1f} s "
              f"(format {result.preset}, {result.rows_skipped} rows skipped).")
        for note in result.notes:
            print(f"  {note}")
        if result.mapping:
            print("  columns: " + ", ".join(f"{f}={c!r}" for f, c in result.mapping.items()))
    else:
        print(f"Rejected {path.name}: nothing was imported. {len(result.errors)} problem(s):",
              file=sys.stderr)
        for problem in result.errors:
            print(f"  {problem}", file=sys.stderr)
    return 0 if result.ok else 1


def cmd_undo(args) -> int:
    from data.ingest import undo

    store = _store(args)
    try:
        removed = undo(store, args.batch_id, actor=args.user or "cli")
    except (LookupError, ValueError) as exc:
        print(f"cxdash undo: {exc}", file=sys.stderr)
        return 1
    print(f"Undid batch {args.batch_id}: {removed} rows removed.")
    return 0


def cmd_batches(args) -> int:
    import sqlalchemy as sa

    from data import schema

    store = _store(args)
    batches = schema.import_batches
    frame = store.read_sql(sa.select(batches).order_by(batches.c.id.desc()).limit(args.limit))
    if args.json:
        print(frame.to_json(orient="records", date_format="iso"))
    elif frame.empty:
        print("No imports yet.")
    else:
        print(frame[["id", "kind", "file_name", "created_at", "rows_imported", "rows_skipped",
                     "status"]].to_string(index=False))
    return 0


def _read_password(args, prompt: str = "Password: ") -> str:
    import getpass

    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("Again: ") != first:
        raise ValueError("The two passwords differ.")
    return first


def cmd_users(args) -> int:
    from data import accounts

    store = _store(args)
    try:
        if args.action == "list":
            frame = accounts.list_users(store)
            print(frame.to_string(index=False) if not frame.empty else "No users.")
        elif args.action == "add":
            password = None if args.sso else _read_password(args)
            accounts.add_user(store, args.name, args.role, password, args.department,
                              actor="cli", email=args.email, lang=args.lang)
            print(f"Created user {args.name!r} with role {args.role}.")
        elif args.action == "passwd":
            accounts.set_password(store, args.name, _read_password(args, "New password: "))
            print(f"Changed the password of {args.name!r}; their other sessions end.")
        elif args.action == "set":
            accounts.update_user(store, args.name, role=args.role,
                                 department_key="" if args.department is None else args.department,
                                 email="" if args.email is None else args.email,
                                 lang="" if args.lang is None else args.lang)
            print(f"Updated user {args.name!r}.")
        elif args.action == "delete":
            accounts.delete_user(store, args.name)
            print(f"Deleted user {args.name!r} and their API tokens.")
    except (accounts.AccountError, ValueError) as exc:
        print(f"cxdash users: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_tokens(args) -> int:
    from data import accounts

    store = _store(args)
    try:
        if args.action == "create":
            if not args.user:
                raise accounts.AccountError("tell whose role the token carries: --user NAME")
            token = accounts.create_token(store, args.user, args.name)
            print(f"API token for user {args.user!r} (shown once; send it as "
                  "'Authorization: Bearer …'):")
            print(token)
        elif args.action == "revoke":
            if not args.name:
                raise accounts.AccountError("name the token to revoke")
            accounts.revoke_token(store, args.name)
            print(f"Revoked token {args.name!r}.")
        else:
            frame = accounts.list_tokens(store)
            print(frame.to_string(index=False) if not frame.empty else "No API tokens.")
    except accounts.AccountError as exc:
        print(f"cxdash tokens: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_audit(args) -> int:
    from data import accounts

    frame = accounts.audit_trail(_store(args), limit=args.limit)
    print(frame.to_string(index=False) if not frame.empty else "The audit trail is empty.")
    return 0


def kpi_summary(store: Store, filters) -> dict:
    """Return the ``kpi --json`` structure for filters: the overview model's numbers."""
    from data import queries
    from views import overview

    return overview.kpi_summary(overview.model(store, filters),
                                queries.web_totals(store, filters))


def cmd_kpi(args) -> int:
    from data.queries import Filters

    store = _store(args)
    try:
        filters = Filters.of(
            journeys=args.journey, personas=args.persona, phases=args.phase,
            channels=args.channel, departments=args.department, touchpoints=args.touchpoint,
            date_from=args.date_from, date_to=args.date_to,
        )
    except ValueError as exc:
        print(f"cxdash kpi: {exc} (dates are YYYY-MM-DD)", file=sys.stderr)
        return 2
    result = kpi_summary(store, filters)
    if args.json:
        print(json.dumps(result))
        return 0
    for name, values in result.items():
        shown = ", ".join(f"{k}={'–' if v is None else (round(v, 2) if isinstance(v, float) else v)}"
                          for k, v in values.items())
        print(f"{name:7} {shown}")
    return 0


def cmd_actions(args) -> int:
    from data.queries import Filters
    from views import actions as view

    store = _store(args)
    try:
        filters = Filters.of(
            journeys=args.journey, personas=args.persona, phases=args.phase,
            channels=args.channel, departments=args.department, touchpoints=args.touchpoint,
            date_from=args.date_from, date_to=args.date_to)
    except ValueError as exc:
        print(f"cxdash actions: {exc} (dates are YYYY-MM-DD)", file=sys.stderr)
        return 2
    m = view.model(store, filters, {"sort": args.sort})
    frame = view.export_frame(m.frame)
    if args.status:
        frame = frame.loc[frame["status"].isin(args.status)]
    if args.json:
        from dashboard.api import _plain

        print(json.dumps([{k: _plain(v) for k, v in r.items()}
                          for r in frame.to_dict("records")]))
        return 0
    if frame.empty:
        print("No actions for these filters.")
        return 0
    shown = frame[["id", "title", "touchpoint", "owner", "due_date", "status", "overdue",
                   "done_on"]]
    print(shown.to_string(index=False))
    return 0


def cmd_demo(args) -> int:
    from data import demo

    store = _store(args)
    if not store.is_empty() and not args.replace:
        print("The database already holds data; the demo would mix with it. Use --replace to "
              "wipe the database and load the demo, or point CXDASH_DATABASE_URL elsewhere.",
              file=sys.stderr)
        return 1
    started = time.perf_counter()
    if args.replace:  # one transaction: a kill or an error half-way leaves the old data
        with store.one_transaction():
            wipe(store)
            counts = demo.load(store, responses=args.responses, seed=args.seed)
            counts["actions"] += demo.add_many_actions(store, args.actions, args.seed)
        from data.alerts import evaluate

        evaluate.after_change(store)  # inside the transaction the imports could not
    else:
        counts = demo.load(store, responses=args.responses, seed=args.seed)
        counts["actions"] += demo.add_many_actions(store, args.actions, args.seed)
    print(f"Loaded the demo dataset in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def wipe(store: Store) -> None:
    """Delete all data (keeps the schema, the accounts and the audit trail)."""
    from data import schema
    from data.store import bump_data_version

    keep = {schema.data_version, schema.users, schema.api_tokens, schema.audit_log,
            schema.app_settings, schema.sessions, schema.subscriptions}
    with store.begin() as conn:
        for table in reversed(schema.metadata.sorted_tables):
            if table not in keep:
                conn.execute(table.delete())
        # The alert rules are gone with the catalog: owners get their defaults again.
        conn.execute(schema.app_settings.delete().where(
            schema.app_settings.c.key.like("alert_defaults:%")))
        bump_data_version(conn)


def cmd_report(args) -> int:
    from dashboard import mail, pdf, report

    config = Config.from_env(database_url=args.database_url)
    store = _store(args)
    lang = args.lang or config.language or "en"
    try:
        week = report.parse_week(args.week, store)
    except ValueError as exc:
        print(f"cxdash report: {exc}", file=sys.stderr)
        return 2
    if args.subscriptions:
        return _send_subscriptions(store, config, week)
    content = report.build(store, week, lang, args.journey, args.department)
    html = report.render_html(content, store, lang)
    if args.out:
        out = Path(args.out)
        try:
            data = pdf.html_to_pdf(html) if out.suffix.lower() == ".pdf" else html.encode()
        except pdf.PdfUnavailable as exc:
            print(f"cxdash report: {exc}", file=sys.stderr)
            return 1
        out.write_bytes(data)
        print(f"Wrote the report for {week} to {out} ({len(data) // 1024} KB).")
    if args.email:
        try:
            to = mail.send_report(config, report_subject(content, lang),
                                  report.text_summary(content, lang), html,
                                  f"cxdash-report-{week}.html", args.to)
        except mail.MailNotConfigured as exc:
            print(f"cxdash report: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:  # smtplib errors are OSErrors
            print(f"cxdash report: sending failed: {exc}", file=sys.stderr)
            return 1
        print(f"Sent the report for {week} to {', '.join(to)}.")
    if not args.out and not args.email:
        sys.stdout.write(html)
    return 0


def _send_subscriptions(store, config, week) -> int:
    from dashboard import mail, subscription_mail

    try:
        outcome = subscription_mail.send(store, config, week)
    except mail.MailNotConfigured as exc:
        print(f"cxdash report: {exc}", file=sys.stderr)
        return 2
    print(outcome.summary(week))
    if outcome.failed:
        print(f"cxdash report: sending failed for {len(outcome.failed)} subscription(s); "
              "the next run tries them again.", file=sys.stderr)
        return 1
    return 0


def report_subject(content: dict, lang: str) -> str:
    from dashboard import report

    return report.subject(content, lang)


def _alert_numbers(alert) -> str:
    def num(x):
        return "–" if x is None else f"{x:.1f}"

    if alert.rule.kind == "drift":
        return (f"EWMA {num(alert.value)} below its limit {num(alert.low)} "
                f"(baseline {num(alert.reference)})")
    return (f"{num(alert.value)} [{num(alert.low)}, {num(alert.high)}] against "
            f"{num(alert.reference)}")


def cmd_alerts(args) -> int:
    from data.alerts import backtest, evaluate

    store = _store(args)
    if args.action == "backtest":
        from data import demo

        result = backtest.run(store, stories=demo.stories())
        print("No data to backtest." if result is None else backtest.report(result))
        return 0
    started = time.perf_counter()
    if not args.dry_run:
        raised = evaluate.run(store)
        for hook in store.after_change:
            hook(store, raised)
    else:
        raised = evaluate.run(store, dry_run=True)
    took = time.perf_counter() - started
    verb = "would raise" if args.dry_run else "raised"
    print(f"Alert rules {verb} {len(raised)} new alert(s) in {took:.2f} s.")
    for alert in raised:
        print(f"  {alert.period_end} {alert.place} {alert.rule.metric} {alert.rule.kind}: "
              f"{_alert_numbers(alert)}, n={alert.n} (rule {alert.rule.id}; {alert.method})")
    return 0


def cmd_serve(args) -> int:
    from dashboard.app import create_app, settle_for_serving, warm_up

    config = Config.from_env(database_url=args.database_url)
    if args.demo_if_empty:
        store = Store(config.database_url)
        store.upgrade()
        if store.is_empty():
            from data import demo

            print("Empty database: loading the demo dataset …", flush=True)
            demo.load(store)
        store.dispose()
    app = create_app(config)
    settle_for_serving()
    warm_up(app)
    print(f"cxdash serves http://{args.host}:{args.port}", flush=True)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cxdash", description=__doc__)
    p.add_argument("--database-url", help="overrides CXDASH_DATABASE_URL")
    sub = p.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", help="create or migrate the database")
    db.add_argument("action", choices=["upgrade", "current"])
    db.set_defaults(func=cmd_db)

    imp = sub.add_parser("import", help="import a file in the canonical format")
    imp.add_argument("file")
    imp.add_argument("--kind", required=True,
                     choices=["catalog", "nps", "ces", "csat", "audit", "web"])
    imp.add_argument("--json", action="store_true", help="print the result as JSON")
    imp.add_argument("--user", help="who imports (recorded with the batch)")
    imp.add_argument("--allow-duplicate", action="store_true",
                     help="import a file even if the same file was imported before")
    imp.add_argument("--preset", default="auto",
                     choices=["auto", "canonical", "qualtrics", "surveymonkey", "limesurvey",
                              "sosci", "typeform", "ga4", "ua", "matomo", "excel-de", "xlsx"],
                     help="the tool that wrote the file (default: detect)")
    imp.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                     help="take FIELD from COLUMN (a header as shown, or #N); repeatable")
    imp.add_argument("--source", metavar="NAME",
                     help="reuse (and update) the saved mapping of this source")
    imp.add_argument("--save-source", metavar="NAME", help="save the mapping used under NAME")
    imp.add_argument("--date", metavar="YYYY-MM-DD",
                     help="one date for every row (overrides any date column of the file)")
    imp.add_argument("--sheet", metavar="NAME", help=".xlsx: the sheet to read (default: first)")
    imp.add_argument("--ces-reversed", action="store_true",
                     help="the source scores CES with 1 = least effort; flip it")
    imp.add_argument("--alias", action="append", metavar="DIMENSION:LABEL=KEY",
                     help="remember that LABEL means catalog KEY (e.g. touchpoint:Rückruf=st-hotline)")
    imp.add_argument("--answer", action="append", metavar="WORDING=VALUE",
                     help="read an answer wording the rules do not know as a scale value "
                          "(repeatable; remembered with --save-source)")
    order = imp.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="day_first", action="store_const", const=True,
                       help="read 03/04/2026 as 3 April (default: decided from the values)")
    order.add_argument("--month-first", dest="day_first", action="store_const", const=False,
                       help="read 03/04/2026 as 4 March")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows and report the invalid ones")
    imp.add_argument("--dry-run", action="store_true",
                     help="check and preview the file without importing it")
    imp.set_defaults(func=cmd_import)

    undo = sub.add_parser("undo", help="undo an import batch")
    undo.add_argument("batch_id", type=int)
    undo.add_argument("--user", help="who undoes (recorded in the audit trail)")
    undo.set_defaults(func=cmd_undo)

    batches = sub.add_parser("batches", help="list import batches, newest first")
    batches.add_argument("--limit", type=int, default=20)
    batches.add_argument("--json", action="store_true")
    batches.set_defaults(func=cmd_batches)

    imports = sub.add_parser("imports", help="list import batches or undo one")
    imports_sub = imports.add_subparsers(dest="action", required=True)
    imports_list = imports_sub.add_parser("list", help="list import batches, newest first")
    imports_list.add_argument("--limit", type=int, default=20)
    imports_list.add_argument("--json", action="store_true")
    imports_list.set_defaults(func=cmd_batches)
    imports_undo = imports_sub.add_parser("undo", help="undo an import batch")
    imports_undo.add_argument("batch_id", type=int)
    imports_undo.add_argument("--user", help="who undoes (recorded in the audit trail)")
    imports_undo.set_defaults(func=cmd_undo)

    tokens = sub.add_parser("tokens", help="API tokens for POST /api/v1/imports")
    tokens.add_argument("action", choices=["create", "list", "revoke"])
    tokens.add_argument("name", nargs="?", help="the token's name (create: default USER-xxxxxx)")
    tokens.add_argument("--user", help="create: the user whose role the token carries")
    tokens.set_defaults(func=cmd_tokens)

    users = sub.add_parser("users", help="accounts that sign in to the dashboard")
    users_sub = users.add_subparsers(dest="action", required=True)
    users_sub.add_parser("list", help="list the users").set_defaults(func=cmd_users)
    users_add = users_sub.add_parser("add", help="create a user (asks for the password)")
    users_add.add_argument("name")
    users_add.add_argument("--role", required=True, choices=["viewer", "owner", "analyst", "admin"])
    users_add.add_argument("--department", metavar="KEY", help="owner: the department they own")
    users_add.add_argument("--password-stdin", action="store_true",
                           help="read the password from the first line of standard input")
    users_add.add_argument("--email", help="where alerts and subscribed reports go")
    users_add.add_argument("--lang", choices=["de", "en"], help="the language of their mails")
    users_add.add_argument("--sso", action="store_true",
                           help="no password: the user signs in through the trusted SSO header")
    users_add.set_defaults(func=cmd_users)
    users_passwd = users_sub.add_parser("passwd", help="set a user's password")
    users_passwd.add_argument("name")
    users_passwd.add_argument("--password-stdin", action="store_true")
    users_passwd.set_defaults(func=cmd_users)
    users_set = users_sub.add_parser("set", help="change a user's role or department")
    users_set.add_argument("name")
    users_set.add_argument("--role", choices=["viewer", "owner", "analyst", "admin"])
    users_set.add_argument("--department", metavar="KEY", help="'' removes it")
    users_set.add_argument("--email", help="'' removes it")
    users_set.add_argument("--lang", choices=["de", "en", ""], help="'' removes it")
    users_set.set_defaults(func=cmd_users)
    users_delete = users_sub.add_parser("delete", help="delete a user and their tokens")
    users_delete.add_argument("name")
    users_delete.set_defaults(func=cmd_users)

    audit = sub.add_parser("audit", help="show the audit trail, newest first")
    audit.add_argument("--limit", type=int, default=50)
    audit.set_defaults(func=cmd_audit)

    kpi = sub.add_parser("kpi", help="print the KPIs for filters")
    kpi.add_argument("--json", action="store_true")
    for dim in ("journey", "persona", "phase", "channel", "department", "touchpoint"):
        kpi.add_argument(f"--{dim}", action="append", metavar="KEY", help=f"{dim} key (repeatable)")
    kpi.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    kpi.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    kpi.set_defaults(func=cmd_kpi)

    acts = sub.add_parser("actions", help="actions on touchpoints and journeys")
    acts_sub = acts.add_subparsers(dest="actions_command", required=True)
    acts_list = acts_sub.add_parser("list", help="list the actions the filters select")
    acts_list.add_argument("--json", action="store_true")
    for dim in ("journey", "persona", "phase", "channel", "department", "touchpoint"):
        acts_list.add_argument(f"--{dim}", action="append", metavar="KEY",
                               help=f"{dim} key (repeatable)")
    acts_list.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    acts_list.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    acts_list.add_argument("--status", action="append",
                           choices=("open", "in_progress", "done", "dropped"))
    acts_list.add_argument("--sort", default="due",
                           choices=("due", "status", "touchpoint", "owner", "changed"))
    acts_list.set_defaults(func=cmd_actions)

    demo = sub.add_parser("demo", help="load the demo dataset")
    demo.add_argument("--responses", type=int, default=200_000)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--replace", action="store_true", help="wipe the database first")
    demo.add_argument("--actions", type=int, default=0, metavar="N",
                      help="N more actions spread over the touchpoints (the benchmark's backlog)")
    demo.set_defaults(func=cmd_demo)

    rep = sub.add_parser("report", help="the weekly report as HTML or PDF, or by e-mail")
    rep.add_argument("--week", default="last", help="2026-W47, or 'last': the last complete "
                                                    "week with data (default)")
    rep.add_argument("--journey", metavar="KEY")
    rep.add_argument("--department", metavar="KEY")
    rep.add_argument("--out", metavar="FILE.html|FILE.pdf", help="write the report here "
                                                                  "(default: HTML to stdout)")
    rep.add_argument("--email", action="store_true",
                     help="send it to CXDASH_SMTP_TO over CXDASH_SMTP_HOST")
    rep.add_argument("--to", action="append", metavar="ADDRESS",
                     help="recipient instead of CXDASH_SMTP_TO (repeatable)")
    rep.add_argument("--lang", choices=["de", "en"])
    rep.add_argument("--subscriptions", action="store_true",
                     help="send every subscriber their subscribed reports of the week, each "
                          "in their language, once (needs CXDASH_PUBLIC_URL and CXDASH_SMTP_*)")
    rep.set_defaults(func=cmd_report)

    alerts = sub.add_parser("alerts", help="evaluate the alert rules, or backtest them")
    alerts.add_argument("action", choices=["run", "backtest"])
    alerts.add_argument("--dry-run", action="store_true",
                        help="print the alerts it would raise; write and send nothing")
    alerts.set_defaults(func=cmd_alerts)

    serve = sub.add_parser("serve", help="serve the dashboard (development server)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--demo-if-empty", action="store_true",
                       help="load the demo dataset when the database is empty")
    serve.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args, extra = cli.parse_known_args(argv)
    # argparse fills an optional positional before the options that follow it, so the
    # name in `tokens create --user etl t1` arrives as a leftover: give it to the command.
    if getattr(args, "func", None) is cmd_tokens and len(extra) == 1 and args.name is None \
            and not extra[0].startswith("-"):
        args.name, extra = extra[0], []
    if extra:
        cli.error("unrecognized arguments: " + " ".join(extra))
    try:
        return args.func(args)
    except DatabaseBusyError as exc:
        print(f"cxdash: {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
