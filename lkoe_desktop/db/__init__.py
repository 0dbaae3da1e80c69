"""The database: SQLAlchemy models, engine, sessions, migrations and opening a database."""
