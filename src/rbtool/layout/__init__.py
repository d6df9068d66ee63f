"""Layout analysis: pure functions from positioned lines to document structure."""
