"""`python -m monitor` runs the command line."""

from monitor.cli import cli

cli()
