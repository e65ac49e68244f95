"""FieldCRM shared package: models, rules and wire protocol used by desktop and server."""
