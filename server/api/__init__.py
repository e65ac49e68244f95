"""HTTP API of the sync server, by version."""
