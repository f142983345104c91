"""Page optimisation (features.optimise): the CSS subset, the one bundle, per-page rewrites,
search weight."""

from __future__ import annotations

from puente.features.optimise import css_subset, page_rewrite


def test_the_subset_keeps_what_pages_have_in_every_medium_and_the_page_rules():
    tokens = css_subset.Tokens()
    tokens.add_html('<body class="a"><p id="x" data-k="v">t</p></body>')
    css = ("p.a,.b{color:red}.a p{x:1}#x{y:2}[data-k=v]{z:3}[data-k=w]{z:4}"
           "@media print{@page{margin:1in}.gone{display:none}.a{color:#000}}@media screen{.gone{a:b}.a:hover{c:d}}")
    result = css_subset.subset(css, tokens)
    assert ".b" in result.removed and "p.a" in result.kept   # conservative: p and .a both occur
    assert ".a p{x:1}" in result.css and "#x{y:2}" in result.css and "[data-k=v]" in result.css
    assert "[data-k=w]" not in result.css
    assert "@media print{@page{margin:1in}.a{color:#000}}" in result.css   # print rules subset too
    assert "@media screen{.a:hover{c:d}}" in result.css


def test_desktop_only_rules_are_dropped_and_wider_limits_lifted_for_screens_only():
    cap = css_subset.cap_width
    assert cap("screen and (min-width:76.25em)") is None
    assert cap("screen and (min-width:60em) and (max-width:76.234375em)") is None
    assert cap("screen and (max-width:76.234375em)") == "screen"
    assert cap("screen and (max-width:59.984375em)") == "screen"
    assert cap("screen and (min-width:45em) and (max-width:59.984375em)") == "screen and (min-width:45em)"
    assert cap("screen and (max-width:44.984375em)") == "screen and (max-width:44.984375em)"
    for untouched in ("print", "(min-width:76.25em)", "(prefers-reduced-motion)"):
        assert cap(untouched) == untouched   # the flyers print with print rules; bare queries stay
    tokens = css_subset.Tokens()
    tokens.add_html('<div class="a">t</div>')
    css = "@media screen and (min-width:76.25em){.a{x:1}}@media screen and (max-width:76.234375em){.a{y:2}}"
    assert css_subset.subset(css, tokens).css == "@media screen{.a{y:2}}"


def test_a_bad_search_weight_fails_the_build_naming_the_page(project_copy):
    from conftest import mkdocs_build

    page = project_copy / "docs" / "sobre.es.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\ntitle:", "\nsearch_weight: mucho\ntitle:", 1),
                    encoding="utf-8")
    result = mkdocs_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "docs/sobre.es.md: search_weight must be a number from 0 to 10" in result.stderr


def test_one_fingerprinted_stylesheet_and_search_script_per_page(site):
    import hashlib
    import re

    from html_tools import html_pages

    bundles = set()
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html[:600]:
            continue
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
        assert len(sheets) == 1 and "bundle." in sheets[0], (page, sheets)
        bundles.add(sheets[0].rsplit("/", 1)[1])
        assert 'rel="icon" href="data:image/svg+xml,' in html          # the favicon inlined
        assert "data-pagefind-body" in html
    for name in bundles:
        data = (site / "assets/stylesheets" / name).read_bytes()
        assert name == f"bundle.{hashlib.sha256(data).hexdigest()[:10]}.css"   # the name is its content
    scripts = list((site / "assets/javascripts").glob("puente-search.*.js"))
    assert len(scripts) == 1 and not (site / "assets/javascripts/puente-search.js").exists()


def test_page_rewrite_keeps_preformatted_text_and_weights_search():
    html = "<div>\n    <p>a</p>\n</div><pre>\n    code\n</pre><script>\n  x = 1\n</script>"
    out = page_rewrite.collapse_whitespace(html)
    assert out == "<div>\n<p>a</p>\n</div><pre>\n    code\n</pre><script>\n  x = 1\n</script>"

    class Page:
        def __init__(self, meta):
            self.meta = meta

    assert page_rewrite.search_weight(Page({"search_weight": 0.3})) == ' data-pagefind-weight="0.3"'
    assert page_rewrite.search_weight(Page({})) == ""
