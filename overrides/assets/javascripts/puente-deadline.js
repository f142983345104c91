/* Puente Laboral: the last day to act, beside each deadline counted from one event.
   The page's own small script (partials/deadline-calc.html) has put a date field after each
   such deadline and loads this one when the reader first touches a field: it costs nothing
   until used. Without JavaScript the page shows each deadline in words.

   It must never show a date later than the real last day, so every rule errs early
   (README "Deadlines: the last day to act"):
   - the day it happened counts as the first day (a law or an agency that starts counting
     the next day ends a day later);
   - days: calendar days; months and years: the same day number that many months later,
     or that month's last day when it has no such day (Jan 31 + 1 month: Feb 28 or 29),
     then one day back for the first day;
   - working days: only Saturdays and Sundays are skipped, never holidays (each holiday
     would make the real last day later).
   Dates are calendar dates, counted in UTC: the reader's time zone and its daylight-saving
   changes cannot move them. */
(function () {
  "use strict";
  var DAY = 864e5;

  function utc(y, m, d) {            /* m from 0; overflowing months and days roll over */
    var t = new Date(0);
    t.setUTCFullYear(y, m, d);
    return t.getTime();
  }

  function parse(iso) {              /* "2026-01-31" -> time, or null */
    var m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso || "");
    if (!m) return null;
    var t = utc(+m[1], m[2] - 1, +m[3]), d = new Date(t);
    return d.getUTCMonth() === m[2] - 1 && d.getUTCDate() === +m[3] ? t : null;
  }

  function iso(t) {
    var d = new Date(t);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return ("000" + d.getUTCFullYear()).slice(-4) + "-" + two(d.getUTCMonth() + 1) + "-" + two(d.getUTCDate());
  }

  function addMonths(t, n) {         /* same day number, or the month's last day */
    var d = new Date(t), y = d.getUTCFullYear(), m = d.getUTCMonth() + n;
    var last = new Date(utc(y, m + 1, 0)).getUTCDate();
    return utc(y, m, Math.min(d.getUTCDate(), last));
  }

  function lastDay(t, n, unit) {     /* t: the day it happened, day 1 */
    if (unit === "days") return t + (n - 1) * DAY;
    if (unit === "working-days") {
      for (;; t += DAY) {
        var weekday = new Date(t).getUTCDay();
        if (weekday !== 0 && weekday !== 6 && --n === 0) return t;
      }
    }
    if (unit === "months" || unit === "years") return addMonths(t, unit === "years" ? 12 * n : n) - DAY;
    return null;
  }

  /* For the tests and for anyone checking by hand: dates in and out as YYYY-MM-DD. */
  window.puenteDeadline = {
    lastDay: function (day, n, unit) { var t = parse(day), end = t === null ? null : lastDay(t, n, unit); return end === null ? null : iso(end); },
    addMonths: function (day, n) { var t = parse(day); return t === null ? null : iso(addMonths(t, n)); }
  };

  var template = document.getElementById("pl-calc");
  if (!template) return;
  var say = template.dataset;
  var lang = document.documentElement.lang || "es";
  var format;
  if (window.Intl && Intl.DateTimeFormat.supportedLocalesOf([lang]).length) {
    var intl = new Intl.DateTimeFormat(lang, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });
    format = function (t) { return intl.format(t); };
  } else if (say.plPattern) {        /* CLDR's pattern and names, written by the build (Babel) */
    var months = say.plMonths.split("|"), days = say.plDays.split("|");
    format = function (t) {
      var d = new Date(t), day = d.getUTCDate(), year = d.getUTCFullYear();
      var parts = { EEEE: days[d.getUTCDay()], d: day, dd: (day < 10 ? "0" : "") + day,
                    MMMM: months[d.getUTCMonth()], y: year, yyyy: year };
      return say.plPattern.replace(/%\((\w+)\)s/g, function (all, name) { return parts[name]; });
    };
  } else {
    format = iso;
  }
  window.puenteDeadline.format = function (day) { return format(parse(day)); };

  function today() {                 /* the reader's own calendar day */
    var now = new Date();
    return utc(now.getFullYear(), now.getMonth(), now.getDate());
  }

  function bind(box) {
    var span = document.getElementById(box.getAttribute("data-pl-for"));
    var rule = span ? span.getAttribute("data-pl-calc").split(" ") : [], n = +rule[0], unit = rule[1];
    var input = box.querySelector("input"), out = box.querySelector("output");
    if (!(n > 0) || lastDay(0, 1, unit) === null) return;
    function show() {
      var t = parse(input.value);
      out.textContent = "";
      if (t === null) return;
      var end = lastDay(t, n, unit);
      var strong = document.createElement("strong");
      strong.textContent = say.plLast.replace("{date}", format(end));
      out.appendChild(strong);
      var note = end < today() ? say.plPast : unit === "working-days" ? say.plNoteWorking : say.plNote;
      out.appendChild(document.createTextNode(" " + note));
    }
    input.addEventListener("change", show);
    input.addEventListener("input", show);
    show();                          /* a date picked while this script was on its way */
  }

  Array.prototype.forEach.call(document.querySelectorAll(".pl-calc[data-pl-for]"), bind);
})();
