"""LKÖ Desktop: the membership and contact manager of Logistikkluster Östergötland."""

__version__ = "0.1.0"
APP_NAME = "LKÖ Desktop"
APP_ID = "lkoe-desktop"
