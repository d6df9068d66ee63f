"""`python -m rbtool` runs the CLI."""
from rbtool.cli import main

main()
