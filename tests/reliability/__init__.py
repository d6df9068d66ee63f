"""The reliability suite: hostile PDFs, damaged corpora, signals, option values (see docs/reliability.md)."""
