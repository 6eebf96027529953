"""WSGI entry point for gunicorn: ``gunicorn dashboard.wsgi:server`` (see Procfile)."""

from dashboard.app import create_app, settle_for_serving, warm_up

app = create_app()
server = app.server
settle_for_serving()
warm_up(app)
