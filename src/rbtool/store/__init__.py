"""The corpus store: the only package that imports sqlite3."""
