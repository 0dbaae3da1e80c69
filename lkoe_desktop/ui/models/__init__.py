"""Qt table models over the services: windows of SQL rows, never whole tables."""
