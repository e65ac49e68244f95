"""The server's one exception type for refusals that reach the client as a JSON envelope."""

from __future__ import annotations

from typing import Any

from shared.sync.protocol import ErrorCode


class ApiError(Exception):
    """A refusal with an HTTP status, a stable code and a plain message."""

    def __init__(self, status: int, code: ErrorCode, message: str, *,
                 mid: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.mid = mid
        self.field = field

    def envelope(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": str(self.code), "message": self.message}
        if self.mid is not None:
            body["mid"] = self.mid
        if self.field is not None:
            body["field"] = self.field
        return {"error": body}

    def __repr__(self) -> str:
        return f"ApiError({self.status}, {self.code!s}, {self.message!r}, mid={self.mid})"


class UserError(Exception):
    """A plain-language problem with a command-line or service request (no HTTP)."""
