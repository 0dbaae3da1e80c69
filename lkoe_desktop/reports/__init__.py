"""PDF documents laid out with reportlab from the rows services collect; no Qt, no database."""
