/* Puente Laboral's service worker: pages stay readable without a connection (README "Offline
   reading"). Written at build time by scripts/puente/features/offline/worker.py, which fills PL.

   - Every page the reader opens is kept (it was downloaded anyway); nothing is fetched on its own.
   - Pages: network first, so a corrected number or deadline wins whenever there is signal; the
     saved copy only when the network fails (or has not answered in WAIT ms), with a note giving
     the date it was saved; a page never saved gives the offline page, listing what is saved.
   - "Save for offline reading" (a message from the page) fetches the language's essentials;
     "Delete saved pages" deletes every cache of this site.
   - One cache per language and one for the fingerprinted stylesheet and listen script, named
     with the build's hash. A new build's worker moves the saved copies into its own caches and
     deletes the old ones: each copy is replaced as soon as its page is opened with signal, and a
     saved page keeps the stylesheet it was built with (names are fingerprinted). */
"use strict";

const PL = /* build data */ {};

const SCOPE = self.registration.scope;             // https://host/ or https://host/sub-path/
const PREFIX = "puente " + SCOPE + " ";             // several sites may share an origin
const SAVED = "x-puente-saved";                     // when a copy was saved (ms since 1970)
const ASSET = /^assets\/(?:stylesheets\/bundle|javascripts\/puente-listen)\.[0-9a-f]{10}\.(?:css|js)$/;
const WAIT = 10000;

const cacheName = (part) => PREFIX + part + " " + PL.build;
const relative = (url) => url.href.slice(SCOPE.length);
const keyOf = (url) => url.origin + url.pathname;   // ?fbclid=... and #ids are the same page
const isPage = (url) => url.pathname.endsWith("/") || url.pathname.endsWith(".html");
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");

function language(url) {
  const first = relative(url).split("/")[0];
  return PL.languages.includes(first) ? first : PL.default;
}

function when(copy, lang, style) {
  const saved = Number(copy.headers.get(SAVED));
  return saved ? new Intl.DateTimeFormat(lang, { dateStyle: style }).format(new Date(saved)) : "";
}

async function stamp(response) {
  const headers = new Headers(response.headers);
  headers.delete("content-length");                 // the body is stored decoded
  headers.delete("content-encoding");
  headers.set(SAVED, String(Date.now()));
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

async function keep(url, response) {
  const asset = ASSET.test(relative(url));
  const cache = await caches.open(cacheName(asset ? "assets" : language(url)));
  await cache.put(asset ? url.href : keyOf(url), await stamp(response));
}

/* A saved page, with the date it was saved at the top of its article. */
async function noted(copy, lang) {
  const note = PL.text[lang].note.replace("{date}", escape(when(copy, lang, "long")));
  const html = await copy.text();
  const at = [/<article class="md-content__inner[^>]*>/, /<body\b[^>]*>/].find((tag) => tag.test(html));
  return new Response(at ? html.replace(at, (tag) => tag + note) : note + html, { status: 200, headers: copy.headers });
}

/* The offline page in the language of the address asked for: the pages saved in that language. */
async function offline(lang) {
  const cache = await caches.open(cacheName(lang));
  const text = PL.text[lang];
  const items = [];
  for (const request of await cache.keys()) {
    const copy = await cache.match(request);
    const title = ((await copy.text()).match(/<title>([^<]*)<\/title>/) || ["", request.url])[1];
    items.push([title.replace(text.site, "").replace(/["<>]/g, ""), '<li><a href="' + escape(request.url) + '">',
      "</a> <small>" + escape(when(copy, lang, "medium")) + "</small></li>"]);
  }
  items.sort((a, b) => a[0].localeCompare(b[0], lang));
  const assets = await caches.open(cacheName("assets"));
  const sheets = (await assets.keys()).map((r) => r.url).filter((u) => u.endsWith(".css"));
  const css = sheets.includes(SCOPE + PL.css) ? SCOPE + PL.css : sheets[0] || SCOPE + PL.css;
  const html = text.offline.replace("{css}", escape(css)).replace("{home}", escape(SCOPE + PL.home[lang]))
    .replace("{list}", items.length ? "<ul>" + items.map((i) => i[1] + i[0] + i[2]).join("") + "</ul>" : text.empty);
  return new Response(html, { status: 503, headers: {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  } });
}

async function page(event, url) {
  const lang = language(url);
  const saved = caches.open(cacheName(lang)).then((cache) => cache.match(keyOf(url)));
  const network = fetch(event.request).then((response) => {
    if (response.ok && response.type === "basic" && (response.headers.get("content-type") || "").startsWith("text/html")) {
      event.waitUntil(keep(url, response.clone()));
    }
    return response;
  });
  /* No answer in WAIT ms (one bar of signal): the saved copy, if any; the fresh one is still kept. */
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, WAIT); }).then(() => saved)
    .then((copy) => (copy ? noted(copy, lang) : network));
  event.waitUntil(network.then(() => clearTimeout(timer), () => clearTimeout(timer)));
  try {
    return await Promise.race([network, late]);
  } catch (error) {
    const copy = await saved;
    return copy ? noted(copy, lang) : offline(lang);
  }
}

async function asset(event, url) {
  const cache = await caches.open(cacheName("assets"));
  const copy = await cache.match(url.href);
  if (copy) return copy;
  const response = await fetch(event.request);
  if (response.ok && response.type === "basic") event.waitUntil(keep(url, response.clone()));
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  if (request.mode === "navigate" && isPage(url)) event.respondWith(page(event, url));
  else if (ASSET.test(relative(url))) event.respondWith(asset(event, url));
});

/* "Save for offline reading": the language's essentials, fetched now (revalidated: what is
   already in the browser's cache and unchanged costs a few bytes). */
async function save(lang, say) {
  say(PL.text[lang].saving);
  const results = await Promise.all(PL.essentials[lang].map(async (path) => {
    const url = new URL(path, SCOPE);
    try {
      const response = await fetch(url, { cache: "no-cache" });
      if (!response.ok) return false;
      await keep(url, response);
      return true;
    } catch (error) {
      return false;
    }
  }));
  say(results.every(Boolean) ? PL.text[lang].saved : PL.text[lang].failed);
}

async function ours() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX));
}

/* "Delete saved pages": every cache of this site, in every language. */
async function forget(lang, say) {
  await Promise.all((await ours()).map((name) => caches.delete(name)));
  say(PL.text[lang].deleted);
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const lang = PL.languages.includes(data.lang) ? data.lang : PL.default;
  const port = event.ports[0];
  const say = (message) => port && port.postMessage(message);
  if (data.do === "save") event.waitUntil(save(lang, say));
  else if (data.do === "delete") event.waitUntil(forget(lang, say));
});

self.addEventListener("install", () => self.skipWaiting());

/* A new build: move what the reader saved into this build's caches (without downloading
   anything), keeping only the old stylesheets those pages link; delete the old caches. */
async function move() {
  const old = (await ours()).filter((name) => !name.endsWith(" " + PL.build));
  for (const name of old) {
    const part = name.slice(PREFIX.length).split(" ")[0];
    const from = await caches.open(name);
    const to = await caches.open(cacheName(part));
    for (const request of await from.keys()) {
      if (!(await to.match(request))) await to.put(request, await from.match(request));
    }
  }
  await Promise.all(old.map((name) => caches.delete(name)));
  const linked = new Set(PL.assets);
  for (const lang of PL.languages) {
    const cache = await caches.open(cacheName(lang));
    for (const request of await cache.keys()) {
      const html = await (await cache.match(request)).text();
      for (const found of html.matchAll(/assets\/(?:stylesheets|javascripts)\/[\w-]+\.[0-9a-f]{10}\.(?:css|js)/g)) linked.add(found[0]);
    }
  }
  const assets = await caches.open(cacheName("assets"));
  for (const request of await assets.keys()) {
    if (![...linked].some((path) => request.url.endsWith("/" + path))) await assets.delete(request);
  }
}

/* The page that registered the worker was downloaded before the worker existed: keep it, and the
   stylesheet, from the browser's own cache (only-if-cached: never from the network). */
async function keepOpened() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const urls = windows.map((client) => new URL(client.url)).filter((url) => url.href.startsWith(SCOPE) && isPage(url));
  const sheets = PL.assets.filter((path) => path.endsWith(".css")).map((path) => new URL(path, SCOPE));
  for (const url of [...urls, ...sheets]) {
    try {
      const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
      if (response.ok) await keep(url, response);
    } catch (error) {
      /* not in the browser's cache: nothing to keep */
    }
  }
}

self.addEventListener("activate", (event) => event.waitUntil((async () => {
  await move();
  await self.clients.claim();
  await keepOpened();
})()));
