"""FieldCRM sync server: Flask app, merge services, CLI and migrations."""
