"""Everything Qt: the window, its tabs, dialogs and table models.

Importing this package first makes later imports cheap again (see `qt_imports`).
"""

from lkoe_desktop.ui.qt_imports import skip_feature_scan

skip_feature_scan()
