"""The only layer that knows papermill, Jupyter Book, Sphinx and LaTeX: plan, execute, run (pool + cache), publish, site and PDF finish."""
