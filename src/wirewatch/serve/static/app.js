/* wirewatch dashboard: plain JavaScript over the JSON API (/api/...), no build step.
 *
 * Escaping rule: text from the corpus (article text, titles, names, sources, every field) only ever enters the
 * page as DOM text (createTextNode / textContent / attribute values set through the DOM); nothing from the
 * API is ever parsed as markup, and links are either "#..." (this page) or http(s) URLs.
 * The view state lives in the URL hash (#tab=claims&type=ASSAULT&since=2024-03-01...), so views are linkable.
 */
(function () {
  "use strict";

  // ---- small DOM helpers --------------------------------------------------------------------------------
  const $ = (id) => document.getElementById(id);
  const SAFE_URL = /^https?:\/\//i;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") node.className = v;
        else if (k === "data") for (const [dk, dv] of Object.entries(v)) { if (dv !== null && dv !== undefined) node.dataset[dk] = String(dv); }
        else if (k === "href") { const h = String(v); if (h.startsWith("#") || SAFE_URL.test(h)) node.setAttribute("href", h); }
        else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
        else node.setAttribute(k, String(v));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) append(node, c);
      else if (c instanceof Node) node.appendChild(c);
      else node.appendChild(document.createTextNode(String(c)));
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  const fmt = (n) => (n === null || n === undefined ? "" : Number(n).toLocaleString("en"));
  const clip = (s, n) => (!s ? "" : s.length > n ? s.slice(0, n - 1) + "\u2026" : s);
  const plural = (n, word) => `${fmt(n)} ${word}${n === 1 ? "" : "s"}`;

  // ---- state in the URL hash ----------------------------------------------------------------------------
  const FILTERS = ["type", "actor", "country", "source", "stance", "since", "until"];
  const KEYS = ["view", "id", "focus", "layer", "tab", "claim", ...FILTERS];
  const DEFAULTS = { view: "dash", layer: "events", tab: "events" };
  let state = readHash();
  let lastDashHash = "";

  function readHash() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    const s = { ...DEFAULTS };
    for (const k of KEYS) { const v = p.get(k); if (v) s[k] = v; }
    if (!["events", "incidents"].includes(s.layer)) s.layer = "events";
    if (!["events", "incidents", "claims", "selection"].includes(s.tab)) s.tab = "events";
    return s;
  }

  function hashOf(s) {
    const p = new URLSearchParams();
    for (const k of KEYS) if (s[k] && s[k] !== DEFAULTS[k]) p.set(k, s[k]);
    return p.toString();
  }

  function setState(patch, push) {
    state = { ...state, ...patch };
    const h = "#" + hashOf(state);
    if (h !== location.hash && !(h === "#" && !location.hash)) {
      if (push) history.pushState(null, "", h); else history.replaceState(null, "", h);
    }
    apply();
  }

  window.addEventListener("hashchange", () => { state = readHash(); apply(); });
  window.addEventListener("popstate", () => { state = readHash(); apply(); });

  // ---- the API ------------------------------------------------------------------------------------------
  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) throw new Error((body && body.error) || `HTTP ${r.status}`);
    return body;
  }

  function query(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") p.set(k, v);
    return p.toString();
  }

  /** Every row of a listing (following next_url, same origin only), up to cap rows. */
  const CAP = 10000;  // rows a list fetches at most; past it, the count says "+" and the filters should narrow

  async function getAll(path, params, cap) {
    let url = `${path}?${query({ ...params, _size: 1000 })}`;
    const rows = [];
    while (url && rows.length < (cap || CAP)) {
      const page = await getJSON(url);
      rows.push(...page.rows);
      url = null;
      if (page.next_url) {
        const u = new URL(page.next_url, location.href);
        url = u.pathname + u.search;
      }
    }
    rows.truncated = !!url;
    return rows;
  }

  const f = (k) => state[k] || null;
  const eventParams = () => ({ type: f("type"), actor: f("actor"), country: f("country"), source: f("source"),
    stance: f("stance"), since: f("since"), until: f("until") });
  const incidentParams = () => ({ type: f("type"), actor: f("actor"), country: f("country"), source: f("source"),
    since: f("since"), until: f("until") });
  const claimParams = () => ({ speaker: f("actor"), stance: f("stance"), source: f("source"), since: f("since"),
    until: f("until") });
  function timelineParams() {
    const p = state.layer === "incidents" ? incidentParams() : eventParams();
    delete p.since; delete p.until;
    return { what: state.layer, ...p };
  }

  function status(text, error) {
    const s = $(state.view === "article" ? "article-status" : "status");
    s.textContent = text;
    s.classList.toggle("error", !!error);
    if (error) s.setAttribute("role", "alert"); else s.removeAttribute("role");
  }

  // ---- pieces shared by lists and cards -----------------------------------------------------------------
  const articleHash = (id, focus) => "#" + query({ view: "article", id, focus });

  function badge(text, cls, title) { return el("span", { class: "badge " + (cls || ""), title }, text); }
  function stanceBadge(stance) { return stance ? badge(stance.replace("_", " "), "stance stance-" + stance, "stance") : null; }
  function auxBadge(aux) { return aux ? badge(aux, "aux", "auxiliary mode: did not (simply) happen") : null; }

  function actorText(a) {
    if (!a) return null;
    const name = a.name || a.text || "?";
    return a.code ? [name, " ", badge(a.code, "code", "PLOVER actor code")] : [name];
  }

  function who(actor, recipient) {
    const out = [];
    out.push(actor ? actorText(actor) : el("span", { class: "meta" }, "(no actor)"));
    if (recipient) out.push(" \u2192 ", actorText(recipient));
    return out;
  }

  /** The sentence with its trigger (offsets into the article) in bold. */
  function sentenceWithTrigger(sentence, trigger) {
    if (!sentence || !sentence.text) return trigger ? [trigger.text] : [];
    const t = sentence.text;
    if (!trigger || trigger.start === null || trigger.start < sentence.start || trigger.end > sentence.end) return [t.trim()];
    const a = trigger.start - sentence.start, b = trigger.end - sentence.start;
    return [t.slice(0, a).replace(/^\s+/, ""), el("b", null, t.slice(a, b)), t.slice(b).replace(/\s+$/, "")];
  }

  function chainNodes(chain, speaker) {
    // "CNN <- a senior official": the outlets it passed through, then the speaker
    const names = (chain || []).map((c) => c.name || c.text).filter(Boolean);
    const parts = [...names, (speaker && (speaker.text || speaker.name)) || "?"];
    const out = [];
    parts.forEach((p, i) => { if (i) out.push(el("span", { class: "arrow" }, "\u2190")); out.push(el("span", { class: "hop" }, p)); });
    return el("span", { class: "chain" }, out);
  }

  const placeText = (p) => (p ? [p.name, p.country ? ` (${p.country})` : ""].join("") : "");

  // ---- lists --------------------------------------------------------------------------------------------
  const LIST_MAX = 400;
  const data = { events: [], incidents: [], claims: [], key: null, tlKey: null };

  function renderCount(id, rows, word, extra) {
    const c = $(id), n = rows.length, plus = rows.truncated ? "+" : "";
    c.dataset.count = String(n);
    if (plus) c.dataset.truncated = "1"; else delete c.dataset.truncated;
    c.textContent = plural(n, word) + plus + (extra || "") + (plus ? " \u2014 only the newest are loaded; narrow the filters" : "");
    $("n-" + word + "s").textContent = fmt(n) + plus;
  }

  // list rows open with Enter or Space too
  function keyboard(list) {
    for (const li of list.querySelectorAll("li[data-id], li[data-ref]")) li.tabIndex = 0;
  }
  document.addEventListener("keydown", (ev) => {
    const li = ev.target.closest && ev.target.closest(".list > li[tabindex]");
    if (li && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); li.click(); }
  });

  function more(n) { return n > LIST_MAX ? el("li", { class: "more" }, `\u2026 and ${fmt(n - LIST_MAX)} more (narrow the filters)`) : null; }

  function renderEvents() {
    const list = clear($("events-list"));
    renderCount("events-count", data.events, "event", filterNote());
    for (const e of data.events.slice(0, LIST_MAX)) {
      list.appendChild(el("li", { data: { id: e.id, date: e.date }, on: { click: () => selectEvents([e], true) } },
        el("div", { class: "row1" }, badge(e.event_type), auxBadge(e.aux), el("span", { class: "who" }, who(e.actor, e.recipient))),
        el("div", { class: "meta" }, [e.date || "undated", placeText(e.place), e.source].filter(Boolean).join(" \u00b7 "))));
    }
    append(list, [more(data.events.length)]);
    keyboard(list);
  }

  function renderIncidents() {
    const list = clear($("incidents-list"));
    renderCount("incidents-count", data.incidents, "incident", filterNote());
    for (const h of data.incidents.slice(0, LIST_MAX)) {
      list.appendChild(el("li", { data: { id: h.id, date: h.date }, on: { click: () => selectIncidents([h], true) } },
        el("div", { class: "row1" }, badge(h.event_type), el("span", { class: "who" }, (h.actors || []).join(", ") || "(no actor)"),
          (h.recipients || []).length ? ["\u2192 ", h.recipients.join(", ")] : null),
        el("div", { class: "meta" }, [h.date || "undated", placeText(h.place),
          `${plural(h.n_articles, "article")}, ${plural(h.n_sources, "source")}`].filter(Boolean).join(" \u00b7 "))));
    }
    append(list, [more(data.incidents.length)]);
    keyboard(list);
  }

  function renderClaims() {
    const list = clear($("claims-list"));
    renderCount("claims-count", data.claims, "claim", state.type || state.country ? " (type and country do not apply to claims)" : "");
    for (const c of data.claims.slice(0, LIST_MAX)) {
      list.appendChild(el("li", { class: state.claim === c.id ? "on" : null, data: { id: c.id }, on: { click: () => setState({ claim: c.id, tab: "selection" }, true) } },
        el("div", { class: "row1" }, stanceBadge(c.stance), chainNodes(c.chain, c.speaker), c.contested ? badge("contested", "contested") : null),
        el("p", { class: "quote" }, "\u201c", clip(c.content && c.content.text, 220), "\u201d"),
        el("div", { class: "meta" }, [c.source, c.published,
          (c.corroborating || []).length ? `${(c.corroborating || []).length} corroborating` : null,
          (c.contradicting || []).length ? `${(c.contradicting || []).length} contradicting` : null].filter(Boolean).join(" \u00b7 "))));
    }
    append(list, [more(data.claims.length)]);
    keyboard(list);
  }

  function filterNote() { return state.since || state.until ? ` (${state.since || "\u2026"} to ${state.until || "\u2026"})` : ""; }

  // ---- the selection panel ------------------------------------------------------------------------------
  function eventCard(e) {
    return el("div", { class: "card event-card", data: { id: e.id } },
      el("h3", null, badge(e.event_type), " ", auxBadge(e.aux), " ", e.date || "undated",
        e.date_precision && e.date_precision !== "day" ? el("span", { class: "meta" }, ` (${e.date_precision})`) : null),
      el("div", null, who(e.actor, e.recipient)),
      e.place ? el("div", { class: "meta" }, "at ", placeText(e.place)) : null,
      el("p", { class: "quote" }, sentenceWithTrigger(e.sentence, e.trigger)),
      e.stance ? el("div", { class: "meta" }, "reported as a claim: ", stanceBadge(e.stance), e.speaker ? ` by ${e.speaker}` : null) : null,
      el("div", { class: "meta" }, [e.source, e.published, e.confidence !== null && e.confidence !== undefined ? `confidence ${e.confidence}` : null].filter(Boolean).join(" \u00b7 ")),
      el("a", { href: articleHash(e.article_id, e.event_id), class: "open-article" }, "Open the article \u203a"));
  }

  function incidentCard(h) {
    return el("div", { class: "card incident-card", data: { id: h.id } },
      el("h3", null, badge(h.event_type), " ", h.date_min && h.date_max && h.date_min !== h.date_max ? `${h.date_min} to ${h.date_max}` : h.date || "undated"),
      el("div", null, (h.actors || []).join(", ") || "(no actor)", (h.recipients || []).length ? ` \u2192 ${h.recipients.join(", ")}` : ""),
      h.place ? el("div", { class: "meta" }, "at ", placeText(h.place)) : null,
      el("div", { class: "meta" }, `${plural(h.n_articles, "article")} from ${plural(h.n_sources, "independent source")}`),
      el("h4", null, "Reports"),
      el("ul", null, (h.members || []).map((m) => el("li", null,
        el("b", null, m.source || "?"), " ", m.published ? el("span", { class: "meta" }, m.published) : null, ": \u201c",
        sentenceWithTrigger(m.sentence, m.trigger), "\u201d ",
        el("a", { href: articleHash(m.article_id, m.event_id), class: "open-article" }, "article \u203a")))));
  }

  function sourceList(items) {
    if (!items || !items.length) return el("p", { class: "meta" }, "none");
    return el("ul", null, items.map((x) => el("li", { data: { article: x.article_id, claim: x.claim_id } },
      el("b", null, x.source || "?"), " ", x.published ? el("span", { class: "meta" }, x.published) : null,
      x.speaker ? ` \u2014 ${x.speaker} ` : " ", stanceBadge(x.stance), " ",
      el("a", { href: articleHash(x.article_id, x.claim_id), class: "open-article" }, "article \u203a"))));
  }

  function claimCard(c) {
    const sp = c.speaker || {};
    return el("div", { class: "card claim-detail", data: { id: c.id } },
      el("h3", null, chainNodes(c.chain, c.speaker)),
      el("div", null, stanceBadge(c.stance), " ", badge(c.kind ? c.kind.replace("_", " ") : "claim"), " ",
        c.contested ? badge("contested", "contested") : null),
      el("p", { class: "quote content" }, "\u201c", c.content ? c.content.text : "", "\u201d"),
      el("div", { class: "meta" }, "speaker: ", sp.name || sp.text || "?", sp.code ? [" ", badge(sp.code, "code")] : null,
        sp.anonymous ? " (anonymous)" : null, c.cue ? ` \u00b7 cue \u201c${c.cue.text}\u201d` : null),
      el("div", { class: "meta" }, [c.source, c.published].filter(Boolean).join(" \u00b7 ")),
      c.cluster_id ? el("div", { class: "meta" }, `claim cluster: ${plural(c.independent_sources || 0, "independent source")}`,
        c.disputing_sources ? `, disputed by ${plural(c.disputing_sources, "source")}` : "") : null,
      el("h4", null, "Corroborating"), el("div", { class: "corroborating" }, sourceList(c.corroborating)),
      el("h4", null, "Contradicting"), el("div", { class: "contradicting" }, sourceList(c.contradicting)),
      el("a", { href: articleHash(c.article_id, c.claim_id), class: "open-article primary" }, "Open the article \u203a"));
  }

  let selection = null;  // {title, kind, items}
  const extraClaims = new Map();  // claims opened by a link but outside the filters

  async function fetchClaim(id) {
    if (extraClaims.has(id)) return;
    extraClaims.set(id, null);
    try {
      const rows = await getAll("/api/claims", { article: id.split(":")[0] }, 1000);
      const c = rows.find((x) => x.id === id);
      if (c) extraClaims.set(id, c);
      else status("No such claim: " + id, true);
    } catch (e) { status("Could not load the claim: " + e.message, true); }
    if (state.claim === id && extraClaims.get(id)) renderSelection();
  }

  function renderSelection() {
    const box = clear($("selection"));
    let n = 0;
    if (state.claim) {
      const c = data.claims.find((x) => x.id === state.claim) || extraClaims.get(state.claim);
      if (c) { box.appendChild(claimCard(c)); n = 1; } else if (!data.key) {
        box.appendChild(el("p", { class: "hint" }, "Loading\u2026"));
      } else {
        box.appendChild(el("p", { class: "hint" }, "Looking for that claim outside the current filters\u2026"));
        fetchClaim(state.claim);
      }
    } else if (selection) {
      n = selection.items.length;
      box.appendChild(el("h2", { class: "sel-head" }, selection.title, " ", el("span", { class: "meta" }, plural(n, selection.kind))));
      for (const it of selection.items.slice(0, LIST_MAX)) box.appendChild(selection.kind === "incident" ? incidentCard(it) : eventCard(it));
    } else {
      box.appendChild(el("p", { class: "hint" }, "Click a marker or cluster on the map, or a row in a list."));
    }
    $("n-selection").textContent = n ? fmt(n) : "";
  }

  function selectionTitle(items) {
    const names = [...new Set(items.map((x) => x.place && x.place.name).filter(Boolean))];
    return names.length === 1 ? names[0] : names.length ? `${names.length} places` : "Unplaced";
  }

  function selectEvents(items, fromList) {
    selection = { title: selectionTitle(items), kind: "event", items };
    if (fromList) panTo(items[0]);
    setState({ claim: null, tab: "selection" }, false);
  }

  function selectIncidents(items, fromList) {
    selection = { title: selectionTitle(items), kind: "incident", items };
    if (fromList) panTo(items[0]);
    setState({ claim: null, tab: "selection" }, false);
  }

  // ---- the map ------------------------------------------------------------------------------------------
  let map = null, cluster = null, fitted = false;

  function initMap() {
    map = L.map("map", { minZoom: 1, maxZoom: 9, zoomSnap: 0.5, worldCopyJump: true, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Country outlines: Natural Earth (public domain)");
    map.setView([18, 15], 2);
    getJSON("/static/vendor/world/countries-110m.geojson").then((fc) => {
      const layer = L.geoJSON(fc, { interactive: false, style: () => ({ className: "ww-country", color: "#b9b3a5", weight: 0.7, fillColor: "#f7f5ef", fillOpacity: 1 }) });
      layer.addTo(map);
      layer.bringToBack();
    }).catch((e) => status("country outlines: " + e.message, true));
    cluster = L.markerClusterGroup({
      maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true, zoomToBoundsOnClick: true,
      iconCreateFunction: (cl) => {
        const n = cl.getAllChildMarkers().reduce((a, m) => a + m.options.items.length, 0);
        const size = n < 10 ? "small" : n < 100 ? "medium" : "large";
        return L.divIcon({ html: el("div", null, el("span", null, fmt(n))), className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
      },
    });
    cluster.on("clusterclick", (ev) => {
      const items = ev.layer.getAllChildMarkers().flatMap((m) => m.options.items);
      if (state.layer === "incidents") selectIncidents(items); else selectEvents(items);
    });
    map.addLayer(cluster);
  }

  const markersByKey = new Map();

  function renderMap() {
    cluster.clearLayers();
    markersByKey.clear();
    const incidents = state.layer === "incidents";
    const rows = incidents ? data.incidents : data.events;
    const groups = new Map();
    let placed = 0;
    for (const r of rows) {
      const p = r.place;
      if (!p || p.lat === null || p.lon === null || p.lat === undefined) continue;
      placed++;
      const key = `${Number(p.lat).toFixed(3)},${Number(p.lon).toFixed(3)}`;
      if (!groups.has(key)) groups.set(key, { lat: p.lat, lon: p.lon, name: p.name, items: [] });
      groups.get(key).items.push(r);
    }
    const markers = [];
    for (const [key, g] of groups) {
      const n = g.items.length;
      const d = n > 1 ? 22 : 16;
      const icon = L.divIcon({ className: "ww-pin" + (incidents ? " incident" : ""), iconSize: [d, d],
        html: el("span", { data: { place: g.name, count: n } }, n > 1 ? fmt(n) : "") });
      const m = L.marker([g.lat, g.lon], { icon, items: g.items, keyboard: true, riseOnHover: true,
        title: `${g.name}: ${plural(n, incidents ? "incident" : "event")}` });
      m.on("click", () => (incidents ? selectIncidents(g.items) : selectEvents(g.items)));
      markersByKey.set(key, m);
      markers.push(m);
    }
    cluster.addLayers(markers);
    const box = $("map");
    box.dataset.markers = String(placed);
    box.dataset.pins = String(markers.length);
    $("maplegend").textContent = `${plural(placed, incidents ? "incident" : "event")} on the map` +
      (rows.length > placed ? `, ${fmt(rows.length - placed)} without a place` : "");
    if (!fitted && markers.length) {
      fitted = true;
      map.fitBounds(cluster.getBounds().pad(0.25), { maxZoom: 4, animate: false });
    }
  }

  function panTo(row) {
    if (row && row.place && row.place.lat !== null && row.place.lat !== undefined) map.panTo([row.place.lat, row.place.lon]);
  }

  // ---- the timeline -------------------------------------------------------------------------------------
  const parseDay = d3.utcParse("%Y-%m-%d");
  const formatDay = d3.utcFormat("%Y-%m-%d");
  let tlRows = [];

  function drawTimeline() {
    const svgNode = $("tl-svg");
    const svg = d3.select(svgNode);
    svg.selectAll("*").remove();
    const width = svgNode.clientWidth || 600, height = svgNode.clientHeight || 110;
    const m = { l: 36, r: 14, t: 8, b: 22 };
    $("tl-title").textContent = state.layer === "incidents" ? "Incidents over time" : "Events over time";
    const days = tlRows.map((r) => ({ day: parseDay(r.day), count: r.count })).filter((r) => r.day);
    if (!days.length) {
      svg.append("text").attr("x", m.l).attr("y", height / 2).attr("class", "hint").text("No dated rows for these filters.");
      return;
    }
    const lo = d3.min(days, (d) => d.day), hi = d3.max(days, (d) => d.day);
    const span = (hi - lo) / 864e5;
    const interval = span <= 120 ? d3.utcDay : span <= 1000 ? d3.utcWeek : d3.utcMonth;
    const unit = interval === d3.utcDay ? "day" : interval === d3.utcWeek ? "week" : "month";
    const bins = d3.rollups(days, (v) => d3.sum(v, (d) => d.count), (d) => +interval.floor(d.day)).map(([t, c]) => ({ t: new Date(t), c }));
    const x = d3.scaleUtc().domain([interval.floor(lo), interval.offset(interval.floor(hi), 1)]).range([m.l, width - m.r]);
    const y = d3.scaleLinear().domain([0, d3.max(bins, (b) => b.c)]).nice().range([height - m.b, m.t]);
    const since = state.since ? parseDay(state.since) : null, until = state.until ? parseDay(state.until) : null;
    const inRange = (t) => (!since || interval.offset(t, 1) > since) && (!until || t <= until);
    const bars = svg.append("g").attr("class", "bars").selectAll("rect").data(bins).join("rect")
      .attr("class", (b) => "bar" + (inRange(b.t) ? "" : " out"))
      .attr("x", (b) => x(b.t)).attr("width", (b) => Math.max(1, x(interval.offset(b.t, 1)) - x(b.t) - 1))
      .attr("y", (b) => y(b.c)).attr("height", (b) => y(0) - y(b.c));
    bars.append("title").text((b) => `${unit} of ${formatDay(b.t)}: ${b.c}`);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.b})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(3).tickFormat(d3.format("~s")));
    const brush = d3.brushX().extent([[m.l, m.t], [width - m.r, height - m.b]]).on("end", (event) => {
      if (!event.sourceEvent) return;  // moved by the code below, not by the user
      if (!event.selection) { setState({ since: null, until: null }, true); return; }
      const [a, b] = event.selection.map(x.invert);
      const s = d3.utcDay.floor(a);
      let u = d3.utcDay.floor(new Date(+b - 1));
      if (u < s) u = s;
      setState({ since: formatDay(s), until: formatDay(u) }, true);
    });
    const g = svg.append("g").attr("class", "brush").call(brush);
    if (since || until) {
      const a = Math.max(m.l, since ? x(since) : m.l), b = Math.min(width - m.r, until ? x(d3.utcDay.offset(until, 1)) : width - m.r);
      if (b > a) g.call(brush.move, [a, b]);
    }
    svgNode.dataset.interval = unit;
    svgNode.dataset.from = formatDay(x.domain()[0]);
    svgNode.dataset.to = formatDay(x.domain()[1]);
  }

  // ---- filters ------------------------------------------------------------------------------------------
  async function loadFacets() {
    const { facets } = await getJSON("/api/facets");
    const fill = (id, values) => {
      const sel = $(id);
      for (const v of values || []) if (v.value !== null && v.value !== "") sel.appendChild(el("option", { value: v.value }, `${String(v.value).replace("_", " ")} (${fmt(v.count)})`));
    };
    fill("f-type", facets.event_type);
    fill("f-country", facets.country);
    fill("f-source", facets.source);
    fill("f-stance", facets.stance);
    syncForm();
  }

  function syncForm() {
    for (const k of FILTERS) {
      const input = $("f-" + k);
      if (input.tagName === "SELECT" && state[k] && ![...input.options].some((o) => o.value === state[k])) input.appendChild(el("option", { value: state[k] }, state[k]));
      if (input.value !== (state[k] || "")) input.value = state[k] || "";
    }
    for (const b of document.querySelectorAll(".seg button")) b.classList.toggle("on", b.dataset.layer === state.layer);
    for (const b of document.querySelectorAll("#tabs button")) { const on = b.dataset.tab === state.tab; b.classList.toggle("on", on); b.setAttribute("aria-selected", String(on)); }
    for (const t of document.querySelectorAll(".tab")) t.classList.toggle("on", t.id === "tab-" + state.tab);
  }

  function initForm() {
    let timer = null;
    for (const k of FILTERS) {
      const input = $("f-" + k);
      input.addEventListener("change", () => setState({ [k]: input.value.trim() || null }, true));
      if (k === "actor") input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => setState({ actor: input.value.trim() || null }, false), 500); });
    }
    $("filters").addEventListener("submit", (e) => e.preventDefault());
    $("f-reset").addEventListener("click", () => { selection = null; setState(Object.fromEntries([...FILTERS, "claim"].map((k) => [k, null])), true); });
    $("tl-clear").addEventListener("click", () => setState({ since: null, until: null }, true));
    for (const b of document.querySelectorAll(".seg button")) b.addEventListener("click", () => { selection = null; setState({ layer: b.dataset.layer }, true); });
    for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => setState({ tab: b.dataset.tab }, false));
    let rt = null;
    window.addEventListener("resize", () => { clearTimeout(rt); rt = setTimeout(() => { if (state.view === "dash") drawTimeline(); }, 150); });
  }

  // ---- the dashboard view -------------------------------------------------------------------------------
  let generation = 0;

  async function refreshDash() {
    const key = JSON.stringify([eventParams(), state.layer]);
    const tlKey = JSON.stringify(timelineParams());
    if (key === data.key && tlKey === data.tlKey) { drawTimelineIfNeeded(); return; }
    const mine = ++generation;
    document.body.dataset.loading = "1";
    status("Loading\u2026");
    try {
      const tasks = [getAll("/api/events", eventParams()), getAll("/api/incidents", incidentParams()), getAll("/api/claims", claimParams())];
      const tl = tlKey !== data.tlKey ? getJSON(`/api/timeline?${query(timelineParams())}`) : null;
      const [events, incidents, claims] = await Promise.all(tasks);
      const timeline = tl ? await tl : null;
      if (mine !== generation) return;
      Object.assign(data, { events, incidents, claims, key, tlKey });
      if (timeline) tlRows = timeline.rows;
      if (selection) {
        const ids = new Set((selection.kind === "incident" ? incidents : events).map((r) => r.id));
        selection.items = selection.items.filter((r) => ids.has(r.id));
      }
      renderEvents(); renderIncidents(); renderClaims(); renderSelection(); renderMap();
      drawnFor = JSON.stringify([tlKey, state.since, state.until]);
      drawTimeline();
      status(`${plural(events.length, "event")} \u00b7 ${plural(incidents.length, "incident")} \u00b7 ${plural(claims.length, "claim")}`);
    } catch (e) {
      if (mine === generation) status("Could not load: " + e.message, true);
    } finally {
      if (mine === generation) delete document.body.dataset.loading;
    }
  }

  let drawnFor = null;
  function drawTimelineIfNeeded() {
    const k = JSON.stringify([data.tlKey, state.since, state.until]);
    if (k !== drawnFor) { drawnFor = k; drawTimeline(); }
  }

  // ---- the article view ---------------------------------------------------------------------------------
  const FIELDS = [  // outer first when two spans are the same
    ["content", "claim content"], ["speaker", "speaker"], ["cue", "cue"], ["trigger", "event trigger"],
    ["place", "place"], ["actor", "actor"], ["entity", "other entity"]];
  const PRIORITY = Object.fromEntries(FIELDS.map(([k], i) => [k, i]));
  let articleFor = null;

  /** Every evidence span of the document: {field, ref, start, end, label}. */
  function spansOf(doc) {
    const n = doc.text.length;
    const out = [];
    const seen = new Set();
    const add = (field, ref, sp, label) => {
      if (!sp || typeof sp.start !== "number" || typeof sp.end !== "number" || sp.start < 0 || sp.end > n || sp.start >= sp.end) return;
      const k = `${field}|${ref}|${sp.start}|${sp.end}`;
      if (seen.has(k)) return;
      seen.add(k);
      out.push({ field, ref, start: sp.start, end: sp.end, label, key: k, prio: PRIORITY[field] });
    };
    const actors = new Set();
    for (const e of doc.events || []) for (const id of [...(e.actor || []), ...(e.recipient || [])]) actors.add(id);
    for (const e of doc.events || []) add("trigger", e.id, e.trigger, `${e.event_type} (${e.id})${e.aux ? ", " + e.aux : ""}`);
    for (const ent of doc.entities || []) {
      const field = actors.has(ent.id) ? "actor" : "entity";
      const code = ent.actor ? (ent.actor.country || "") + (ent.actor.sector || "") : "";
      for (const mn of ent.mentions || []) add(field, ent.id, mn, `${ent.name} (${ent.id}${code ? ", " + code : ""})`);
    }
    for (const p of doc.places || []) for (const mn of p.mentions || []) add("place", p.id, mn, `${p.name} (${p.id}${p.country ? ", " + p.country : ""})`);
    for (const a of doc.attributions || []) {
      add("content", a.id, a.content, `claim ${a.id}: ${a.stance}`);
      if (a.speaker) add("speaker", a.id, a.speaker, `speaker of ${a.id}`);
      add("cue", a.id, a.cue, `cue of ${a.id}`);
    }
    return out;
  }

  /**
   * The text with a <mark> per span, built from text nodes only. Spans that nest become nested marks; a span
   * that crosses another is split into parts (data-part), each mark's data-start/data-end giving exactly the
   * characters it holds, so mark.textContent === text.slice(start, end) for every mark.
   */
  function renderMarked(box, text, spans) {
    const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
    const order = (a, b) => a.start - b.start || b.end - a.end || a.prio - b.prio || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    const byStart = new Map();
    for (const s of spans) { if (!byStart.has(s.start)) byStart.set(s.start, []); byStart.get(s.start).push(s); }
    let active = [];
    const stack = [];
    const frag = document.createDocumentFragment();
    const close = (entry, at) => {
      const s = entry.span, m = entry.el;
      m.dataset.end = String(at);
      if (entry.start !== s.start || at !== s.end) { m.dataset.part = "1"; m.dataset.spanStart = String(s.start); m.dataset.spanEnd = String(s.end); }
    };
    for (let i = 0; i < cuts.length - 1; i++) {
      const a = cuts[i], b = cuts[i + 1];
      active = active.filter((s) => s.end > a).concat(byStart.get(a) || []).sort(order);
      let k = 0;
      while (k < stack.length && k < active.length && stack[k].span === active[k]) k++;
      while (stack.length > k) close(stack.pop(), a);
      for (let j = k; j < active.length; j++) {
        const s = active[j];
        const m = document.createElement("mark");
        m.dataset.field = s.field; m.dataset.ref = s.ref; m.dataset.start = String(a);
        m.title = s.label;
        (stack.length ? stack[stack.length - 1].el : frag).appendChild(m);
        stack.push({ span: s, el: m, start: a });
      }
      (stack.length ? stack[stack.length - 1].el : frag).appendChild(document.createTextNode(text.slice(a, b)));
    }
    while (stack.length) close(stack.pop(), text.length);
    clear(box).appendChild(frag);
  }

  function focusRef(ref, scroll) {
    for (const m of document.querySelectorAll("#article-text mark.focus")) m.classList.remove("focus");
    for (const li of document.querySelectorAll("#article-side li.on")) li.classList.remove("on");
    if (!ref) return;
    const marks = [...document.querySelectorAll("#article-text mark")].filter((m) => m.dataset.ref === ref);
    marks.forEach((m) => m.classList.add("focus"));
    const li = [...document.querySelectorAll("#article-side li")].find((x) => x.dataset.ref === ref);
    if (li) li.classList.add("on");
    if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  async function showArticle() {
    const id = state.id;
    if (articleFor !== id) {
      articleFor = id;
      const box = $("article-text");
      delete box.dataset.marks; delete box.dataset.article;
      clear(box); clear($("article-events")); clear($("article-claims")); clear($("article-legend"));
      $("article-title").textContent = "Loading\u2026"; clear($("article-meta"));
      let doc;
      try { doc = await getJSON(`/api/articles/${encodeURIComponent(id)}`); } catch (e) {
        $("article-title").textContent = "Article not found"; status(e.message, true); articleFor = null; return;
      }
      if (state.id !== id) return;
      renderArticle(doc);
      status(`${doc.article.source || "unknown source"} \u00b7 ${plural((doc.events || []).length, "event")} \u00b7 ${plural((doc.attributions || []).length, "claim")}`);
    }
    focusRef(state.focus, true);
  }

  function renderArticle(doc) {
    const art = doc.article || {};
    document.title = `${art.title || "Article"} \u2014 wirewatch`;
    $("article-title").textContent = art.title || "(untitled)";
    const url = art.url ? (SAFE_URL.test(art.url) ? el("a", { href: art.url, rel: "noopener noreferrer nofollow", target: "_blank" }, art.url) : el("span", { class: "unsafe-url" }, art.url)) : null;
    append(clear($("article-meta")), [[art.source || "unknown source", art.published, `${fmt(art.chars)} characters`].filter(Boolean).join(" \u00b7 "),
      url ? [" \u00b7 ", url] : null,
      doc.links && doc.links.duplicate ? [" \u00b7 a copy of ", el("a", { href: articleHash(doc.links.copy_group) }, "the first report")] : null]);
    const box = $("article-text");
    box.className = "";
    const spans = spansOf(doc);
    renderMarked(box, doc.text, spans);
    box.dataset.marks = String(spans.length);
    box.dataset.article = art.id || "";
    const legend = clear($("article-legend"));
    const counts = d3.rollup(spans, (v) => v.length, (s) => s.field);
    for (const [field, label] of FIELDS) {
      if (!counts.get(field)) continue;
      const cb = el("input", { type: "checkbox", checked: "checked", data: { field } });
      cb.addEventListener("change", () => box.classList.toggle("hide-" + field, !cb.checked));
      legend.appendChild(el("label", null, cb, el("span", { class: "sw sw-" + field }), `${label} (${counts.get(field)})`));
    }
    const ents = new Map((doc.entities || []).map((e) => [e.id, e]));
    const name = (ids) => (ids || []).map((i) => (ents.get(i) || { name: i }).name).join(", ");
    const evs = clear($("article-events"));
    for (const e of doc.events || []) {
      evs.appendChild(el("li", { data: { ref: e.id }, on: { click: () => setState({ focus: e.id }, false) } },
        el("div", { class: "row1" }, badge(e.event_type), auxBadge(e.aux), el("b", null, "\u201c", e.trigger ? e.trigger.text : "", "\u201d")),
        el("div", null, name(e.actor) || "(no actor)", e.recipient && e.recipient.length ? ` \u2192 ${name(e.recipient)}` : ""),
        el("div", { class: "meta" }, [e.date && e.date.value, e.id].filter(Boolean).join(" \u00b7 "))));
    }
    if (!(doc.events || []).length) evs.appendChild(el("li", { class: "more" }, "none"));
    const cls = clear($("article-claims"));
    for (const a of doc.attributions || []) {
      const chain = (a.via || []).map((v) => ({ name: (ents.get(v) || { name: v }).name }));
      cls.appendChild(el("li", { data: { ref: a.id }, on: { click: () => setState({ focus: a.id }, false) } },
        el("div", { class: "row1" }, stanceBadge(a.stance), chainNodes(chain, a.speaker), a.contested ? badge("contested", "contested") : null),
        el("p", { class: "quote" }, "\u201c", clip(a.content && a.content.text, 200), "\u201d"),
        el("div", { class: "meta" }, [a.kind, a.id, (a.disputed_by || []).length ? `disputed by ${a.disputed_by.join(", ")}` : null].filter(Boolean).join(" \u00b7 "))));
    }
    if (!(doc.attributions || []).length) cls.appendChild(el("li", { class: "more" }, "none"));
    keyboard(evs); keyboard(cls);
  }

  $("article-text").addEventListener("click", (ev) => {
    const m = ev.target.closest && ev.target.closest("mark");
    if (m && /^[AV]/.test(m.dataset.ref || "")) setState({ focus: m.dataset.ref }, false);
  });

  // ---- routing ------------------------------------------------------------------------------------------
  function apply() {
    const article = state.view === "article" && state.id;
    $("dash").hidden = !!article;
    $("article").hidden = !article;
    document.body.classList.toggle("in-article", !!article);
    syncForm();
    if (article) {
      $("article-back").setAttribute("href", "#" + lastDashHash);
      showArticle();
    } else {
      lastDashHash = hashOf({ ...state, view: null, id: null, focus: null });
      document.title = "wirewatch";
      if (!map) initMap();
      map.invalidateSize();
      refreshDash().then(() => { renderSelection(); drawTimelineIfNeeded(); });
      renderSelection();
    }
  }

  initForm();
  loadFacets().catch((e) => status("Could not load the filters: " + e.message, true));
  apply();
})();
