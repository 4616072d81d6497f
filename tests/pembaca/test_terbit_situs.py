"""The site in a browser with every request outside it blocked (an intranet without
Internet): formulas render (MathML written by the build), no console error, no request
leaves, each page at most 1 MB transferred; and axe-core finds no serious or critical
violation on any page."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ARTIFACTS  # noqa: E402


pytestmark = pytest.mark.lambat

MB = 1_000_000
AXE = Path(__file__).resolve().parents[2] / "vendor" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 A and AA, as the issue measured


def _open_offline(browser, url, width=1366):  # noqa: F811
    """A fresh browser (empty cache) on `url`; every request that is not the site's is aborted."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    pg = ctx.new_page()
    outside, errors, sizes = [], [], {}
    base = url.split("/20")[0]

    def route(r):
        if r.request.url.startswith(base) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    def finished(req):
        s = req.sizes()
        sizes[req.url] = sizes.get(req.url, 0) + s["responseBodySize"] + s["responseHeadersSize"]

    pg.route("**/*", route)
    pg.on("requestfinished", finished)
    pg.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pg.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(url, wait_until="networkidle")
    return ctx, pg, outside, errors, sizes


def _pages(built, year="2023") -> list[str]:
    return sorted(p.name for p in (built / "build" / year / "html").glob("*.html"))


def test_formulas_render_with_the_network_blocked(browser, server):  # noqa: F811
    ctx, pg, outside, errors, sizes = _open_offline(browser, server + "2023/html/bab3_akuntabilitas.html")
    # Tabel III.1's formulas: a fraction drawn by the browser (taller than a line of text)
    shown = pg.evaluate("[...document.querySelectorAll('span.math math')].map(m => {"
                        " const f = m.querySelector('mfrac'); const r = m.getBoundingClientRect();"
                        " return [!!f && f.getBoundingClientRect().height > 20, r.width > 50,"
                        " m.textContent.replace(/\u00a0/g, ' ')]; })")
    raw_tex = pg.evaluate("document.body.innerText.includes('\\\\frac')")
    print(f"bab3_akuntabilitas: {len(shown)} formulas, {sum(a and b for a, b, _ in shown)} drawn as fractions, "
          f"TeX shown: {raw_tex}, {sum(sizes.values())} bytes in {len(sizes)} requests")
    ctx.close()
    assert len(shown) >= 20 and all(a and b for a, b, _ in shown), shown
    assert any("184 tanggapan" in t and "63,9" in t for _, _, t in shown)
    assert not raw_tex
    assert outside == [] and errors == [], (outside, errors)


@pytest.mark.parametrize("year", ["2023", "2024"])
def test_every_page_light_quiet_and_self_contained(browser, server, built, year):  # noqa: F811
    weights = {}
    for page in _pages(built, year):
        ctx, pg, outside, errors, sizes = _open_offline(browser, server + f"{year}/html/{page}")
        weights[page] = sum(sizes.values())
        ctx.close()
        assert outside == [], (page, outside)
        assert errors == [], (page, errors)
        assert not any("fontawesome.js" in u or "mathjax" in u.lower() for u in sizes), (page, list(sizes))
    heaviest = max(weights, key=weights.get)
    print(f"{year}: {len(weights)} pages, heaviest {heaviest} {weights[heaviest]} bytes, "
          f"lightest {min(weights.values())} bytes, console errors 0")
    assert all(w <= 1 * MB for w in weights.values()), weights


def test_axe_no_serious_or_critical_violation_on_any_page(browser, server, built):  # noqa: F811
    assert AXE.is_file(), f"{AXE} is missing: run scripts/install-system-deps.sh"
    axe = AXE.read_text(encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    pg = ctx.new_page()
    counts, found = {}, []
    for page in _pages(built):
        pg.goto(server + f"2023/html/{page}", wait_until="load")
        pg.add_script_tag(content=axe)
        res = pg.evaluate("tags => axe.run(document, {runOnly: tags, resultTypes: ['violations']})", AXE_TAGS)
        by_impact = {}
        for v in res["violations"]:
            by_impact[v["impact"]] = by_impact.get(v["impact"], 0) + len(v["nodes"])
            if v["impact"] in ("serious", "critical"):
                found.append((page, v["id"], [n["target"] for n in v["nodes"]][:3]))
        counts[page] = by_impact
    ctx.close()
    total = {}
    for c in counts.values():
        for k, n in c.items():
            total[k] = total.get(k, 0) + n
    print(f"axe-core on {len(counts)} pages of 2023: violations by impact {total}")
    assert len(counts) >= 25
    assert found == [], found


TABLES_JS = """() => [...document.querySelectorAll('main .pst-scrollable-table-container')].map(c => {
  const t = c.querySelector('table'), cap = t.querySelector('caption'), cue = c.previousElementSibling;
  const cr = c.getBoundingClientRect(), kr = cap ? cap.getBoundingClientRect() : null;
  return {id: t.id, scrolls: c.scrollWidth > c.clientWidth + 1,
          cue: !!cue && cue.classList.contains('lkjip-geser') && cue.offsetParent !== null
               && cue.innerText.includes('Geser'),
          cut: !!cap && (kr.right > cr.right + 1 || kr.left < cr.left - 1 || cap.scrollWidth > cap.clientWidth + 1)};
})"""


def _table_pages(built) -> list[str]:
    html = built / "build" / "2023" / "html"
    return sorted(p.name for p in html.glob("*.html") if "pst-scrollable-table-container" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("width,media", [(390, "screen"), (1366, "screen"), (718, "print")])
def test_wide_tables_cue_captions_and_print(browser, server, built, width, media):  # noqa: F811
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    pg = ctx.new_page()
    pg.emulate_media(media=media)
    seen = []
    for page in _table_pages(built):
        pg.goto(server + f"2023/html/{page}", wait_until="load")
        seen += [(page, r) for r in pg.evaluate(TABLES_JS)]
    if width == 390:
        pg.goto(server + "2023/html/bab3_akuntabilitas.html", wait_until="load")
        pg.locator("#tabel-iii-ringkasan-strategis").scroll_into_view_if_needed()
        pg.screenshot(path=str(ARTIFACTS / "situs-tabel-390.png"))
    ctx.close()
    scrolling = [p for p, r in seen if r["scrolls"]]
    print(f"{media} {width} px: {len(seen)} tables, {len(scrolling)} scroll, "
          f"{sum(r['scrolls'] and not r['cue'] for _, r in seen)} without a cue, "
          f"{sum(r['cut'] for _, r in seen)} captions cut")
    assert len(seen) >= 70  # the 2023 report's 72 tables
    assert [(p, r["id"]) for p, r in seen if r["cut"]] == []
    if media == "print":  # every column on the paper: nothing scrolls
        assert scrolling == []
    else:
        assert [(p, r["id"]) for p, r in seen if r["scrolls"] and not r["cue"]] == []
        assert [(p, r["id"]) for p, r in seen if r["cue"] and not r["scrolls"]] == []
    if width == 390:
        assert len(scrolling) >= 70  # on a phone nearly every table scrolls, and says so


def test_differences_told_and_every_footer_links_the_quality_log(browser, server, built):  # noqa: F811
    from lkjip.check.audit import teks_angka
    from lkjip.check.periksa import validasi

    hasil = validasi(2023, built).audit
    groups = hasil.distinct()
    assert (len(hasil.selisih), len(groups)) == (50, 16)  # the 2023 report (QA log)
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    pg = ctx.new_page()
    pg.goto(server + "2023/html/ikhtisar.html")
    pg.click("main a[href='perbedaan.html']")
    pg.wait_for_load_state()
    assert pg.locator("main h1").first.inner_text().startswith("Perbedaan Angka")
    items = pg.eval_on_selector_all("main ol > li", "lis => lis.map(li => li.innerText.replace(/\\s+/g, ' '))")
    assert len(items) == 16, items
    # each group's printed and computed figure, where and why, as the audit has them
    for (besaran, tertulis, _, group), item in zip(groups, items):
        assert f"tercetak {teks_angka(tertulis)}, hasil perhitungan {group[0].teks_dihitung()}" in item, item
        assert " ".join(group[0].lokasi.split()) in item and "Sebab: " in item, item
    assert "50" in pg.locator("main").inner_text()
    ctx.close()
    # every page of both years: the footer links the year's QA log and the landing page, and
    # the same page of the other year
    for year, other in (("2023", "2024"), ("2024", "2023")):
        html = built / "build" / year / "html"
        for p in html.glob("*.html"):
            s = p.read_text(encoding="utf-8")
            assert 'href="../qa.html"' in s and 'href="../../index.html"' in s, p
            same = f"../../{other}/html/{p.name}"
            target = same if (built / "build" / other / "html" / p.name).is_file() else f"../../{other}/html/index.html"
            assert f'href="{target}"' in s, (p, target)
        assert (built / "build" / year / "qa.html").is_file()
    # 2024 states no figures (no dinyatakan.csv): no such page
    assert not (built / "build/2024/html/perbedaan.html").exists()
