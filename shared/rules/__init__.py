"""Business rules that run before a local save and again on the server."""
