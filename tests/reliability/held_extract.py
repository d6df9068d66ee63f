"""`rbtool extract` whose worker is handed a named pipe in place of one input file, for tests that must stop a
run half-way without guessing when half-way is.

    python held_extract.py PIPE HELD_FILE extract FILE... [OPTIONS]

Planning reads every file as usual (it hashes them); when the job for HELD_FILE starts, its worker is given
PIPE to read instead. The worker opening the pipe is the test's readiness signal — every file before it has
been stored — and it reads nothing until the test writes or closes its end, so the run stays half-way for as
long as the test needs. See `hold` in harness.py.
"""
import sys

from rbtool import sandbox
from rbtool.launch import main

pipe, held = sys.argv[1], sys.argv[2]
start = sandbox._Worker.start


def start_held(worker, job, path: str, options: dict) -> None:
    start(worker, job, pipe if path == held else path, options)


sandbox._Worker.start = start_held
sys.argv = ["rbtool", *sys.argv[3:]]
main()
