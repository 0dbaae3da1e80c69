"""Plain-Python core: codes, validation, errors, Swedish sort keys; no Qt, no SQLAlchemy."""
