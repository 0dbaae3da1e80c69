"""Everything Qt: the window, its tabs, dialogs and table models."""
