"""Sync rules both sides agree on: wire protocol, value codec and field merge."""
