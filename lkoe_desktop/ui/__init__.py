"""Everything Qt: the window, its tabs, dialogs, forms and table models.

Importing this package loads no Qt yet: the window's start (`app.run`) rests the garbage
collector first, then loads Qt and makes later imports cheap (see `qt_imports`).
"""
