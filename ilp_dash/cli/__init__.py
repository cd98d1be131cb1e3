"""The ``ilp-dash`` command: :mod:`ilp_dash.cli.main` and one module per sub-command."""

from ilp_dash.cli.main import main

__all__ = ["main"]
