"""Whether an SVG file is a plain drawing: nothing in it runs or fetches when it is opened.

An SVG under docs/ is published as it is, on the site's own origin, and a reader (or a link in
a WhatsApp message) can open it on its own, outside any page: a script in it would run as the
site. The file is read with expat (the standard library's XML parser), namespaces resolved, so a
prefix (``<s:script>``) or a character reference (``jav&#x61;script:``) hides nothing. Attributes
of editors' own namespaces (``inkscape:``, ``sodipodi:``) are ignored, as browsers do:

- elements of the SVG namespace (or none) must be drawing elements (``ALLOWED``); XHTML and MathML
  elements are refused (a browser would render them, scripts included); elements of other
  namespaces (Inkscape's, RDF metadata) are inert and allowed;
- no ``on*`` attribute; ``href`` only to ``#id`` inside the file or an inline ``data:image/``;
  ``url(...)`` only to ``#id``; no ``@import``;
- the root is ``<svg>`` in the SVG namespace; no processing instruction (``<?xml-stylesheet?>``
  can apply XSLT that writes a script); no entity declarations (entity expansion is how an XML
  file grows to gigabytes); a plain DOCTYPE, as Illustrator writes, is fine;
- ``<style>`` text is checked whole, once its element ends, so a character reference or a CDATA
  section in the middle of ``url(`` or ``@import`` hides nothing.
"""

from __future__ import annotations

import re
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ACTIVE_NS = {"http://www.w3.org/1999/xhtml": "HTML", "http://www.w3.org/1998/Math/MathML": "MathML"}
ALLOWED = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
    "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "image", "style", "filter",
    "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feFlood", "feComposite", "feMerge",
    "feMergeNode", "feComponentTransfer", "feFuncA", "feFuncR", "feFuncG", "feFuncB", "feDropShadow",
    "feTurbulence", "feMorphology", "feConvolveMatrix", "feDisplacementMap", "feTile",
    "feDiffuseLighting", "feSpecularLighting", "feDistantLight", "fePointLight", "feSpotLight", "switch",
})   # not feImage, which loads a file
LOCAL_REF = re.compile(r"#[A-Za-z_][\w.:-]*")
INLINE_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);", re.IGNORECASE)
URL_CALL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)


class Unsafe(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def _check_value(line: int, name: str, value: str) -> None:
    for target in URL_CALL.findall(value):
        if not LOCAL_REF.fullmatch(target.strip()):
            raise Unsafe(line, f"{name} refers to {target.strip()!r} outside the file")
    if "//" in value and "(" in value:   # image-set("https://…" 1x) and the like load without url(
        raise Unsafe(line, f"{name} names an address in a CSS function")
    if "@import" in value.lower():
        raise Unsafe(line, f"{name} imports a stylesheet")
    if "\\" in value:
        raise Unsafe(line, f"{name} has a backslash (a CSS escape can spell url( or @import)")


def problem(data: bytes) -> tuple[int, str] | None:
    """``(line, what is wrong)`` for an SVG that is not a plain drawing, or None."""
    parser = expat.ParserCreate(namespace_separator=" ")
    style: list[str] = []   # the text of the <style> being read, checked whole at its end
    style_line = 0
    root = True

    def where() -> int:
        return parser.CurrentLineNumber

    def doctype(_name, _system, _public, internal_subset) -> None:
        if internal_subset:
            raise Unsafe(where(), "declares entities in its DOCTYPE (an entity can grow the file a "
                                  "millionfold); delete the DOCTYPE line")

    def entity(*_args) -> None:
        raise Unsafe(where(), "declares an entity; delete the DOCTYPE")

    def instruction(target: str, _data: str) -> None:
        raise Unsafe(where(), f"has a processing instruction <?{target} …?> (a stylesheet can run a script); "
                              "delete it")

    def start(name: str, attributes: dict) -> None:
        nonlocal style_line, root
        namespace, _, local = name.rpartition(" ")
        if root and (namespace, local) != (SVG_NS, "svg"):
            raise Unsafe(where(), f"starts with <{local}>, not an <svg> element in the SVG namespace "
                                  f"(xmlns=\"{SVG_NS}\")")
        root = False
        if namespace in ACTIVE_NS:
            raise Unsafe(where(), f"contains an {ACTIVE_NS[namespace]} <{local}> element")
        if namespace in (SVG_NS, "") and local not in ALLOWED:   # no namespace: judged as SVG
            raise Unsafe(where(), f"contains the element <{local}>" + (" (a script)" if local == "script" else ""))
        if namespace == SVG_NS and local == "style":
            style.clear()
            style_line = where()
        for attribute, value in attributes.items():
            attr_ns, _, attr = attribute.rpartition(" ")
            if attr_ns not in ("", SVG_NS, XLINK_NS):
                continue   # an editor's own attributes (inkscape:, sodipodi:): browsers ignore them
            if attr.lower().startswith("on"):
                raise Unsafe(where(), f"<{local}> has an event handler ({attr}), which runs a script")
            reference = value.strip()
            if attr == "href" and attr_ns in ("", XLINK_NS) and not (
                    LOCAL_REF.fullmatch(reference) or INLINE_IMAGE.match(reference)):
                raise Unsafe(where(), f"<{local}> links to {reference[:60]!r}")
            _check_value(where(), f"<{local} {attr}>", value)

    def end(name: str) -> None:
        if name == f"{SVG_NS} style":
            _check_value(style_line, "<style>", "".join(style))

    def text(value: str) -> None:
        style.append(value)   # expat hands text over in pieces (around references and CDATA)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except Unsafe as unsafe:
        return unsafe.line, unsafe.message
    except expat.ExpatError as error:
        return error.lineno, f"is not well-formed XML ({expat.errors.messages[error.code]})"
    return None
