"""Where a page lives (core.addresses): slug, file, address, relative links, in every language."""

from __future__ import annotations

from puente.core import addresses
from puente.core.languages import Languages


def test_relative_links_between_languages_keep_directory_slashes():
    languages = Languages(("es", "en"))
    assert addresses.relative(addresses.page_path("derechos/salario", "en", languages),
                              "derechos/salario/") == "../../en/derechos/salario/"
    assert addresses.relative(addresses.page_path("index", "es", languages), "en/") == "../"
    assert addresses.relative(addresses.page_path("derechos/index", "en", languages), "") == "en/derechos/"


LANGUAGES = Languages(("es", "en", "fr"))


def test_a_page_has_one_address_per_language():
    assert addresses.page_path("index", "es", LANGUAGES) == ""
    assert addresses.page_path("index", "fr", LANGUAGES) == "fr/"
    assert addresses.page_path("derechos/index", "es", LANGUAGES) == "derechos/"
    assert addresses.page_path("derechos/salario", "en", LANGUAGES) == "en/derechos/salario/"


def test_files_addresses_and_slugs_map_both_ways(tmp_path):
    assert addresses.split_file("derechos/salario.es.md") == ("derechos/salario", "es")
    assert addresses.split_file("x.md") == ("x", None)
    assert addresses.file_name("derechos/salario", "fr") == "derechos/salario.fr.md"
    assert addresses.slug_of_neutral("derechos/salario.md") == "derechos/salario"
    assert addresses.page_of_path("/fr/derechos/salario/", LANGUAGES) == ("derechos/salario", "fr")
    assert addresses.page_of_path("/", LANGUAGES) == ("index", "es")
    assert addresses.page_of_path("/frases/", LANGUAGES) == ("frases", "es")   # not a language folder
    (tmp_path / "derechos").mkdir()
    for name in ("derechos/index.es.md", "derechos/salario.es.md", "derechos/salario.en.md"):
        (tmp_path / name).write_text("x")
    assert addresses.markdown_file(tmp_path, "derechos/salario", "en", LANGUAGES) == tmp_path / "derechos/salario.en.md"
    # a page without its French file is published from the original (the fallback)
    assert addresses.markdown_file(tmp_path, "derechos/salario", "fr", LANGUAGES) == tmp_path / "derechos/salario.es.md"
    assert addresses.markdown_file(tmp_path, "derechos", "en", LANGUAGES) == tmp_path / "derechos/index.es.md"
    assert addresses.markdown_file(tmp_path, "nada", "es", LANGUAGES) is None


def test_relative_links_keep_fragments_and_files():
    assert addresses.relative("sobre/#quejas", "derechos/") == "../sobre/#quejas"
    assert addresses.relative("derechos/salario/volante.pdf", "volantes/") == "../derechos/salario/volante.pdf"
    assert addresses.relative("x/", "x/") == "./"
    assert addresses.relative("contactos/", "404.html") == "contactos/"
    assert addresses.absolute("https://example.org/puente/", "en/sobre/") == "https://example.org/puente/en/sobre/"
