"""The four tabs of the main window: Partner, Kontakter, Teman, Möten."""
