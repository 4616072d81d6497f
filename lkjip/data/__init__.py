"""The only layer that opens data files: project discovery, row schemas, loading and cross-file rules, prose location and rendering."""
