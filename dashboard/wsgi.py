"""WSGI entry point for gunicorn: ``gunicorn dashboard.wsgi:server`` (see Procfile)."""

from dashboard.app import create_app

app = create_app()
server = app.server
