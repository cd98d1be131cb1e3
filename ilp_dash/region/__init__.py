"""The per-region, per-data-version service (no Dash): data versions and the store that serves them,
uploads, the shared results cache, the results every figure comes from, briefing numbers, privacy."""
