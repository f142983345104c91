"""SVGs under docs/ are plain drawings (scripts/puente/core/svg_safety.py): what a browser would run
or fetch when the file is opened on its own is refused, with its line; what drawing programs
write is accepted."""

from __future__ import annotations

import pytest

from puente.core import svg_safety

NS = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'

REFUSED = [
    (f"<svg {NS}>\n<script>alert(1)</script></svg>", 2, "element <script>"),
    (f'<svg {NS}>\n<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>', 2, "element <script>"),
    (f'<svg {NS}><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>', 1,
     "element <foreignObject>"),
    (f'<svg {NS}><h:script xmlns:h="http://www.w3.org/1999/xhtml">1</h:script></svg>', 1, "HTML <script>"),
    (f'<svg {NS} {XLINK}><a xlink:href="jav&#x61;script:alert(1)"><rect/></a></svg>', 1, "element <a>"),
    (f'<svg {NS} {XLINK}><use xlink:href="other.svg#x"/></svg>', 1, "links to 'other.svg#x'"),
    (f'<svg {NS}><set attributeName="href" to="javascript:alert(1)"/></svg>', 1, "element <set>"),
    (f'<svg {NS}><image href="https://tracker.example/p.png"/></svg>', 1, "links to"),
    (f'<svg {NS}><rect onclick="alert(1)"/></svg>', 1, "event handler (onclick)"),
    (f'<svg {NS}><rect style="fill:url(https://t.example/a)"/></svg>', 1, "outside the file"),
    (f"<svg {NS}><style>rect{{fill:u&#114;l(http://evil/x)}}</style></svg>", 1, "outside the file"),
    (f"<svg {NS}><style>rect{{fill:u<![CDATA[rl(https://evil/x)}}]]></style></svg>", 1, "outside the file"),
    (f'<svg {NS}><style>@imp&#111;rt "x.css";</style></svg>', 1, "imports a stylesheet"),
    (f'<svg {NS}><style>rect{{fill:image-set("https://e.example/x.png" 1x)}}</style></svg>', 1, "CSS function"),
    (f'<svg {NS}><rect style="fill:u\\72l(x.png)"/></svg>', 1, "backslash"),
    (f'<?xml-stylesheet type="text/xsl" href="evil.svg"?>\n<svg {NS}><rect/></svg>', 1, "processing instruction"),
    ('<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"/>', 1, "not an <svg>"),
    ("<svg><script>alert(1)</script></svg>", 1, "not an <svg> element in the SVG namespace"),
    (f'<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg {NS}>&a;</svg>', 1, "declares entities"),
    (f"<svg {NS}><rect></svg>", 1, "not well-formed"),
]


@pytest.mark.parametrize("svg, line, complaint", REFUSED, ids=[r[2] + ":" + r[0][-30:] for r in REFUSED])
def test_what_would_run_or_fetch_is_refused_at_its_line(svg, line, complaint):
    found = svg_safety.problem(svg.encode())
    assert found is not None, f"accepted: {svg}"
    assert found[0] == line and complaint in found[1], found


INKSCAPE = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg {NS} {XLINK} width="210mm" height="297mm" viewBox="0 0 210 297"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
   inkscape:export-filename="C:\\Users\\ana\\mapa.png" sodipodi:docname="mapa.svg">
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:zoom="0.5"/>
  <metadata><rdf:RDF><dc:title>Mapa</dc:title></rdf:RDF></metadata>
  <defs>
    <linearGradient id="grad"><stop offset="0" style="stop-color:#0a5"/></linearGradient>
    <filter id="shadow"><feDropShadow dx="1" dy="1"/><feComponentTransfer><feFuncA type="linear"/>
    </feComponentTransfer></filter>
    <clipPath id="clip"><rect width="10" height="10"/></clipPath>
  </defs>
  <style>.oficina {{ fill: url(#grad); }}</style>
  <g inkscape:label="Capa 1" inkscape:groupmode="layer" clip-path="url(#clip)">
    <path class="oficina" style="fill:url(#grad);filter:url(#shadow)" d="M 10,10 H 50 V 50 Z"/>
    <use xlink:href="#clip" href="#clip"/>
    <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
    <text x="5" y="60"><tspan>Oficina de Houston</tspan></text>
  </g>
</svg>
"""


def test_what_drawing_programs_write_is_accepted():
    assert svg_safety.problem(INKSCAPE.encode()) is None
