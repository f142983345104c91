""""Listen" in Chromium (overrides/assets/javascripts/puente-listen.js, partials/listen.html).

Headless Chromium has no voices: an init script replaces the whole ``speechSynthesis`` object (and
``SpeechSynthesisUtterance``, whose ``voice`` only takes real voices) with a stub that records every
call and utterance; the page's own scripts run unchanged. The button is hidden without a voice for
the text's language and shown when ``voiceschanged`` brings one; the reader script is requested
only when the button is tapped; it speaks the article in the page's language, phone numbers digit
by digit, and pause, resume and stop reach the engine; the button is hidden in print.
"""

from __future__ import annotations

import json
import re

import pytest

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
STUB = r"""
(() => {
  const record = { utterances: [], calls: [] };
  const listeners = [];
  let voices = [];
  let queue = [];
  let paused = false;
  window.__speech = record;
  window.__setVoices = (list) => {
    voices = list;
    listeners.forEach((listener) => listener(new Event("voiceschanged")));
  };
  /* Ends the utterance being spoken, as the engine does when it has said it. */
  window.__finishOne = () => {
    const done = queue.shift();
    if (done && done.onend) done.onend(new Event("end"));
  };
  class Utterance {
    constructor(text) {
      Object.assign(this, { text: text, lang: "", voice: null, onend: null, onerror: null });
    }
  }
  const engine = {
    getVoices: () => voices.slice(),
    speak(utterance) {
      record.calls.push("speak");
      const voice = utterance.voice && utterance.voice.name;
      record.utterances.push({ text: utterance.text, lang: utterance.lang, voice: voice });
      queue.push(utterance);
    },
    cancel() { record.calls.push("cancel"); queue = []; paused = false; },
    pause() { record.calls.push("pause"); paused = true; },
    resume() { record.calls.push("resume"); paused = false; },
    get speaking() { return queue.length > 0; },
    get pending() { return queue.length > 1; },
    get paused() { return paused; },
    addEventListener(type, listener) { if (type === "voiceschanged") listeners.push(listener); },
    removeEventListener() {},
    onvoiceschanged: null,
  };
  Object.defineProperty(window, "speechSynthesis", { value: engine, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
})();
"""
SPANISH = [{"name": "es-online", "lang": "es-ES", "localService": False},
           {"name": "es-local", "lang": "es-MX", "localService": True}]
ENGLISH = [{"name": "en-local", "lang": "en-US", "localService": True}]
CSP_RECORDER = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.effectiveDirective + " " + e.blockedURI));"""


@pytest.fixture
def listening(browser):
    """A page factory: a phone context with the stub engine, recording the page's requests."""
    context = browser.new_context(**PHONE)
    context.add_init_script(STUB)
    context.add_init_script(CSP_RECORDER)

    def open_page(url: str, voices=None):
        page = context.new_page()
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        if voices is not None:   # voices known before the page's script asks
            page.add_init_script(f"window.__setVoices({json.dumps(voices)})")
        page.goto(url, wait_until="load")
        return page

    yield open_page
    context.close()


def _visible(page, name: str) -> bool:
    return page.locator(f"[data-pl-listen={name}]").is_visible()


def test_hidden_without_a_voice_for_the_texts_language(server, listening):
    page = listening(server + "/derechos/represalias/")
    assert not _visible(page, "play")
    page.evaluate("v => window.__setVoices(v)", ENGLISH)
    assert not _visible(page, "play"), "an English voice cannot read a Spanish page"
    page.evaluate("v => window.__setVoices(v)", SPANISH)      # the voiceschanged event
    assert _visible(page, "play")
    english = listening(server + "/en/derechos/represalias/", voices=SPANISH)
    assert not _visible(english, "play")


def test_the_reader_loads_only_when_tapped_and_reads_the_article_in_spanish(server, listening):
    page = listening(server + "/derechos/represalias/", voices=SPANISH)
    page.wait_for_load_state("networkidle")
    assert _visible(page, "play")
    assert not [u for u in page.requested if "puente-listen" in u], "the reader was loaded before the tap"
    page.click("[data-pl-listen=play]")
    page.wait_for_function("() => window.__speech.utterances.length > 0")
    loaded = [u for u in page.requested if re.search(r"/assets/javascripts/puente-listen\.[0-9a-f]{10}\.js$", u)]
    assert len(loaded) == 1, page.requested
    spoken = page.evaluate("window.__speech.utterances")
    assert {u["lang"] for u in spoken} == {"es"}
    assert {u["voice"] for u in spoken} == {"es-local"}            # a voice that works offline first
    assert spoken[0]["text"] == page.locator("article h1").inner_text()
    text = " ".join(u["text"] for u in spoken)
    assert "represalia" in text
    for absent in ("Compartir por WhatsApp", "Fuentes", "Escuchar", "Guardar para leer"):
        assert absent not in text, f"{absent!r} is not the page's text"
    assert "1 8 0 0 3 2 1 6 7 4 2" in text and "1-800-321-6742" not in text   # OSHA, digit by digit
    assert page.evaluate("window.__csp") == []


def test_phone_numbers_digit_by_digit_and_other_numbers_as_written(server, listening):
    page = listening(server + "/contactos/", voices=SPANISH)
    page.click("[data-pl-listen=play]")
    page.wait_for_function("() => window.__speech.utterances.length > 10")
    text = " ".join(u["text"] for u in page.evaluate("window.__speech.utterances"))
    assert "1 8 6 6 4 8 7 9 2 4 3" in text                                   # 1-866-487-9243
    assert "0 0 1 5 2 0 6 2 3 7 8 7 4" in text                              # 00 1 520-623-7874
    assert "8 0 0 9 1 1 7 8 7 7" in text                                    # 800 911 7877
    assert "de 2002" in text and "15 o más" in text, "years and counts are read as numbers"
    assert not re.search(r"\d-\d{3}-\d{3}-\d{4}", text), "a phone number left as written"


def test_pause_resume_and_stop(server, listening):
    page = listening(server + "/en/derechos/salario/", voices=ENGLISH)
    page.click("[data-pl-listen=play]")
    page.wait_for_function("() => window.__speech.utterances.length > 0")
    assert {u["lang"] for u in page.evaluate("window.__speech.utterances")} == {"en"}
    assert _visible(page, "pause") and _visible(page, "stop") and not _visible(page, "play")
    page.click("[data-pl-listen=pause]")
    assert page.evaluate("window.__speech.calls.at(-1)") == "pause"
    assert _visible(page, "resume") and not _visible(page, "pause")
    page.click("[data-pl-listen=resume]")
    assert page.evaluate("window.__speech.calls.at(-1)") == "resume" and _visible(page, "pause")
    page.click("[data-pl-listen=stop]")
    assert page.evaluate("window.__speech.calls.at(-1)") == "cancel"
    assert _visible(page, "play") and not _visible(page, "stop")
    count = page.evaluate("window.__speech.utterances.length")
    page.click("[data-pl-listen=play]")                      # again, from the start
    spoken = page.evaluate("window.__speech.utterances")
    assert len(spoken) == 2 * count and spoken[count]["text"] == spoken[0]["text"]


def test_the_last_utterance_brings_the_button_back(server, listening):
    page = listening(server + "/tarjeta/", voices=SPANISH)
    page.click("[data-pl-listen=play]")
    page.wait_for_function("() => window.__speech.utterances.length > 0")
    for _ in range(page.evaluate("window.__speech.utterances.length")):
        page.evaluate("window.__finishOne()")
    assert _visible(page, "play") and not _visible(page, "pause")


def test_hidden_in_print(server, listening):
    page = listening(server + "/derechos/salario/", voices=SPANISH)
    assert _visible(page, "play")
    page.emulate_media(media="print")
    assert not page.locator(".pl-listen").is_visible()
    assert not page.locator(".pl-offline").is_visible()
