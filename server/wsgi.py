"""WSGI entry point for gunicorn: ``gunicorn server.wsgi:app`` (config from FIELDCRM_* env)."""

from server.app import create_app

app = create_app()
