"""Templates are data, not code: every classic way out of a Jinja2 template ends as a data
error naming the file and line, in prose and in a CSV cell, through `lkjip check`; no shell
command runs and nothing outside the project is read."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from conftest import run_lkjip
from lkjip.data.narasi import render_text
from lkjip.data.templat import lingkungan
from lkjip.errors import DataValidationError

D = "data/2023"
MARKER = "/tmp/lkjip-sandbox-ran"


def escapes(marker: str) -> list[tuple[str, str]]:
    """(name, template): the classic escapes and exhaustions; each would run `touch marker` or
    read a file from outside the project if the sandbox let it through."""
    cmd = f"touch {marker}"
    return [
        ("mro-subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        ("cycler-globals", f"{{{{ cycler.__init__.__globals__.os.popen('{cmd}').read() }}}}"),
        ("joiner-globals", f"{{{{ joiner.__init__.__globals__.os.popen('{cmd}').read() }}}}"),
        ("namespace-globals", f"{{{{ namespace.__init__.__globals__.os.popen('{cmd}').read() }}}}"),
        ("lipsum-globals", f"{{{{ lipsum.__globals__['os'].popen('{cmd}').read() }}}}"),
        ("template-reference", "{{ self._TemplateReference__context }}"),
        ("self-init-globals", f"{{{{ self.__init__.__globals__.__builtins__.__import__('os').popen('{cmd}') }}}}"),
        ("config-items", "{{ config.items() }}"),
        ("request-globals", f"{{{{ request.application.__globals__.__builtins__.__import__('os').popen('{cmd}') }}}}"),
        ("include-passwd", "{% include '/etc/passwd' %}"),
        ("import-os", "{% import 'os' as os %}{{ os.popen('id') }}"),
        ("extends-passwd", "{% extends '/etc/passwd' %}"),
        ("format-attribute", "{{ '{0.__class__.__init__.__globals__}'.format(tahun) }}"),
        ("range-exhaustion", "{% for i in range(10**9) %}x{% endfor %}"),
        ("string-exhaustion", "{{ 'a'*10**9 }}"),
        ("nested-loops", "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}"),
        ("format-width", "{{ '{:>999999999}'.format(1) }}"),
        ("filter-center", "{{ 'x'|center(1000000000) }}"),
        ("macro-recursion", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
        ("concat-doubling", "{% set x = 'a'*100000 %}{% set x = x ~ x ~ x %}{{ x }}"),
        ("value-class", "{{ tahun.__class__.__base__.__subclasses__() }}"),
        ("attr-filter", "{{ tahun|attr('__class__') }}"),
    ]


CONTEXT = {"tahun": 2023, "ind": {"IKK-9.1": {"realisasi": "396"}}}


@pytest.mark.parametrize("name,template", escapes(MARKER), ids=[e[0] for e in escapes(MARKER)])
def test_escape_is_a_data_error_with_file_and_line(name, template):
    with pytest.raises(DataValidationError) as e:
        render_text(f"Realisasi {{{{ tahun }}}}\n{template}\n", CONTEXT, f"{D}/narasi/x.md")
    p = e.value.problems[0]
    assert p.file == f"{D}/narasi/x.md" and p.row == 2, str(p)
    assert not os.path.exists(MARKER)


def test_the_report_values_still_render():
    out = render_text("Tahun {{ tahun }}: {{ ind['IKK-9.1'].realisasi }} instansi; "
                      "{% for k in ind %}{{ k|lower }}{% endfor %} {{ ('a' ~ 'b')|upper }}\n", CONTEXT, "x.md")
    assert out == "Tahun 2023: 396 instansi; ikk-9.1 AB\n"


def test_objects_are_read_only_and_globals_are_few():
    env = lingkungan("x.md")
    assert set(env.globals) == {"range", "dict"}
    with pytest.raises(DataValidationError):
        env.from_string("{{ ind.clear() }}").render(ind={"a": 1})
    with pytest.raises(DataValidationError):
        env.from_string("{{ l.append(1) }}").render(l=[1])


# ---------------------------------------------------------------- through `lkjip check`

CHECK_ESCAPES = escapes("{marker}")[:16]  # the 16 first: the classic ones and the exhaustions


def _csv_cell(path: Path, text: str) -> int:
    """Put text into the uraian of the first row of prioritas_nasional.csv; its line."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    j = rows[0].index("uraian")
    rows[1][j] = text
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return 2


@pytest.mark.lambat  # 32 runs of `lkjip check`; the renderer itself is tested above, in the fast tier
@pytest.mark.parametrize("where", ["prosa", "sel-csv"])
@pytest.mark.parametrize("name,template", CHECK_ESCAPES, ids=[e[0] for e in CHECK_ESCAPES])
def test_check_refuses_escape(project, tmp_path, where, name, template):
    marker = tmp_path / "ran"
    template = template.replace("{marker}", str(marker))
    if where == "prosa":
        path = project / D / "narasi" / "pk_pengantar.md"
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
        line = text.count("\n") + 1
        path.write_text(text + template + "\n", encoding="utf-8")
        rel = f"{D}/narasi/pk_pengantar.md"
    else:
        rel = f"{D}/prioritas_nasional.csv"
        line = _csv_cell(project / rel, template)
    before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    proc = run_lkjip(project, "check", "--year", "2023")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "Traceback" not in out
    assert any(f"{rel}, baris {line}" in ln for ln in proc.stderr.splitlines()), proc.stderr
    assert not marker.exists(), "a shell command ran from data"
    assert "root:x:" not in out
    assert {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("year", [2023, 2024])
def test_every_template_renders_as_jinja_plain_sandbox_does(root, year):
    """The narrowing changes no page: each prose file and each Prioritas Nasional cell of the
    year renders to exactly what Jinja's own ImmutableSandboxedEnvironment gives."""
    import jinja2
    import jinja2.sandbox

    from lkjip.check.periksa import SUMBER_NARASI
    from lkjip.core.malas import buka
    from lkjip.data.pk import load_year
    from lkjip.laporan.konteks import Laporan

    plain = jinja2.sandbox.ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                                         keep_trailing_newline=True)
    lap = Laporan(load_year(year, root).tahun, root)
    n = 0
    for sumber in SUMBER_NARASI:
        for path, ctx in sumber(lap):
            ctx = {k: buka(v) for k, v in ctx.items()}  # the values a template names are made
            text = path.read_text(encoding="utf-8")
            assert lingkungan(str(path)).from_string(text).render(**ctx) == plain.from_string(text).render(**ctx), path
            n += 1
    assert n >= (100 if year == 2023 else 5)
    pn = root / "data" / str(year) / "prioritas_nasional.csv"
    if pn.is_file():
        from lkjip.laporan.bab_umum import Bab

        ctx = {k: buka(v) for k, v in Bab(year, root).context().items()}
        cells = [r["uraian"] for r in csv.DictReader(io.StringIO(pn.read_text(encoding="utf-8")))]
        assert any("{{" in c for c in cells)
        for c in cells:
            assert lingkungan("pn").from_string(c).render(**ctx) == plain.from_string(c).render(**ctx)


def test_syntax_errors_are_explained_in_indonesian():
    cases = {"Tahun {{ tahun ": "berakhir sebelum penanda ditutup", "{% foo %}": "perintah {% foo %} tidak dikenal",
             "baris\n{% if tahun %}ya": "blok {% if %} tidak ditutup", "{{ tahun ) }}": "tidak pada tempatnya"}
    for text, expected in cases.items():
        with pytest.raises(DataValidationError) as e:
            render_text(text, CONTEXT, "x.md")
        assert expected in e.value.problems[0].expected, e.value.problems[0]
        assert e.value.problems[0].row is not None


def test_a_template_is_compiled_once_by_its_text_and_a_refused_one_never_kept(tmp_path, monkeypatch):
    """The build keeps compiled prose in build/.cache/jinja/narasi/ (LKJIP_JINJA_CACHE): the same
    text is not compiled again, in this process or the next, and the kept code still carries
    the sandbox's bounds; a refused template is refused again, with its line."""
    from lkjip.data import templat

    monkeypatch.setenv("LKJIP_JINJA_CACHE", str(tmp_path))
    monkeypatch.setattr(templat, "_KODE", {})
    loop = "{% for i in xs %}{{ i }}{% endfor %}"
    assert lingkungan("a.md").from_string(loop).render(xs=[1, 2]) == "12"
    kept = sorted((tmp_path / "narasi").iterdir())
    assert len(kept) == 1
    monkeypatch.setattr(templat, "_KODE", {})  # as a new process: read back from the folder
    monkeypatch.setattr(templat.Lingkungan, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert lingkungan("a.md").from_string(loop).render(xs=[3]) == "3"
    with pytest.raises(DataValidationError, match="perulangan terlalu banyak"):
        lingkungan("a.md").from_string(loop).render(xs=list(range(templat.BATAS_ULANG + 1)))
    monkeypatch.undo()
    monkeypatch.setenv("LKJIP_JINJA_CACHE", str(tmp_path))
    for _ in range(2):
        with pytest.raises(DataValidationError) as e:
            lingkungan("b.md").from_string("Satu\n{{ tahun ")
        assert e.value.problems[0].row == 2
    assert sorted((tmp_path / "narasi").iterdir()) == kept
