"""`python -m routes` runs the command line."""

from routes.cli import app

app(prog_name="routes")
