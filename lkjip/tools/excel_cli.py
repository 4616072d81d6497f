"""`lkjip excel export|import`: the year's data tables as an Excel workbook, and back."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from lkjip.errors import DataValidationError, LkjipError


@click.group()
def excel():
    """Mengisi data lewat Excel: ekspor tabel satu tahun, lalu impor kembali."""


@excel.command("export")
@click.option("--year", "-y", type=int, required=True, help="Tahun anggaran, contoh 2025.")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="Berkas .xlsx yang ditulis.")
@click.option("--periode", type=click.Choice(["tw1", "tw2", "tw3", "tw4"], case_sensitive=False), default=None,
              help="Hanya baris triwulan ini di sheet triwulan (impornya hanya mengganti baris triwulan itu).")
def export_cmd(year: int, output: Path, periode: str | None):
    """Menulis tabel data tahun YEAR ke satu berkas Excel (satu sheet per tabel)."""
    from lkjip.tools.excel import export_year

    try:
        sheets = export_year(year, output, periode=periode.lower() if periode else None)
    except LkjipError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    click.echo(f"Berkas Excel ditulis: {output} (sheet: {', '.join(sheets)})")


@excel.command("import")
@click.argument("file", type=click.Path(path_type=Path))  # checked by the import, in Indonesian
@click.option("--year", "-y", type=int, required=True, help="Tahun anggaran, contoh 2025.")
def import_cmd(file: Path, year: int):
    """Memeriksa berkas Excel FILE lalu menulis tabelnya ke data/YEAR/."""
    from lkjip.tools.excel import import_year

    try:
        hasil = import_year(file, year)
    except DataValidationError as e:
        click.echo(e.render(), err=True)
        click.echo(f"Tidak ada yang ditulis ke data/{year}/.", err=True)
        sys.exit(2)
    except LkjipError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    for line in hasil.pesan():
        click.echo(line)
