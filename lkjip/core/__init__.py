"""Pure core: the report's model, the one place figures are computed, number reading and formatting. No files, no Jupyter, Sphinx or matplotlib."""
