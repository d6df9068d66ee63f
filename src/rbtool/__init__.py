"""rbtool: a research toolkit for analyses of the Dutch national budget (Rijksbegroting)."""

__version__ = "0.1.0"
