"""Run ILP Dash: ``python app.py`` (same as ``ilp-dash serve``)."""

from ilp_dash.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["serve"]))
