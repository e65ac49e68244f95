"""Use cases of the desktop app: read frozen rows from the replica, write through the store."""
