"""The PDF: LaTeX settings of a year's book and the last touches Sphinx cannot make.

The book is compiled in two steps so the LaTeX can be finished in between:
``jupyter-book build --builder latex`` writes ``_build/latex/book.tex``; :func:`finish`
then

- puts the cover (from data) first, and Daftar Isi, Daftar Tabel, Daftar Grafik and
  Daftar Gambar where the book's Daftar page stands (after the Kata Pengantar and the
  Ikhtisar, as in the source report), each in the contents and the PDF bookmarks;
- turns each chart into a ``grafik`` float and each photo into a ``gambar`` float (read
  from the output metadata the notebooks carry), so they get lists of their own;
- drops the site-only cover text of the root page;

and ``make all-pdf`` (latexmk, xelatex) compiles it.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
from pathlib import Path

from lkjip.errors import BuildError
from lkjip.core.fmt import tanggal
from lkjip.core.periode import Periode

# Pages and float kinds ------------------------------------------------------------------
DAFTAR_JUDUL = "Daftar Tabel, Grafik, dan Gambar"  # heading of the site's lists page

_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def tex_escape(text) -> str:
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in str(text or ""))


# Packages loaded before hyperref (Sphinx's ``extrapackages``).
PACKAGES = r"""
\usepackage{etoolbox}
\usepackage{caption}
\usepackage{newfloat}
% the admonitions' title icons (fontawesome5) carry an empty ActualText: a reader copying
% or a screen reader reading the PDF gets the title alone, not the glyph's "®"
\usepackage{accsupp}
\DeclareFloatingEnvironment[fileext=lgr,listname={Daftar Grafik},name=Grafik,placement=htbp]{grafik}
\DeclareFloatingEnvironment[fileext=lgb,listname={Daftar Gambar},name=Gambar,placement=htbp]{gambar}
% lkjip numbers tables and figures itself, per chapter in Roman ("Tabel II.1"), in the
% caption text: LaTeX's own number is neither printed nor listed.
\captionsetup{labelformat=empty,labelsep=none,font=small,listformat=empty}
"""

# The rest of the preamble (Sphinx's ``preamble``, after hyperref).
PREAMBLE = r"""
\setcounter{secnumdepth}{-1}
\setcounter{tocdepth}{1}
% list entries without a number column: the caption text carries "Tabel II.1."
\makeatletter
\renewcommand*\l@table{\@dottedtocline{1}{0em}{0em}}
\renewcommand*\l@figure{\@dottedtocline{1}{0em}{0em}}
\renewcommand*\l@grafik{\@dottedtocline{1}{0em}{0em}}
\renewcommand*\l@gambar{\@dottedtocline{1}{0em}{0em}}
% table cells set ragged right (narrow justified columns leave holes between words)
\newcolumntype{\X}[2]{>{\raggedright\arraybackslash}p{\dimexpr
      (\linewidth-\spx@arrayrulewidth)*#1/#2-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
\newcolumntype{\Y}[1]{>{\raggedright\arraybackslash}p{\dimexpr
      #1\dimexpr\linewidth-\spx@arrayrulewidth\relax-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
\newcolumntype{T}{L}
% tables in a smaller type, so wide ones fit the text width
\setlength{\tabcolsep}{4pt}
% (finish() sets \lkjiptablesize to \footnotesize for tables of six columns or more)
\newcommand\lkjiptablesize{\small}
\AtBeginEnvironment{longtable}{\lkjiptablesize}
\AtBeginEnvironment{tabular}{\lkjiptablesize}
\AtBeginEnvironment{tabulary}{\lkjiptablesize}
% admonition titles wrap (Sphinx sets them on one line, which runs into the margin)
\renewcommand\sphinxdotitlerowwithicon[2]{%
   \begingroup
     \kern-\spx@boxes@padding@top
     \parskip\z@skip
     \noindent
     \kern-\spx@boxes@padding@left
     \spx@boxes@border@top    =\z@
     \spx@boxes@border@right  =\z@
     \spx@boxes@border@bottom =\z@
     \spx@boxes@border@left   =\z@
     \spx@boxes@radius@bottomright@x=\z@
     \spx@boxes@radius@bottomright@y=\z@
     \spx@boxes@radius@bottomleft@x=\z@
     \spx@boxes@radius@bottomleft@x=\z@
     \spx@boxes@padding@top   =\sphinxtitlerowtoppadding\relax
     \spx@boxes@padding@bottom=\sphinxtitlerowbottompadding\relax
     \spx@boxes@withshadowfalse
     \sphinxcolorlet{spx@boxes@backgroundcolor}{sphinx#1TtlBgColor}%
     \spx@boxes@fcolorbox{%
        \parbox[t]{\linewidth}{\raggedright
         \textcolor{sphinx#1TtlFgColor}{%
            \BeginAccSupp{method=plain,ActualText={}}\@nameuse{sphinx#1TtlIcon}\EndAccSupp{}%
            \sphinxtitlerowaftericonspacecmd
         }%
         \sphinxstrong{#2}%
         \strut}%
      }%
     \kern-\spx@boxes@padding@right
     \par
   \endgroup
   \vskip-\parskip
   \kern\spx@boxes@padding@top
}
\makeatother
\hypersetup{bookmarksopen=true,bookmarksopenlevel=0,pdflang=id,pdfdisplaydoctitle=true}
\renewcommand{\releasename}{}
"""


DRAF_COVER = r"""\vspace{1.2cm}
{\setlength{\fboxsep}{8pt}\setlength{\fboxrule}{2pt}\fcolorbox{lkjipbiru}{white}{\parbox{.6\textwidth}{\centering
{\fontsize{40}{48}\selectfont\bfseries DRAF\par}\vspace{4pt}
{\normalsize Laporan ini belum final: angka dan teks masih dapat berubah.\par}}}\par}
"""


def cover(data) -> str:
    """The cover page, as on the source report: title, unit, year; then the ministry
    and the report's place and date (from data, never the build machine's clock)."""
    o = data.organisasi
    e = tex_escape
    per = Periode(data.tahun, getattr(data, "triwulan", None))
    tempat_tanggal = ""
    if o.laporan_tanggal or per.triwulan:  # a quarterly report: the quarter's last month
        tempat_tanggal = e(f"{o.laporan_tempat + ', ' if o.laporan_tempat else ''}"
                           f"{tanggal(per.bulan_akhir if per.triwulan else o.laporan_tanggal)}")
    triwulan = (rf"{{\LARGE\bfseries {e(per.label.upper())}\par}}" + "\n\\vspace{0.4cm}\n"
                if per.triwulan else "")
    sampai = rf"{{\large {e(per.sampai)}\par}}" + "\n" if per.triwulan else ""
    # a draft says so on its cover, in a box no reader can miss
    draf = "" if o.status == "final" else DRAF_COVER
    # the ministry under the unit, unless the unit is the ministry (its name once)
    kementerian = "".join(rf"\vspace{{0.3cm}}" "\n" rf"{{\large {e(n.upper())}\par}}" for n in o.nama_sampul[1:])
    return rf"""
\begin{{titlepage}}
\centering\sffamily
\vspace*{{2.5cm}}
{{\color{{lkjipbiru}}\rule{{\textwidth}}{{3pt}}}}\par\vspace{{1.2cm}}
{{\fontsize{{30}}{{36}}\selectfont\bfseries LAPORAN KINERJA\par}}
\vspace{{0.8cm}}
{{\LARGE\bfseries {e(o.unit_singkat.upper())}\par}}
\vspace{{0.8cm}}
{triwulan}{{\LARGE\bfseries TAHUN {data.tahun}\par}}
{sampai}\vspace{{1.2cm}}
{{\color{{lkjipbiru}}\rule{{\textwidth}}{{3pt}}}}\par
\vspace{{1cm}}
{{\large Laporan Kinerja Instansi Pemerintah (LKjIP)\par}}
{draf}\vfill
{{\Large\bfseries {e(o.unit.upper())}\par}}
{kementerian}
\vspace{{0.8cm}}
{{\large {tempat_tanggal}\par}}
\vspace*{{1cm}}
\end{{titlepage}}
"""


def source_date(data) -> _dt.datetime:
    """The PDF's creation and modification date, from data so that two builds of the same
    data give the same file: the report's date (organisasi.yaml ``laporan.tanggal``; a
    month-only date is the month's first day), else 31 December of the fiscal year.
    Midnight UTC."""
    d = data.organisasi.laporan_tanggal
    if getattr(data, "triwulan", None):  # a quarterly report: its quarter's last month
        d = Periode(data.tahun, data.triwulan).bulan_akhir
    if d:
        parts = [int(x) for x in str(d).split("-")]
        day = _dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    else:
        day = _dt.date(int(data.tahun), 12, 31)
    return _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc)


# The date travels in book.tex to make_pdf(), which gives it to xelatex/xdvipdfmx.
_SOURCE_DATE = re.compile(r"^% lkjip-source-date-epoch: (\d+)$", re.M)


# hyperref with its PDF/A option (Sphinx's default otherwise): annotations printable, no
# actions PDF/A forbids; hyperxmp then writes the PDF/A identification into the XMP.
HYPERREF = ("% Include hyperref last.\n\\usepackage[pdfa]{hyperref}\n"
            "% Fix anchor placement for figures with captions.\n"
            "\\usepackage{hypcap}% it must be loaded after hyperref.\n"
            "% Set up styles of URL: it should be placed after hyperref.\n\\urlstyle{same}")

# PDF/A's output intent: the sRGB profile of TeX Live's colorprofiles package, embedded
# by xdvipdfmx and named in the catalogue.
OUTPUT_INTENT = (r"\AtBeginDocument{\special{pdf:fstream @lkjipicc (sRGB.icc) <</N 3>>}"
                 r"\special{pdf:put @catalog <</OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 "
                 r"/DestOutputProfile @lkjipicc /OutputConditionIdentifier (sRGB IEC61966-2.1) "
                 r"/Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org)>>]>>}}")


def metadata(data) -> str:
    """The PDF's document information and XMP metadata (hyperxmp), from data: title,
    author (the unit), language, subject, keywords, publisher and dates (the report's date,
    see :func:`source_date`, never the clock), identifiers derived from the unit and year,
    PDF/A-2b identification and output intent; the title shown in the viewer's title bar."""
    import uuid

    o = data.organisasi
    e = tex_escape
    per = Periode(data.tahun, getattr(data, "triwulan", None))
    judul = per.judul(o.unit_singkat)
    if o.status != "final":
        judul += " (DRAF)"
    subjek = f"Laporan Kinerja Instansi Pemerintah (LKjIP) {o.unit} tahun anggaran {data.tahun}"
    kunci = ", ".join(dict.fromkeys(["LKjIP", "Laporan Kinerja", o.unit_singkat, o.induk, str(data.tahun)]))
    when = source_date(data)
    pdfdate = when.strftime("D:%Y%m%d%H%M%SZ")
    doc_id = uuid.uuid5(uuid.NAMESPACE_URL, f"lkjip:{o.unit}:{per.nama}")
    inst_id = uuid.uuid5(doc_id, f"{o.status}:{o.laporan_tanggal or ''}")
    return (r"\usepackage{hyperxmp}" + "\n"
            + r"\hypersetup{" + f"pdftitle={{{e(judul)}}},pdfauthor={{{e(o.unit)}}},"
            f"pdfsubject={{{e(subjek)}}},pdfkeywords={{{e(kunci)}}},pdflang=id,"
            f"pdfpublisher={{{e(o.induk)}}},pdfdate={{{when.date().isoformat()}}},"
            f"pdfcreationdate={{{pdfdate}}},pdfmoddate={{{pdfdate}}},pdfmetadate={{{pdfdate}}},"
            f"pdfdocumentid={{uuid:{doc_id}}},pdfinstanceid={{uuid:{inst_id}}},"
            "pdfapart=2,pdfaconformance=B,pdfdisplaydoctitle=true,pdfpagelabels=true}\n"
            # hyperxmp on XeTeX leaves Author and Keywords out of the document information
            + rf"\pdfstringdef\lkjipauthor{{{e(o.unit)}}}\pdfstringdef\lkjipkeywords{{{e(kunci)}}}"
            + r"\AtBeginDocument{\special{pdf:docinfo <</Author (\lkjipauthor) /Keywords (\lkjipkeywords)>>}}" + "\n"
            + OUTPUT_INTENT + "\n")


def configure(cfg: dict, data) -> None:
    """LaTeX settings of the year's book config (``cfg``, the parsed _config.yml)."""
    o = data.organisasi
    # Sphinx inserts latex_documents' title and author as LaTeX markup, not text; Jupyter
    # Book fills the title from the book's title unescaped, so a name from data with "&"
    # or "#" would stop the PDF (running heads print the title)
    docs = cfg.setdefault("latex", {}).setdefault("latex_documents", {})
    docs["title"] = tex_escape(cfg.get("title") or f"Laporan Kinerja {o.unit_singkat} Tahun {data.tahun}")
    docs["author"] = tex_escape(o.unit)
    sphinx_cfg = cfg.setdefault("sphinx", {}).setdefault("config", {})
    el = sphinx_cfg.setdefault("latex_elements", {})
    el["papersize"] = "a4paper"
    el["extraclassoptions"] = "openany,oneside"
    el["geometry"] = (r"\usepackage[a4paper,top=2.5cm,bottom=2.5cm,left=3cm,right=2.5cm,"
                      r"headheight=14pt]{geometry}")
    el["extrapackages"] = PACKAGES + r"\definecolor{lkjipbiru}{HTML}{1F3A68}" + "\n"
    el["preamble"] = (el.get("preamble", "") + PREAMBLE + metadata(data)
                      + f"% lkjip-source-date-epoch: {int(source_date(data).timestamp())}\n")
    el["maketitle"] = cover(data)
    el["hyperref"] = HYPERREF
    el["tableofcontents"] = ""  # placed by finish() where the Daftar page stands
    el["printindex"] = ""


# Finishing the .tex ---------------------------------------------------------------------
_CHAPTER = re.compile(r"^\\chapter\{(.*)\}\s*$", re.M)
_FIGURE = re.compile(r"\\begin\{figure\}(\[[^\]]*\])?(.*?)\\end\{figure\}", re.S)
_LABEL = re.compile(r"\\label\{\\detokenize\{[^:}]*:([^}]*)\}\}")


_LONGTABLE = re.compile(r"\\begin\{longtable\}.*?\\end\{longtable\}", re.S)
_NOMOR = re.compile(r"\\caption\{((?:Tabel|Lanjutan Tabel) [IVXLC]+\.\d+)")
_COLSPEC = re.compile(r"\\begin\{longtable\}(?:\[[^\]]*\])?\{(.*?)\}\n")


_PROTECTED = re.compile(r"\\(?:sphinxhref|href|url|detokenize|sphinxincludegraphics|includegraphics)"
                        r"(?:\[[^\]]*\])?\{[^}]*\}")
_SLASH = re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])")


def break_after_slash(block: str) -> str:
    """"Provinsi/Kabupaten/Kota" in a narrow column: LaTeX does not break a line at a
    slash, so the word ran into the next column. A break is allowed after a slash between
    letters, except inside links, labels and file names."""
    out, last = [], 0
    for m in _PROTECTED.finditer(block):
        out.append(_SLASH.sub(r"/\\allowbreak{}", block[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_SLASH.sub(r"/\\allowbreak{}", block[last:]))
    return "".join(out)


def _longtable(m: re.Match) -> str:
    """The header repeated on the next page names the table by lkjip's number
    ("Tabel II.1 – lanjutan ...", or no name when it has no number) instead of
    LaTeX's counter; tables of six columns or more in a smaller type."""
    block = m.group(0)
    nomor = _NOMOR.search(block)
    if nomor:
        block = block.replace(r"\tablename\ \thetable{} ", nomor.group(1) + " ")
    else:  # a caption in full would run past the margins (the header is a centred box)
        block = block.replace(r"\tablename\ \thetable{} \textendash{} ", "")
        # as in the source report, Daftar Tabel lists the numbered tables only
        block = block.replace(r"\caption{", r"\caption[]{", 1)
    block = break_after_slash(block)
    spec = _COLSPEC.search(block)
    if spec and len(re.findall(r"\\X\{|\\Y\{|(?<![\\{])[lcrpLCRJT]", spec.group(1))) >= 6:
        block = r"\renewcommand\lkjiptablesize{\footnotesize}" + "\n" + block
    return block


def _lists_block(kinds: set[str]) -> str:
    """Daftar Isi and the lists that have entries, each in the contents and bookmarks."""
    parts = [r"\clearpage\phantomsection\addcontentsline{toc}{chapter}{\contentsname}",
             r"\begingroup\parskip 0pt\sphinxtableofcontentshook\tableofcontents\endgroup"]
    lists = [("tabel", r"\listtablename", r"\listoftables"),
             ("grafik", "Daftar Grafik", r"\listofgrafiks"),
             ("gambar", "Daftar Gambar", r"\listofgambars")]
    for kind, name, cmd in lists:
        if kind in kinds:
            parts.append(r"\clearpage\phantomsection\addcontentsline{toc}{chapter}{%s}%s" % (name, cmd))
    parts.append(r"\clearpage")
    return "\n".join(parts) + "\n"


def finish(tex: str, jenis: dict[str, str]) -> str:
    """The finished book.tex. ``jenis`` maps a reference label to its kind
    ("tabel", "grafik", "gambar"), read from the notebooks' output metadata."""
    # charts and photos: floats of their own kind, so each has its own list
    def refloat(m: re.Match) -> str:
        body = m.group(2)
        lab = _LABEL.search(body)
        kind = jenis.get(lab.group(1)) if lab else None
        env = kind if kind in ("grafik", "gambar") else "figure"
        if not re.search(r"\\caption\{(Grafik|Gambar) (?:[IVXLC]+\.)?\d+\.", body):
            body = body.replace(r"\caption{", r"\caption[]{", 1)  # unnumbered: not listed
        return rf"\begin{{{env}}}{m.group(1) or ''}{body}\end{{{env}}}"

    tex = _FIGURE.sub(refloat, tex)
    tex = _LONGTABLE.sub(_longtable, tex)

    begin = tex.index(r"\begin{document}")
    head, body = tex[:begin], tex[begin:]
    # the root page's text is the site's cover; the PDF has its own cover
    m = re.search(r"\\label\{\\detokenize\{index::doc\}\}\n", body)
    if m:
        nxt = re.search(r"\\sphinxstepscope|\\chapter\{", body[m.end():])
        if nxt:
            body = body[:m.end()] + body[m.end() + nxt.start():]

    # the front matter (Kata Pengantar, Ikhtisar, the lists) is numbered in roman after the
    # cover, BAB I starts page 1 in arabic: no two pages share a number
    cover_end = body.find(r"\end{titlepage}")
    if cover_end != -1:
        cover_end += len(r"\end{titlepage}")
        body = body[:cover_end] + "\n\\pagenumbering{roman}" + body[cover_end:]
    kinds = {k for k in jenis.values()}
    lists = _lists_block(kinds) + "\\pagenumbering{arabic}\n"
    chapters = list(_CHAPTER.finditer(body))
    daftar = next((c for c in chapters if c.group(1).strip() == DAFTAR_JUDUL), None)
    if daftar:
        # the Daftar page (site only) gives way to the LaTeX lists
        step = r"\sphinxstepscope"
        start = body.rfind(step, 0, daftar.start())
        if start == -1 or body[start + len(step):daftar.start()].strip():
            start = daftar.start()
        after = [c for c in chapters if c.start() > daftar.start()]
        end = after[0].start() if after else body.index(r"\end{document}")
        prev = body.rfind(step, daftar.end(), end)
        if prev != -1 and not body[prev + len(step):end].strip():
            end = prev
        body = body[:start] + lists + body[end:]
    else:
        first = chapters[0].start() if chapters else body.index(r"\end{document}")
        first = body.rfind(r"\sphinxstepscope", 0, first) if r"\sphinxstepscope" in body[:first] else first
        body = body[:first] + lists + body[first:]
    return head + body


def make_pdf(latex_dir: Path, jenis: dict[str, str]) -> Path:
    """Finish book.tex and compile it with the Makefile Sphinx wrote (latexmk, xelatex)."""
    tex_path = latex_dir / "book.tex"
    tex = finish(tex_path.read_text(encoding="utf-8"), jenis)
    tex_path.write_text(tex, encoding="utf-8")
    env = dict(os.environ, LATEXOPTS="-interaction=nonstopmode -halt-on-error",
               LATEXMKOPTS="-silent")
    date = _SOURCE_DATE.search(tex)
    if date:
        # xdvipdfmx takes CreationDate, ModDate and the trailer /ID from this instead
        # of the clock (and XeTeX its \today): the same data gives the same PDF
        env.update(SOURCE_DATE_EPOCH=date.group(1), FORCE_SOURCE_DATE="1")
    proc = subprocess.run(["make", "all-pdf"], cwd=latex_dir, capture_output=True, text=True, env=env)
    pdf = latex_dir / "book.pdf"
    if proc.returncode != 0 or not pdf.is_file():
        log = latex_dir / "book.log"
        tail = ""
        if log.is_file():
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
            err = [i for i, ln in enumerate(lines) if ln.startswith("!")]
            tail = "\n".join(lines[err[0]:err[0] + 12]) if err else "\n".join(lines[-20:])
        raise BuildError(f"LaTeX gagal menyusun PDF:\n{tail or proc.stdout[-2000:]}")
    return pdf
