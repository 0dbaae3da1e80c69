"""Business rules: one module per area; functions take a Session and return plain rows."""
