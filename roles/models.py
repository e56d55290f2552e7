"""No tables. Django sends post_migrate only to apps with a models module, and the groups are
synchronised on this app's post_migrate (see apps.py)."""
