"""FieldCRM desktop app: local replica, use cases, sync engine and Qt UI."""
