"""The `lkjip` command."""
from __future__ import annotations

import errno
import os
import signal
import sys

import click

from lkjip import lingkungan
from lkjip.errors import DataValidationError, LkjipError


_DISK = {errno.ENOSPC: "ruang disk penuh", errno.EDQUOT: "kuota disk habis",
         errno.EROFS: "disk hanya-baca", errno.EACCES: "tidak ada izin menulis", errno.EPERM: "tidak ada izin"}


def pesan_disk(e: OSError) -> str | None:
    """One Indonesian line for a disk that refuses a write (full, read-only, no permission)."""
    sebab = _DISK.get(e.errno)
    if sebab is None:
        return None
    berkas = f" ({e.filename})" if e.filename else ""
    return f"Tidak dapat menulis{berkas}: {sebab}. Kosongkan ruang atau periksa izin folder, lalu ulangi."


_JENIS = {"integer": "bilangan bulat (contoh 2023)", "float": "angka", "choice": "salah satu pilihan",
          "path": "jalur berkas", "file": "berkas", "text": "teks", "boolean": "ya/tidak"}


def pesan_pemakaian(e: click.UsageError) -> str:
    """Click's usage errors (a missing option, a wrong value, an unknown command) in Indonesian."""
    cmd = e.ctx.command_path if e.ctx else "lkjip"
    bantuan = f" Lihat: {cmd} --help"
    if isinstance(e, click.NoSuchOption):
        saran = f" Maksudnya {', '.join(e.possibilities)}?" if e.possibilities else ""
        return f"Opsi {e.option_name} tidak dikenal.{saran}{bantuan}"
    if isinstance(e, click.MissingParameter):
        nama = e.param.get_error_hint(e.ctx) if e.param is not None and e.ctx else "sebuah opsi"
        return f"Opsi {nama} wajib diisi.{bantuan}"
    if isinstance(e, click.BadParameter):
        nama = e.param.get_error_hint(e.ctx) if e.param is not None and e.ctx else "opsi"
        jenis = _JENIS.get(getattr(getattr(e.param, "type", None), "name", ""), "nilai lain")
        return f"Nilai untuk {nama} tidak valid: harus {jenis}.{bantuan}"
    if e.message.startswith("No such command"):
        nama = e.message.split("'")[1] if "'" in e.message else ""
        return f"Perintah '{nama}' tidak dikenal; perintah yang ada: {', '.join(main.commands)}.{bantuan}"
    return f"Perintah tidak dapat dijalankan: {e.format_message()}{bantuan}"


class _Grup(click.Group):
    """Ctrl-C, a disk that refuses writes and a mistyped command end any command with one
    Indonesian line, no traceback."""

    def main(self, *args, **kwargs):
        try:
            rc = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as e:
            if type(e).__name__ == "NoArgsIsHelpError" and e.ctx is not None:  # `lkjip excel` alone: its help
                click.echo(e.ctx.get_help())
                sys.exit(2)
            click.echo(pesan_pemakaian(e), err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("Dibatalkan.", err=True)
            sys.exit(1)
        sys.exit(rc if isinstance(rc, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nDihentikan (Ctrl-C); keluaran sebelumnya tidak diubah.", err=True)
            sys.exit(130)
        except OSError as e:
            pesan = pesan_disk(e)
            if pesan is None or lingkungan.debug():
                raise
            click.echo(pesan, err=True)
            sys.exit(2)


def opsi_periode(f):
    """``--periode tw1..tw4``: a quarterly report instead of the annual one (build/YEAR-twN/)."""
    return click.option("--periode", type=click.Choice(["tw1", "tw2", "tw3", "tw4"], case_sensitive=False),
                        default=None, help="Laporan triwulan (tw1 sampai tw4) alih-alih laporan tahunan; "
                        "keluaran di build/YEAR-twN/.")(f)


def _nama(year: int, periode: str | None) -> str:
    """build/<nama>: 2023 or 2023-tw3."""
    from lkjip.core.periode import Periode

    return Periode.dari(year, periode).nama


@click.group(cls=_Grup, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """lkjip: Laporan Kinerja Instansi Pemerintah dari data."""


@main.command()
@click.option("--year", "-y", type=int, help="Tahun anggaran, contoh 2023.")
@click.option("--no-pdf", is_flag=True, help="Hanya situs HTML (cepat, untuk menyunting).")
@opsi_periode
@click.option("--all", "semua", is_flag=True,
              help="Semua laporan yang datanya ada (setiap tahun di data/ dan triwulannya).")
def build(year: int | None, no_pdf: bool, periode: str | None, semua: bool):
    """Menyusun laporan tahun YEAR: build/YEAR/html/ dan build/YEAR/lkjip-YEAR.pdf
    (dengan --periode tw3: build/YEAR-tw3/html/ dan build/YEAR-tw3/lkjip-YEAR-tw3.pdf;
    dengan --all: setiap tahun dan triwulan yang datanya ada)."""
    from lkjip.build.pipeline import build as do_build
    from lkjip.core.periode import Periode

    if year is None and not semua:
        ctx = click.get_current_context()
        raise click.MissingParameter(ctx=ctx, param=next(p for p in ctx.command.params if p.name == "year"))
    if semua and year is not None:
        raise click.UsageError("--year dan --all tidak dapat dipakai bersama.")
    if semua and periode:
        raise click.UsageError("--periode dan --all tidak dapat dipakai bersama.")
    # a terminated build unwinds (removing its staging folder) instead of dying mid-step
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if semua:
        from lkjip.build.semua import build_all

        done, failed = build_all(pdf=not no_pdf, log=click.echo)
        for res in done:
            click.echo(f"{res.html_dir.parent.name}: {res.html_dir / 'index.html'} · {res.summary()}")
        for t, _ in failed:
            click.echo(f"{t.nama}: gagal (lihat pesan di atas)", err=True)
        sys.exit(2 if failed else 0)
    periode = periode.lower() if periode else None
    per = Periode.dari(year, periode)
    click.echo(f"Menyusun Laporan Kinerja {per.label + ' ' if per.triwulan else ''}tahun {year}")
    try:
        res = do_build(year, pdf=not no_pdf, log=click.echo, periode=periode)
    except LkjipError as e:
        click.echo(str(e), err=True)
        click.echo("Build dihentikan; keluaran sebelumnya tidak diubah.", err=True)
        sys.exit(2)
    except Exception as e:  # a bug, not bad data: say so in one line (LKJIP_DEBUG=1 for the traceback)
        if lingkungan.debug():
            raise
        if isinstance(e, OSError) and pesan_disk(e):
            click.echo(pesan_disk(e), err=True)
            click.echo("Build dihentikan; keluaran sebelumnya tidak diubah.", err=True)
            sys.exit(2)
        click.echo(f"Kesalahan tak terduga ({type(e).__name__}): {e}", err=True)
        click.echo("Build dihentikan; keluaran sebelumnya tidak diubah. "
                   "Jalankan ulang dengan LKJIP_DEBUG=1 untuk rinciannya.", err=True)
        sys.exit(3)
    click.echo(f"Situs: {res.html_dir / 'index.html'}")
    if res.pdf:
        from lkjip.build.site import pdf_is_current

        if pdf_is_current(res.html_dir.parent, per.nama):
            click.echo(f"PDF:   {res.pdf}")
        else:  # --no-pdf after an edit: the PDF there is the one of an earlier build
            click.echo(f"PDF lama (belum memuat perubahan terakhir di situs): {res.pdf}; "
                       f"susun ulang dengan: lkjip build --year {year}"
                       + (f" --periode {periode}" if periode else ""))
    click.echo(res.summary())


@main.command()
@click.option("--year", "-y", type=int, required=True, help="Tahun anggaran, contoh 2023.")
@opsi_periode
def check(year: int, periode: str | None):
    """Memeriksa data tahun YEAR dan mengaudit angka yang dinyatakan; log mutu di build/YEAR/qa.html
    (dengan --periode tw3: juga data triwulan, log di build/YEAR-tw3/qa.html)."""
    from lkjip.data.pk import project_root
    from lkjip.check.periksa import periksa, ringkasan, tulis_qa

    periode = periode.lower() if periode else None
    try:
        # the quarterly figures (triwulan.csv) are checked with the year's data; with --periode the
        # prose as the quarter's report renders it (its own files first)
        hasil = periksa(year, periode=periode)
    except LkjipError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    lines = ringkasan(hasil)
    if not hasil.valid:
        # invalid data: every problem on the terminal; build/ is left exactly as it was
        click.echo("\n".join(lines), err=True)
        click.echo("Perbaiki data di atas; build/ tidak diubah.", err=True)
        sys.exit(2)
    click.echo("\n".join(lines))
    from lkjip.build.pipeline import recover

    nama = _nama(year, periode)
    recover(project_root() / "build", nama)  # an interrupted build's output first goes back in place
    qa = tulis_qa(hasil, project_root() / "build" / nama / "qa.html")
    click.echo(f"Log mutu: {qa}")
    todo = hasil.belum_diisi
    if todo:
        click.echo("Belum diisi (laporan menulis 'belum tersedia'):")
        click.echo("\n".join(f"  [ ] {t}" for t in todo))


@main.command()
@click.option("--year", "-y", type=int, required=True, help="Tahun anggaran, contoh 2023.")
@click.option("--port", "-p", type=int, default=8000, show_default=True, help="Port di 127.0.0.1.")
@opsi_periode
def preview(year: int, port: int, periode: str | None):
    """Pratinjau situs tahun YEAR di http://127.0.0.1:PORT/, disusun ulang setiap kali berkas disimpan."""
    from lkjip.build.preview import preview as do_preview

    try:
        do_preview(year, port=port, log=click.echo, **({"periode": periode.lower()} if periode else {}))
    except LkjipError as e:
        click.echo(str(e), err=True)
        sys.exit(2)


@main.command()
@click.option("--port", "-p", type=int, default=None, help="Port di 127.0.0.1 (bawaan: yang bebas mulai 8888).")
@click.option("--no-browser", is_flag=True, help="Jangan membuka peramban.")
def lab(port: int | None, no_browser: bool):
    """JupyterLab di akar proyek (data/ dan notebooks/), dengan konfigurasi Jupyter proyek."""
    from lkjip.data.pk import project_root
    from lkjip.tools.lab import prepare

    try:
        cmd, url = prepare(project_root(), port, browser=not no_browser)
    except LkjipError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    click.echo(f"JupyterLab: {url}")
    sys.stdout.flush()
    os.execv(cmd[0], cmd)


@main.command("new-year")
@click.argument("year", type=int)
@click.option("--dari-riwayat", is_flag=True,
              help="Tahun lampau: struktur dari tahun sesudahnya, angka dari data/riwayat.csv.")
def new_year(year: int, dari_riwayat: bool):
    """Memulai data tahun YEAR dari struktur tahun sebelumnya (data/YEAR/)."""
    from lkjip.tools.newyear import checklist, new_year as do_new_year

    try:
        res = do_new_year(year, dari_riwayat=dari_riwayat)
        lines = checklist(res)
    except DataValidationError as e:
        click.echo(e.render(), err=True)
        sys.exit(2)
    except LkjipError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    click.echo("\n".join(lines))


from lkjip.tools.excel_cli import excel  # noqa: E402  (the `lkjip excel` group)

main.add_command(excel)


@main.command("server-build", hidden=True)
@click.argument("socket_path")
def server_build(socket_path: str):
    """The warm build server (lkjip.build.server) on SOCKET_PATH: started by `lkjip build`."""
    from lkjip.build import zygote

    zygote.serve(socket_path, "build", jalankan=console)
    sys.stdout.flush()
    os._exit(0)  # as the warm parents: without tearing down the imports


def console() -> None:
    """The ``lkjip`` command (and ``python -m lkjip.cli``): :func:`main`, and at its end the
    process leaves without tearing its interpreter down: the exit handlers run (warm parents
    stopped, pools closed, streams flushed), but a build's hundreds of imported modules are not
    freed one by one, which took 0.3 s after every build."""
    import atexit

    argv = sys.argv[1:]
    via_server = argv[:1] == ["build"] and lingkungan.server() and not {"-h", "--help"} & set(argv)
    if via_server:  # a warm build server of this lkjip runs the build (lkjip.build.server)
        from lkjip.build import server

        code = server.run(argv, server.sidik_kode())
        if code is not None:
            os._exit(code)
    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if not isinstance(e.code, (int, type(None))):
            print(e.code, file=sys.stderr)
    atexit._run_exitfuncs()
    if via_server:
        server.start()  # for the next build, in the background
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    console()
