"""Version 1 of the sync API: health, auth, sync, snapshot and history blueprints under /api/v1."""

from __future__ import annotations

from flask import Blueprint

from server.api.v1 import auth, health, history, snapshot, sync

PREFIX = "/api/v1"


def api_blueprint() -> Blueprint:
    """A fresh /api/v1 blueprint holding every area (one per app)."""
    api = Blueprint("api_v1", __name__, url_prefix=PREFIX)
    api.register_blueprint(health.blueprint())
    api.register_blueprint(auth.blueprint())
    api.register_blueprint(sync.blueprint())
    api.register_blueprint(history.blueprint())
    api.register_blueprint(snapshot.blueprint())
    return api
