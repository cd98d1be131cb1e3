"""``python -m ilp_dash.cli``."""

from ilp_dash.cli.main import main

raise SystemExit(main())
