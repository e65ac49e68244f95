"""Wire protocol constants and message shapes of /api/v1 (see docs/architecture.md)."""

from __future__ import annotations

import enum
from typing import Any, TypedDict

# The schema version a client speaks; sent on every request in SCHEMA_HEADER.
SCHEMA_VERSION = 1
# Oldest client schema the server still syncs with (the declared compatibility window).
MIN_SCHEMA_VERSION = 1
SCHEMA_HEADER = "X-FieldCRM-Schema"
DEVICE_HEADER = "X-FieldCRM-Device"

MAX_PUSH_BATCH = 500  # mutations per push request
DEFAULT_PULL_LIMIT = 2000  # changes per pull page
MAX_PULL_LIMIT = 10000
MAX_CLOCK_SKEW_MS = 5 * 60 * 1000  # client clocks further ahead are clamped by the server


class Op(enum.StrEnum):
    UPSERT = "upsert"  # create, or update the given fields
    DELETE = "delete"  # tombstone


class MutationStatus(enum.StrEnum):
    APPLIED = "applied"  # every field took effect
    CONFLICT = "conflict"  # stored, but at least one field lost a race (see conflict records)
    DUPLICATE = "duplicate"  # already applied earlier (mid <= the device's last applied mid)


class ErrorCode(enum.StrEnum):
    """Stable machine-readable error codes of the JSON error envelope and push results."""

    BAD_JSON = "bad_json"
    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"
    BAD_CREDENTIALS = "bad_credentials"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    BATCH_TOO_LARGE = "batch_too_large"
    UNKNOWN_ENTITY = "unknown_entity"
    UNKNOWN_FIELD = "unknown_field"
    READ_ONLY_FIELD = "read_only_field"
    INVALID_TYPE = "invalid_type"
    INVALID_VALUE = "invalid_value"
    MISSING_PARENT = "missing_parent"
    VALIDATION_FAILED = "validation_failed"
    OUT_OF_ORDER = "out_of_order"
    OUT_OF_SCOPE = "out_of_scope"
    CLIENT_TOO_OLD = "client_too_old"
    CLIENT_TOO_NEW = "client_too_new"
    RESYNC_REQUIRED = "resync_required"  # 410: the cursor is older than purged tombstones
    DEVICE_REVOKED = "device_revoked"
    INTERNAL = "internal"


class MutationWire(TypedDict, total=False):
    mid: int  # client mutation id, strictly increasing per device
    entity: str
    id: str
    op: str
    fields: dict[str, Any]  # new values (wire-encoded)
    base: dict[str, str]  # field -> HLC of the value the client last saw
    hlc: str


class ResultWire(TypedDict):
    mid: int
    status: str


class ChangeWire(TypedDict, total=False):
    pos: int
    entity: str
    id: str
    deleted: bool
    evicted: bool  # the row left the reader's scope: drop it (fields and clocks are empty)
    fields: dict[str, Any]  # the full row after the change (wire-encoded)
    clocks: dict[str, str]  # field -> HLC of its current value
