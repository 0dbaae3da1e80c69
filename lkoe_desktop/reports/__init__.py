"""PDF documents written with reportlab; no Qt."""
