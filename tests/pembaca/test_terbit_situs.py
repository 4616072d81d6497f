"""The site in a browser with every request outside it blocked (an intranet without
Internet): formulas render (MathML written by the build), no console error, no request
leaves, each page at most 1 MB transferred; and axe-core finds no serious or critical
violation on any page."""
from __future__ import annotations

from pathlib import Path

import pytest


pytestmark = pytest.mark.lambat

MB = 1_000_000
AXE = Path(__file__).resolve().parents[2] / "vendor" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


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
                        " return [!!f && f.getBoundingClientRect().height > 20, r.width > 50, m.textContent]; })")
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
        res = pg.evaluate("tags => axe.run(document, {runOnly: tags})", AXE_TAGS)
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
