"""Server use cases: authentication, scope, change log, push, pull, users (no Flask)."""
