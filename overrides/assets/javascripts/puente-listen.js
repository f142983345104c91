/* Puente Laboral "Listen": the page's text read aloud by the phone's own speech engine
   (speechSynthesis; no audio files). Loaded only when the reader taps "Listen"
   (partials/listen.html, partials/page-tools-loader.html), and it starts reading at once.
   The text is the article's, in reading order, paragraph by paragraph, in the text's language;
   phone numbers are read digit by digit ("1-866-487-9243" -> "1 8 6 6 4 8 7 9 2 4 3"). */
(function () {
  var synth = window.speechSynthesis;
  var box = document.querySelector(".pl-listen");
  var lang = box.dataset.lang;
  var button = {};
  ["play", "pause", "resume", "stop"].forEach(function (name) {
    button[name] = box.querySelector('[data-pl-listen="' + name + '"]');
  });
  /* What is not the page's text: the share links, sources, offline buttons, print-only footer. */
  var SKIP = ".pl-share, .pl-facts, .pl-offline, .pl-print, .pl-saved-note, .md-source-file, "
    + "script, style, template, svg, [hidden], [aria-hidden=true]";
  /* Three or more groups of digits ("1-866-487-9243", "800 911 7877", "00 1 520-623-7874",
     "(866) 487-9243") with 7 or more digits in all, or a run of 7 to 15 digits. Years, dates,
     amounts ("1.000.000": groups of three after the first) and article numbers are left alone. */
  var PHONE = /\+?(?:\(\d{1,4}\)|\d{1,4})(?:[ .\u00a0-]+(?:\(\d{1,4}\)|\d{1,4})){2,}|\+?\d{7,15}/g;

  function speakable(text) {
    return text.replace(PHONE, function (found) {
      var groups = found.match(/\d+/g);
      var digits = groups.join("");
      var thousands = groups.length > 1 && groups.slice(1).every(function (g) { return g.length === 3; })
        && groups[0].length <= 3 && /^[\d.\u00a0 ]+$/.test(found);
      if (digits.length < 7 || digits.length > 15 || thousands) return found;
      return digits.split("").join(" ");
    });
  }

  function primary(tag) {
    return (tag || "").toLowerCase().split(/[-_]/)[0];
  }

  /* A voice for the text's language, one that works without a connection first. */
  function voice() {
    var mine = synth.getVoices().filter(function (v) { return primary(v.lang) === lang; });
    return mine.filter(function (v) { return v.localService; })[0] || mine[0] || null;
  }

  /* The article's visible text, in reading order: block elements end lines, hidden ones and the
     parts in SKIP are not read. */
  function collect(node, out) {
    if (node.nodeType === 3) { out.push(node.data.replace(/\s+/g, " ")); return; }
    if (node.nodeType !== 1 || node.matches(SKIP)) return;
    if (node.tagName === "BR") { out.push("\n"); return; }
    var display = getComputedStyle(node).display;
    if (display === "none") return;
    var block = !/^(inline|inline-block|inline-flex|contents)$/.test(display);
    if (block) out.push("\n");
    Array.prototype.forEach.call(node.childNodes, function (child) { collect(child, out); });
    if (block) out.push("\n");
  }

  /* One piece per paragraph, heading or list item; long paragraphs cut at sentence ends (some
     engines stop in the middle of long utterances). */
  function pieces() {
    var article = document.querySelector("article.md-content__inner");
    var text = [];
    if (article) collect(article, text);
    var out = [];
    text.join("").split(/\n+/).forEach(function (line) {
      line = speakable(line.replace(/\s+/g, " ").trim());
      if (!line) return;
      (line.match(/[^.!?]+(?:[.!?]+\S*\s*|$)/g) || [line]).reduce(function (parts, sentence) {
        var last = parts.length - 1;
        if (last >= 0 && parts[last].length + sentence.length < 220) parts[last] += sentence;
        else parts.push(sentence);
        return parts;
      }, []).forEach(function (part) { if (part.trim()) out.push(part.trim()); });
    });
    return out;
  }

  function show(state) {
    button.play.hidden = state !== "idle";
    button.pause.hidden = state !== "speaking";
    button.resume.hidden = state !== "paused";
    button.stop.hidden = state === "idle";
  }

  function play() {
    synth.cancel();
    var chosen = voice();
    var list = pieces();
    list.forEach(function (text, index) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      if (chosen) utterance.voice = chosen;
      if (index === list.length - 1) {
        utterance.onend = function () { show("idle"); };
        utterance.onerror = utterance.onend;
      }
      synth.speak(utterance);
    });
    show(list.length ? "speaking" : "idle");
  }

  button.play.addEventListener("click", play);
  button.pause.addEventListener("click", function () { synth.pause(); show("paused"); });
  button.resume.addEventListener("click", function () { synth.resume(); show("speaking"); });
  button.stop.addEventListener("click", function () { synth.cancel(); show("idle"); });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  play();
})();
