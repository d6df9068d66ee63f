"""Dutch domain knowledge as small table-driven modules: ministries, money, Kamerstukken, text."""
