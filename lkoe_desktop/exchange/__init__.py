"""Reading and writing files: CSV, XLSX, vCard, iCalendar and JSON; no Qt."""
