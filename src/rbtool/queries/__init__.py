"""Queries over the corpus: search, measures, footnotes, compare. They return model objects."""
