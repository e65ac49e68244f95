"""Flask app factory: config, database, /api/v1 blueprints, JSON errors and gzip."""

from __future__ import annotations

from flask import Flask

from server import http
from server.api.v1 import api_blueprint
from server.config import ServerConfig
from server.db import Database, create_db_engine
from server.faults import PushFaults
from server.services.auth import Passwords
from server.state import SERVER_NODE, ServerState
from shared.hlc import Clock


def create_app(config: ServerConfig | None = None) -> Flask:
    """A FieldCRM sync server app (the database must already be migrated)."""
    config = config or ServerConfig.from_env()
    app = Flask("server")
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    state = ServerState(config, Database(create_db_engine(config.database_url)),
                        Clock(SERVER_NODE), Passwords(config.password_cost),
                        PushFaults(config.faults))
    state.init_app(app)
    app.register_blueprint(api_blueprint())
    http.init_app(app)
    return app
