"""Year-specific prose: Markdown files under data/, with figures filled in from data.

Placeholders use Jinja2 (``{{ tahun }}``, ``{{ ind['IKSS-1.1'].capaian }}``) with
StrictUndefined: a placeholder naming an unknown value is an error naming the file
and line, never an empty gap in the report.
"""
from __future__ import annotations

from pathlib import Path

import jinja2

from .errors import DataValidationError, Problem


def render_file(path: Path, context: dict, root: Path | None = None) -> str:
    rel = str(path.relative_to(root)) if root else str(path)
    text = path.read_text(encoding="utf-8")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True)
    try:
        return env.from_string(text).render(**context)
    except jinja2.TemplateSyntaxError as e:
        raise DataValidationError([Problem(rel, e.lineno, None, None,
                                           f"penanda {{{{ ... }}}} tidak lengkap: {e.message}",
                                           "template_syntax")]) from None
    except jinja2.UndefinedError as e:
        line = None
        for n, ln in enumerate(text.splitlines(), 1):
            name = str(e.message).split("'")[1] if "'" in str(e.message) else ""
            if name and name in ln:
                line = n
                break
        raise DataValidationError([Problem(rel, line, None, None,
                                           f"penanda merujuk nilai yang tidak dikenal ({e.message}); "
                                           f"nilai yang tersedia: {', '.join(sorted(context))}",
                                           "unknown_placeholder")]) from None
