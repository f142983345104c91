"""The HTML policy for page content (scripts/puente/checks/html_policy.py).

A table of hostile fragments (each must be refused, naming what) and of what pages really use
(each must pass), checked by the policy directly; then payloads planted in a copy of the project,
where `mkdocs build` must fail naming the Markdown file and line.
"""

from __future__ import annotations

import pytest

from conftest import mkdocs_build
from puente.checks import html_policy

SITE = "https://example.org/"

# (fragment, text the violation's description must contain)
HOSTILE = [
    ("<script>alert(1)</script>", "<script>"),
    ("<SCRIPT SRC=/x.js></SCRIPT>", "<script>"),
    ("<scr<script>ipt>alert(1)</script>", "<script>"),
    ('<iframe src="https://www.dol.gov/"></iframe>', "<iframe>"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<iframe>"),
    ('<object data="x.swf"></object>', "<object>"),
    ('<embed src="x.swf">', "<embed>"),
    ('<form action="https://www.dol.gov/"><input name=q></form>', "<form>"),
    ('<button formaction="javascript:alert(1)">x</button>', "<button>"),
    ("<style>body{background:url(https://evil.example/x)}</style>", "<style>"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta>"),
    ('<base href="https://evil.example/">', "<base>"),
    ("<details ontoggle=alert(1) open>x</details>", "<details>"),
    ("<p><span ontoggle=alert(1)>x</span></p>", "ontoggle"),
    ('<p onclick="alert(1)">x</p>', "onclick"),
    ('<img src=x ONERROR=alert(1) alt="">', "onerror"),
    ('<p style="background-image:url(https://evil.example/p.png)">x</p>', "style attribute"),
    ('<span style="color:red">x</span>', "style attribute"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:alert(1)"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "JaVaScRiPt"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript:"),
    ('<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>', "javascript:"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "script:alert"),
    ('<a href="java&Tab;script:alert(1)">x</a>', "script:alert"),
    ('<a href=" &#14;  javascript:alert(1)">x</a>', "javascript"),
    ('<a href="\njavascript:alert(1)">x</a>', "javascript"),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "data:"),
    ('<a href="DATA:text/html,x">x</a>', "DATA:"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript:"),
    ('<a href="VBScript&#58;msgbox(1)">x</a>', "VBScript:"),
    ('<img src="https://www.dol.gov/pixel.png" alt="">', "another origin"),
    ('<img src="//evil.example/p.png" alt="">', "another origin"),
    ('<img src="/\\evil.example/p.png" alt="">', "another origin"),
    ('<img src="data:image/png;base64,iVBORw0KGgo=" alt="">', "another origin"),
    ('<img srcset="a.png 1x, https://evil.example/b.png 2x" alt="">', "srcset"),
    ('<video poster="https://evil.example/p.png"></video>', "<video>"),
    ('<table background="https://evil.example/p.png"><tr><td>x</td></tr></table>', "<table>"),
    ('<input type="image" src="https://evil.example/p.png">', "<input>"),
    ("<svg><script>alert(1)</script></svg>", "<script> inside an SVG"),
    ('<svg onload="alert(1)"></svg>', "onload"),
    ('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "<a> inside an SVG"),
    ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "<animate>"),
    ('<svg><path fill="url(https://evil.example/g.svg#p)" d="M0 0"/></svg>', "url(...)"),
    ('<svg><foreignObject><p>x</p></foreignObject></svg>', "foreignObject"),
    ("<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "math"),
    ("<template><script>alert(1)</script></template>", "<template>"),
    ("<noscript><p>x</p></noscript>", "<noscript>"),
    ("</article><script>alert(1)</script>", "<script>"),
    ('<div markdown="1" class="x" formaction="https://evil.example/">x</div>', "formaction"),
    ('<span id="__config">{"search": "https://evil.example/"}</span>', 'id "__config"'),
    ('<h2 id="__search">x</h2>', 'id "__search"'),
]

# What pages and our partials really write: must pass.
ALLOWED = [
    '<div class="pl-screen-only" markdown><p>x</p></div>',
    '<div class="pl-quick" lang="en" id="quick"><span class="x">y</span></div>',
    '<p><abbr title="Wage and Hour Division">WHD</abbr>, <kbd>Ctrl</kbd>+<kbd>P</kbd><br>x</p>',
    '<a href="https://www.dol.gov/agencies/whd">outbound link (the link check judges hosts)</a>',
    '<a href="../seguridad/#riesgos">page</a> <a href="#top">anchor</a> <a href="mailto:x@example.org">m</a>',
    '<a class="pl-call" href="tel:+18664879243" data-contact="whd">call</a>',
    '<a href="sms:?body=Hola%20https%3A//example.org/">sms</a>',
    '<a href="../../en/derechos/salario/" hreflang="en" class="puente-lang">English</a>',
    '<img src="../assets/flyer.png" alt="" width="85" height="110" loading="lazy" decoding="async">',
    '<img src="https://example.org/assets/x.png" srcset="x.png 1x, x@2x.png 2x" alt="">',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><title>t</title><path d="M6 10"/></svg>',
    '<svg class="pl-qr" viewBox="0 0 29 29"><path fill="#fff" stroke="#000" d="M0 0h1"/></svg>',
    '<aside class="pl-share" data-pagefind-ignore aria-labelledby="t"><h2 id="t">x</h2></aside>',
    '<a href="volante.pdf" download="x.pdf" type="application/pdf" data-pl-pdf="flyer">pdf</a>',
    "<dl><dt>x</dt><dd>y</dd></dl><pre><code class=\"language-text\">&lt;script&gt;</code></pre>",
    '<div class="admonition warning"><p class="admonition-title">Atención</p><p>x</p></div>',
    "<!-- a comment is inert --><blockquote><p>x</p></blockquote><ol start=\"3\"><li>x</li></ol>",
]


@pytest.mark.parametrize("fragment, what", HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_hostile_html_is_refused(fragment, what):
    found = html_policy.check_fragment(fragment, SITE)
    assert found, f"{fragment!r} passed the policy"
    assert any(what.lower() in v.what.lower() for v in found), [v.what for v in found]
    assert all(v.fix for v in found)


@pytest.mark.parametrize("fragment", ALLOWED, ids=[a[:40] for a in ALLOWED])
def test_what_pages_use_is_allowed(fragment):
    found = html_policy.check_fragment(fragment, SITE)
    assert not found, [(v.what, v.fix) for v in found]


def test_violation_reports_the_html_line():
    found = html_policy.check_fragment("<p>a</p>\n<p>b</p>\n<p onclick=x>c</p>", SITE, first_line=100)
    assert [v.html_line for v in found] == [102]


def test_the_article_region_ends_at_the_last_marker():
    page = (f"<head></head>{html_policy.ARTICLE_START}<p>x</p>{html_policy.ARTICLE_END}"
            f"<script>x</script>{html_policy.ARTICLE_END}</article><script>ok</script>")
    _, content = html_policy.article(page)
    assert content.count("<script>") == 1 and content.endswith("<script>x</script>")


# -- planted in a copy of the project: `mkdocs build` fails at the Markdown line -------------------

PLANTED = [
    ('<iframe src="https://www.dol.gov/"></iframe>', "<iframe> element"),
    ('Texto con atributos.\n{onclick="alert(1)"}', "onclick attribute on <p>"),
    ('<a href="&#106;avascript:alert(1)">enlace</a>', 'link to "javascript:alert(1)"'),
    ('<img src="https://www.dol.gov/pixel.png" alt="">', "another origin"),
]


@pytest.mark.parametrize("payload, what", PLANTED, ids=[p[1] for p in PLANTED])
def test_planted_html_fails_the_build_naming_file_and_line(project_copy, tmp_path, payload, what):
    page = project_copy / "docs/sobre.es.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    line = text.count("\n") + 1 + payload.count("\n") * ("{" in payload)
    page.write_text(text + payload + "\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/sobre.es.md:{line}: " in result.stderr and what in result.stderr, result.stderr[-2000:]
    assert "fix: " in result.stderr


def test_a_partial_that_breaks_the_policy_fails_the_build(project_copy, tmp_path):
    partial = project_copy / "overrides/partials/page-facts.html"
    partial.write_text(partial.read_text(encoding="utf-8") + '<p style="color:red">x</p>\n', encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "style attribute on <p>" in result.stderr
    assert ":1 (line not found: written by a shortcode or template)" in result.stderr, result.stderr[-2000:]


def test_built_pages_keep_no_marker(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    assert not [p for p in pages if html_policy.ARTICLE_END in p.read_text(encoding="utf-8")]
