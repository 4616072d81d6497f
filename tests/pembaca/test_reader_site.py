"""The site as a reader sees it: a real browser (the distribution's Chromium driven by
Playwright) on the built `build/` folder served over HTTP. Screenshots go to
tests/artifacts/."""
from __future__ import annotations

import io
import re

import pytest

from conftest import ARTIFACTS  # noqa: E402  (the browser and server fixtures are conftest's)
YEAR = "2023"
ENGLISH = ["Skip to main content", "Back to top", "Search this book", "On this page", "previous page",
           "next page", "Contents", "Download", "Print to PDF", "Toggle", "Color mode", "Table of"]


pytestmark = pytest.mark.lambat  # executes notebooks or builds books


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    pg = ctx.new_page()
    yield pg
    ctx.close()


def _chapter_links(pg) -> list[tuple[str, str]]:
    """(title, absolute url) of every entry of the site's chapter navigation."""
    return pg.eval_on_selector_all(
        "nav.bd-docs-nav a.reference", "els => els.map(a => [a.textContent.trim(), a.href])")


def _year_pages(pg, base: str) -> list[str]:
    pg.goto(base + f"{YEAR}/html/index.html")
    urls = [base + f"{YEAR}/html/index.html"] + [u for _, u in _chapter_links(pg)]
    return list(dict.fromkeys(u.split("#")[0] for u in urls))


def test_landing_to_year_and_through_the_chapters(page, server):
    page.goto(server)
    page.screenshot(path=str(ARTIFACTS / "situs-beranda.png"), full_page=True)
    years = page.eval_on_selector_all("ul.tahun h3", "els => els.map(e => e.textContent)")
    assert "Tahun 2023" in years and "Tahun 2024" in years
    # each year links its site and its PDF
    for y in ("2023", "2024"):
        assert page.locator(f'a[href="{y}/html/index.html"]').count() == 1
        assert page.locator(f'a[href="{y}/lkjip-{y}.pdf"]').count() == 1

    page.click(f'a[href="{YEAR}/html/index.html"]')
    page.wait_for_load_state()
    assert f"Tahun {YEAR}" in page.title()
    assert "Direktorat Jenderal HAM" in page.title()
    chapters = _chapter_links(page)
    titles = [t for t, _ in chapters]
    assert "BAB II PERENCANAAN KINERJA" in titles
    assert "Daftar Tabel, Grafik, dan Gambar" in titles

    # follow "next" from the cover to the end: every chapter of the navigation is reached
    seen, headings = [], []
    for _ in range(200):
        seen.append(page.url.split("#")[0])
        h1 = page.locator("main h1").first
        headings.append(h1.inner_text().strip().rstrip("#").strip() if h1.count() else "")
        # a link to the year's PDF on every page
        assert page.locator("a.lkjip-unduh-pdf").count() >= 1, page.url
        body = page.inner_text("body")
        for w in ENGLISH:
            assert w not in body, f"{page.url}: English interface word {w!r}"
        assert "Terakhir diperbarui" not in body  # no date from the build machine's clock
        # charts and photos have alternative text
        alts = page.eval_on_selector_all("main img", "els => els.map(e => e.getAttribute('alt') || '')")
        assert all(a.strip() for a in alts), f"{page.url}: image without alt text"
        nxt = page.locator("a.right-next")
        if not nxt.count():
            break
        nxt.first.click()
        page.wait_for_load_state()
    for title, url in chapters:
        assert url.split("#")[0] in seen, f"chapter {title} not reached by 'next'"
    assert "BAB II PERENCANAAN KINERJA" in headings


def test_search_finds_peduli_ham(page, server):
    page.goto(server + f"{YEAR}/html/index.html")
    # the search box of the site, as a reader uses it
    page.keyboard.press("Control+k")
    box = page.locator("input[name='q']:visible").first
    box.fill("Peduli HAM")
    box.press("Enter")
    page.wait_for_url(re.compile(r"search\.html"))
    page.wait_for_selector("#search-results ul.search li", timeout=20000)
    results = page.locator("#search-results ul.search li")
    assert results.count() >= 1
    texts = " ".join(results.all_inner_texts())
    assert "BAB II" in texts
    page.screenshot(path=str(ARTIFACTS / "situs-pencarian.png"), full_page=True)
    # a term of the prose too
    page.goto(server + f"{YEAR}/html/search.html?q=Rencana+Strategis")
    page.wait_for_selector("#search-results ul.search li", timeout=20000)
    assert page.locator("#search-results ul.search li").count() >= 1


# Sphinx's search messages (searchtools.js, sphinx_highlight.js) in English
ENGLISH_SEARCH = ["Search Results", "Searching", "Search finished", "page(s)", "matching the search query",
                  "did not match any documents", "spelled correctly", "Preparing search", "Hide Search Matches"]


def _search_texts(pg) -> tuple[str, str, str]:
    """After the search finished: its heading (hidden by the theme, still in the page), its
    summary line and everything a reader sees on the page."""
    pg.wait_for_function(
        "() => { const p = document.querySelector('#search-results p.search-summary');"
        " return p && p.innerText.trim().length > 0; }", timeout=20000)
    heading = pg.locator("#search-results h2").first.text_content().strip()
    summary = pg.locator("#search-results p.search-summary").first.inner_text().strip()
    return heading, summary, pg.inner_text("body")


def test_search_page_speaks_indonesian(page, server):
    """The search page's own words (heading, count of pages found, nothing found) are
    Indonesian, not Sphinx's English."""
    page.goto(server + f"{YEAR}/html/search.html?q=Peduli+HAM")
    heading, summary, body = _search_texts(page)
    n = page.locator("#search-results ul.search li").count()
    assert n >= 1
    assert heading == "Hasil Pencarian"
    assert summary == f"Pencarian selesai: {n} halaman memuat kata yang dicari."
    assert page.locator("main h1").first.inner_text().strip() == "Pencarian"
    for w in ENGLISH_SEARCH + ENGLISH:
        assert w not in body, f"English search text {w!r}"
    page.screenshot(path=str(ARTIFACTS / "situs-pencarian-id.png"), full_page=False)
    # nothing found: said in Indonesian too
    page.goto(server + f"{YEAR}/html/search.html?q=zzkatatakadazz")
    heading, summary, body = _search_texts(page)
    assert heading == "Hasil Pencarian"
    assert summary.startswith("Tidak ada halaman yang memuat kata yang dicari.")
    for w in ENGLISH_SEARCH:
        assert w not in body, f"English search text {w!r}"
    # a result followed from the search page highlights the words; no English there either
    page.goto(server + f"{YEAR}/html/search.html?q=Peduli+HAM")
    _search_texts(page)
    page.locator("#search-results ul.search li a").first.click()
    page.wait_for_load_state()
    body = page.inner_text("body")
    for w in ENGLISH_SEARCH:
        assert w not in body, f"{page.url}: English search text {w!r}"


def test_pdf_link_and_table_downloads(page, server):
    from openpyxl import load_workbook

    page.goto(server + f"{YEAR}/html/bab2_perencanaan.html")
    href = page.locator("a.lkjip-unduh-pdf").first.evaluate("a => a.href")
    resp = page.request.get(href)
    assert resp.status == 200
    assert resp.headers["content-type"] == "application/pdf"
    assert resp.body()[:5] == b"%PDF-"

    captions = page.eval_on_selector_all("main table caption .caption-text", "els => els.map(e => e.textContent.trim())")
    assert len(captions) >= 4 and captions[0].startswith("Tabel II.1.")
    # the caption a reader sees (and hears) carries the report's number only, not Sphinx's
    shown = page.eval_on_selector_all("main table caption", "els => els.map(e => e.innerText.trim())")
    assert all(re.match(r"Tabel [IVX]+\.\d+\. ", c) for c in shown), shown
    csv_links = page.eval_on_selector_all("main a.download[href$='.csv']", "els => els.map(a => a.href)")
    xlsx_links = page.eval_on_selector_all("main a.download[href$='.xlsx']", "els => els.map(a => a.href)")
    assert len(csv_links) == len(xlsx_links) == len(captions)
    first_table = page.locator("main table").first
    header = first_table.locator("thead th").all_inner_texts()
    csv_text = page.request.get(csv_links[0]).text()
    # the CSV's header names the table's columns, each with its unit where it has one
    # ("Target (%)"), and a unit column beside a column of mixed units (lkjip.build.unduh)
    csv_header = [re.sub(r" \([^()]*\)$", "", h) for h in csv_text.splitlines()[0].split(",")
                  if not h.endswith(" - satuan")]
    assert csv_header == [h.strip() for h in header]
    assert "Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target" in csv_text
    xl = page.request.get(xlsx_links[-1])
    assert xl.status == 200
    ws = load_workbook(io.BytesIO(xl.body())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("No.", "Kegiatan", "Anggaran")
    # money is a number in Excel, not text
    assert any(isinstance(r[2], (int, float)) and r[2] > 1_000_000 for r in rows[1:])


def test_daftar_page_lists_every_table(page, server):
    tables = []
    for url in _year_pages(page, server):
        if url.endswith("daftar.html"):
            continue
        page.goto(url)
        tables += page.eval_on_selector_all("main table caption .caption-text",
                                            "els => els.map(e => e.textContent.trim())")
    page.goto(server + f"{YEAR}/html/daftar.html")
    listed = page.inner_text("main")
    assert tables
    for t in tables:
        assert t in listed, t
    # each entry leads to its table
    link = page.locator("article.bd-article li a.reference.internal").first
    link.click()
    page.wait_for_load_state()
    assert page.locator("main table caption").count() >= 1


def test_no_page_scrolls_sideways_on_a_phone(browser, server):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    try:
        urls = [server] + _year_pages(pg, server) + [server + f"{YEAR}/html/search.html?q=HAM"]
        wide = []
        for url in urls:
            pg.goto(url)
            pg.wait_for_load_state("networkidle")
            sw, cw = pg.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
            if sw > cw:
                wide.append(f"{url}: {sw} > {cw}")
            if url.endswith("bab2_perencanaan.html"):
                # a wide table scrolls inside its own box
                table = pg.locator("main table").first
                table.scroll_into_view_if_needed()
                box_w = table.evaluate("t => t.parentElement.clientWidth")
                assert table.evaluate("t => t.scrollWidth") >= box_w
                pg.screenshot(path=str(ARTIFACTS / "situs-390px-tabel.png"))
                pg.screenshot(path=str(ARTIFACTS / "situs-390px-bab2.png"), full_page=True)
        assert not wide, "pages wider than the phone: " + "; ".join(wide)
    finally:
        ctx.close()
