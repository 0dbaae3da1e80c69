"""Dialogs: record forms, settings, and the shared form contract."""
