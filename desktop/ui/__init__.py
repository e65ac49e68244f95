"""The PySide6 user interface: windows, views, dialogs, table models, sync controller."""
