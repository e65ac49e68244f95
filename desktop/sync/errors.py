"""The sync client's one exception hierarchy and the one mapping to words a rep understands."""

from __future__ import annotations

from desktop.store.types import ReplicaTooNew, ValidationFailed
from shared.i18n import QT_TRANSLATE_NOOP, Message, exception_message, joined
from shared.sync.protocol import ErrorCode


class SyncError(Exception):
    """Anything that stopped talking to the sync server."""


class NetworkError(SyncError):
    """Offline, server unreachable, or no answer in time."""


class AuthError(SyncError):
    """Bad credentials, or this device's sign-in was revoked or expired."""

    def __init__(self, message: str, code: str = ErrorCode.UNAUTHORIZED) -> None:
        super().__init__(message)
        self.code = code


class ClientTooOld(SyncError):
    """The server no longer syncs with this version of the app."""


class ResyncRequired(SyncError):
    """The server purged deleted records this replica never saw: download the scope again."""


class ServerError(SyncError):
    """The server failed or answered something this client cannot read."""


class RequestRejected(SyncError):
    """The server refused a request; for a push, ``mid`` names the refused mutation."""

    def __init__(self, code: str, message: str, mid: int | None = None,
                 field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mid = mid
        self.field = field


class SignInError(Exception):
    """Signing in failed; ``str(exc)`` is the plain reason to show."""


def user_message(exc: BaseException) -> str:
    """Plain words for any error a sync or sign-in can raise; never a traceback."""
    if isinstance(exc, NetworkError):
        return QT_TRANSLATE_NOOP("Messages", "Cannot reach the FieldCRM server. You can keep "
                                 "working offline; changes will sync when the connection is back.")
    if isinstance(exc, AuthError):
        if exc.code == ErrorCode.BAD_CREDENTIALS:
            return BAD_CREDENTIALS
        if exc.code == ErrorCode.DEVICE_REVOKED:
            return QT_TRANSLATE_NOOP("Messages", "This computer's access was revoked. "
                                     "Please contact your administrator.")
        return QT_TRANSLATE_NOOP("Messages", "Your sign-in has expired. Please sign in again.")
    if isinstance(exc, ClientTooOld):
        return QT_TRANSLATE_NOOP("Messages", "This version of FieldCRM is too old for the "
                                 "server. Please update; your unsynced changes are kept.")
    if isinstance(exc, ResyncRequired):
        return QT_TRANSLATE_NOOP("Messages", "This laptop was offline longer than the server "
                                 "keeps deleted records; FieldCRM will download your territory "
                                 "again. Your unsynced changes are kept.")
    if isinstance(exc, RequestRejected):
        return _rejection(exc)
    if isinstance(exc, ServerError):
        return QT_TRANSLATE_NOOP("Messages", "The FieldCRM server had a problem. Your changes "
                                 "are kept; sync will try again later.")
    if isinstance(exc, ValidationFailed):
        return joined(" ", [p.message for p in exc.problems])  # what str(exc) says
    if isinstance(exc, (SignInError, ReplicaTooNew)):
        return exception_message(exc)
    if isinstance(exc, OSError):
        return QT_TRANSLATE_NOOP("Messages", "FieldCRM could not read or write its local data. "
                                 "Check that the disk is not full.")
    return QT_TRANSLATE_NOOP("Messages",
                             "Something went wrong. Your changes are kept; please try again.")


BAD_CREDENTIALS = QT_TRANSLATE_NOOP("Messages", "The user name or password is not correct.")

# Refusals whose server message is technical; the others (validation) are already plain.
_REJECTIONS: dict[str, str] = {
    ErrorCode.OUT_OF_SCOPE: QT_TRANSLATE_NOOP("Messages", "This record is no longer in your "
                                              "territory, so the change was not accepted."),
    ErrorCode.MISSING_PARENT: QT_TRANSLATE_NOOP(
        "Messages", "The record this belongs to no longer exists on the server."),
    ErrorCode.READ_ONLY_FIELD: QT_TRANSLATE_NOOP("Messages",
                                                 "Only the office can change this field."),
    ErrorCode.FORBIDDEN: QT_TRANSLATE_NOOP("Messages", "You are not allowed to make this change."),
    ErrorCode.UNKNOWN_ENTITY: QT_TRANSLATE_NOOP(
        "Messages", "The server does not know this kind of record. Please update FieldCRM."),
    ErrorCode.UNKNOWN_FIELD: QT_TRANSLATE_NOOP(
        "Messages", "The server does not know this field. Please update FieldCRM."),
}


def _rejection(exc: RequestRejected) -> str:
    plain = _REJECTIONS.get(exc.code)
    if plain:
        if not exc.message:
            return plain
        return Message.of(QT_TRANSLATE_NOOP("Messages", "{reason} ({server_message})"),
                          reason=plain, server_message=exc.message)
    return exc.message or QT_TRANSLATE_NOOP("Messages", "The server refused the change.")
