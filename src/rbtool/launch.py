"""The `rbtool` command's entry point: the CLI, started the way a process that lives a fraction of a second should.

Start-up creates a hundred thousand objects (typer, click, rich and the command's own modules) that live until
the process ends. The garbage collector would walk them again and again while they are being created, and once
more at exit, for nothing: a query then costs a fifth more (bench/bench_queries.py). So nothing is collected
while they load, and they are frozen out of every later collection; the command itself runs with the collector
on, as usual.
"""
import gc
import sys


def main() -> None:
    gc.disable()
    from rbtool import cli

    cli.load_commands(cli.command_to_load(sys.argv[1:]))
    gc.freeze()
    gc.enable()
    cli.main()
