"""The plain-text sync report a rep copies for IT: versions, cursor, outbox, recent errors."""

from __future__ import annotations

from datetime import datetime
from importlib import metadata

from desktop.store import OutboxState, Store
from desktop.store.migrate import session_revision
from desktop.store.state import read_session, read_state
from desktop.store.sync_log import recent_errors
from shared.sync.protocol import SCHEMA_VERSION

NEVER = "never"


def app_version() -> str:
    try:
        return metadata.version("fieldcrm")
    except metadata.PackageNotFoundError:
        return "unknown"


def sync_report(store: Store, api_base_url: str | None) -> str:
    """Everything IT needs to diagnose a sync problem, without the token or any password."""
    with store.read() as session:
        state = read_state(session)
        signed_in = read_session(session)
        errors = recent_errors(session)
        replica_revision = session_revision(session)
    assert state is not None
    status = store.status()
    rejected = [e for e in store.outbox() if e.state == OutboxState.REJECTED]
    user = f"{signed_in.display_name} ({signed_in.username}, {signed_in.role})" \
        if signed_in is not None else "not signed in"
    lines = [
        "FieldCRM sync report",
        f"App version: {app_version()}",
        f"Sync schema version: {SCHEMA_VERSION}",
        f"Replica schema revision: {replica_revision or 'none'}",
        f"Server: {api_base_url or (signed_in.server_url if signed_in else 'unknown')}",
        f"User: {user}",
        f"Device id: {store.device_id}",
        f"Replica: {store.path}",
        f"Cursor: {state.cursor}  Head: {state.head}",
        f"Bootstrapped: {'yes' if state.bootstrapped else 'no'}",
        f"Last successful sync: {_when(state.last_sync_at)}",
        f"Pending changes: {status.pending}",
        f"Rejected changes: {status.rejected}",
        f"Update required: {'yes' if status.update_required else 'no'}",
        f"Last error: {status.last_error or 'none'}",
        "",
        f"Rejected changes ({len(rejected)}):",
        *[f"  #{e.mid} {e.op} {e.entity} {e.row_id} "
          f"[{', '.join(sorted(e.fields)) or '-'}]: {e.error_message or e.error_code}"
          for e in rejected],
        "",
        f"Recent sync errors ({len(errors)}):",
        *[f"  {_when(e.at)} {e.kind}: {e.message}" for e in errors],
    ]
    return "\n".join(lines) + "\n"


def _when(moment: datetime | None) -> str:
    return f"{moment.isoformat(timespec='seconds')} UTC" if moment else NEVER
