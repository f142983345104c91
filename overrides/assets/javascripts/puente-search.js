/* Puente Laboral search, loaded only when the reader opens search (partials/search-loader.html).
   Pagefind answers from the index of the page's own language (it reads <html lang>), folding
   accents and case; results are drawn into Material's own search markup. */
(function () {
  /* metaWeights.terms: each page's search_terms (front matter), a Pagefind metadata field written
     by scripts/puente/features/search_terms.py, count like a strong title. */
  var RANKING = { pageLength: 1.0, termSaturation: 2, metaWeights: { terms: 10 } };
  var config = JSON.parse(document.getElementById("__config").textContent);
  var words = config.translations;
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var toggle = document.getElementById("__search");
  var input = document.querySelector(".md-search__input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  var item = document.getElementById("pl-search-item").content.firstElementChild;
  var engine = import(new URL("pagefind/pagefind.js", base).href).then(function (pagefind) {
    /* Long pages (the glossary) must not win every one-word query; see README "Search". */
    return pagefind.options({ baseUrl: base.pathname, ranking: RANKING })
      .then(function () { return pagefind; });
  });
  var asked = 0;

  function count(n) {
    if (n === 0) return words["search.result.none"];
    if (n === 1) return words["search.result.one"];
    return words["search.result.other"].replace("#", n);
  }

  function show(query) {
    var mine = ++asked;
    if (!query.trim()) {
      list.textContent = "";
      meta.textContent = words["search.result.placeholder"];
      return;
    }
    engine.then(function (pagefind) { return pagefind.search(query); }).then(function (found) {
      return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }))
        .then(function (pages) {
          if (mine !== asked) return;
          meta.textContent = count(found.results.length);
          meta.dataset.plQuery = query;   /* what these results answer (the tests wait for it) */
          list.textContent = "";
          pages.forEach(function (page) {
            var li = item.cloneNode(true);
            li.querySelector("a").href = page.url;
            li.querySelector("h1").textContent = page.meta.title;
            li.querySelector("p").innerHTML = page.excerpt;
            list.appendChild(li);
          });
        });
    });
  }

  meta.textContent = words["search.result.placeholder"];
  var pause;
  input.addEventListener("input", function () {
    clearTimeout(pause);
    pause = setTimeout(function () { show(input.value); }, 150);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  function opened() {   /* as Material does: lock the page behind the search overlay */
    document.body.toggleAttribute("data-md-scrolllock", toggle.checked);
    if (toggle.checked && document.activeElement !== input) input.focus();
  }
  toggle.addEventListener("change", opened);
  input.addEventListener("focus", function () {
    if (!toggle.checked) { toggle.checked = true; opened(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); opened(); }
  });
  opened();
  if (input.value) show(input.value);
})();
