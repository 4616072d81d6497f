"""`lkjip check`: validation run, audit of stated figures, numbers typed into prose, the QA log."""
