"""FieldCRM benchmark harness (issue 5): bootstrap, edits, server load, desktop, peer."""
