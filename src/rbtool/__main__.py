"""`python -m rbtool` runs the CLI."""
from rbtool.launch import main

main()
