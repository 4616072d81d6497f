"""The site in a browser with every request outside it blocked (an intranet without
Internet): formulas render from the site's own MathJax, no console error, no request
leaves, and what each page weighs."""
from __future__ import annotations

import pytest


pytestmark = pytest.mark.lambat

MB = 1_000_000


def _open_offline(browser, url):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    pg = ctx.new_page()
    outside, errors, sizes = [], [], {}
    base = url.split("/20")[0]

    def route(r):
        if r.request.url.startswith(base) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    def response(resp):
        try:
            sizes[resp.url] = len(resp.body())
        except Exception:  # a request without a body (aborted)
            sizes[resp.url] = 0

    pg.route("**/*", route)
    pg.on("response", response)
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(url, wait_until="networkidle")
    return ctx, pg, outside, errors, sizes


def test_formulas_render_offline_without_console_errors(browser, server):  # noqa: F811
    ctx, pg, outside, errors, sizes = _open_offline(browser, server + "2023/html/bab3_akuntabilitas.html")
    pg.wait_for_function("document.querySelectorAll('mjx-container').length > 0", timeout=20000)
    rendered = pg.evaluate("document.querySelectorAll('mjx-container').length")
    raw_tex = pg.evaluate("[...document.querySelectorAll('span.math')].filter(e => "
                          "!e.querySelector('mjx-container') && e.textContent.includes('\\\\frac')).length")
    weight = sum(sizes.values())
    print(f"bab3_akuntabilitas: {rendered} formulas rendered, {raw_tex} left as TeX, {weight} bytes, "
          f"{len(sizes)} requests")
    ctx.close()
    assert rendered >= 20 and raw_tex == 0
    assert outside == [] and errors == [], (outside, errors)


@pytest.mark.parametrize("page", ["index.html", "bab2_perencanaan.html", "bab3_sasaran_sk-1.html",
                                  "daftar.html", "search.html"])
def test_no_request_leaves_the_site_and_page_weight(browser, server, page):  # noqa: F811
    ctx, pg, outside, errors, sizes = _open_offline(browser, server + f"2023/html/{page}")
    pg.wait_for_timeout(500)
    has_math = pg.evaluate("document.querySelectorAll('span.math, div.math').length") > 0
    weight = sum(sizes.values())
    print(f"{page}: {weight} bytes in {len(sizes)} requests (formulas: {has_math})")
    ctx.close()
    assert outside == [] and errors == [], (outside, errors)
    if not has_math:  # MathJax (0.71 MB) is loaded only by a page with a formula
        assert weight <= 1 * MB, weight
    assert not any("fontawesome.js" in u or "mathjax" in u.lower() and not has_math for u in sizes), list(sizes)
