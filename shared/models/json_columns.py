"""JSON column (de)serialisers for both stores' engines.

SQLite gives a column declared JSON numeric affinity, so a JSON document that is a bare
number (a conflict's losing value of 99900000) comes back as a number, not as text.
"""

from __future__ import annotations

from typing import Any

import orjson


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def loads(value: Any) -> Any:
    if isinstance(value, (int, float)):
        return value
    return orjson.loads(value)
