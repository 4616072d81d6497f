"""Tools beside the build: new-year scaffolding, the Excel round trip, project copies."""
