// The eventwire dashboard: the page's filters drive the API, and live in the URL so that a
// view can be shared. All record text is set with textContent, never parsed as markup.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
  "ASSAULT"];
const FIELDS = ["actor", "pair", "type", "from", "to", "outlet", "story", "q"];
const TIMELINE_MAX = 2000;  // canonical events drawn at most; the table pages through all

const $ = (id) => document.getElementById(id);
let eventsCursor = null;
let timelineChart = null;
let networkChart = null;

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

function filters() {
  const found = {};
  for (const name of FIELDS) {
    const value = $("f-" + name).value.trim();
    if (value) found[name] = value;
  }
  return found;
}

function query(extra) {
  const merged = { ...filters(), ...(extra || {}) };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== "") params.set(key, value);
  return params.toString();
}

async function api(path, extra) {
  const response = await fetch(`${path}?${query(extra)}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail ? JSON.stringify(body.detail) : response.statusText);
  return body;
}

function showError(error) {
  $("status").textContent = "Error: " + error.message;
}

function actorsOf(list) {
  return [...new Set((list || []).map((a) => a.code || a.text))].join(", ") || "?";
}

// --- filters and the URL ---

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  for (const name of FIELDS) $("f-" + name).value = params.get(name) || "";
}

function writeUrl() {
  const text = query();
  history.replaceState(null, "", text ? `?${text}` : window.location.pathname);
}

// --- panels ---

async function loadTimeline() {
  const points = [];
  let cursor = null;
  do {
    const page = await api("/api/timeline", { limit: 500, ...(cursor ? { cursor } : {}) });
    points.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && points.length < TIMELINE_MAX);
  const data = points.map((e) => ({
    value: [e.anchor, e.intensity ?? 0, e.corroboration],
    name: `${e.event_type}: ${actorsOf(e.source)} → ${actorsOf(e.target)}`,
    sentence: e.sentence,
    sources: `${e.corroboration} articles, ${e.independent_sources} independent`,
  }));
  timelineChart.setOption({
    tooltip: {
      formatter: (p) => `${echarts.format.encodeHTML(p.data.name)}<br>${p.data.value[0]} · ` +
        `${echarts.format.encodeHTML(p.data.sources)}`,
    },
    xAxis: { type: "time" },
    yAxis: { type: "value", min: -10, max: 10, name: "intensity" },
    visualMap: { show: false, dimension: 1, min: -10, max: 10,
      inRange: { color: ["#c62828", "#bdbdbd", "#2e7d32"] } },
    dataZoom: [{ type: "inside" }, { type: "slider" }],
    series: [{ type: "scatter", data,
      symbolSize: (value) => 6 + 3 * Math.min(value[2], 8) }],
  }, true);
  return points.length;
}

async function loadNetwork() {
  const { edges } = await api("/api/network", { top: 300 });
  const weight = {};
  const links = {};
  for (const edge of edges) {
    const key = `${edge.source}\u0000${edge.target}`;
    links[key] = links[key] || { source: edge.source, target: edge.target, value: 0, types: [] };
    links[key].value += edge.events;
    links[key].types.push(`${edge.event_type} ${edge.events}`);
    for (const code of [edge.source, edge.target]) weight[code] = (weight[code] || 0) + edge.events;
  }
  const nodes = Object.entries(weight).map(([code, n]) => ({
    id: code, name: code, value: n, symbolSize: 10 + Math.min(40, 4 * Math.sqrt(n)),
  }));
  networkChart.setOption({
    tooltip: {
      formatter: (p) => echarts.format.encodeHTML(p.dataType === "edge"
        ? `${p.data.source} → ${p.data.target}: ${p.data.types.join(", ")}`
        : `${p.data.name}: ${p.data.value} events`),
    },
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true,
      label: { show: true }, edgeSymbol: ["none", "arrow"],
      force: { repulsion: 220, edgeLength: 90 },
      data: nodes,
      links: Object.values(links).map((l) => ({ ...l, lineStyle: { width: Math.min(8, 1 + l.value) } })),
    }],
  }, true);
}

function eventRow(e) {
  const row = el("tr", undefined, { "data-event-id": e.event_id, "data-article-id": e.article_id });
  if (e.background) row.classList.add("background");
  row.append(
    el("td", e.date || "—"),
    el("td", e.event_type + (e.background ? " (background)" : "")),
    el("td", `${actorsOf(e.source)} → ${actorsOf(e.target)}`),
    el("td", e.sentence.length > 160 ? e.sentence.slice(0, 157) + "…" : e.sentence),
    el("td", e.outlet || ""),
    el("td", e.corroboration ? `${e.corroboration} / ${e.independent_sources}` : ""),
  );
  row.addEventListener("click", () => openEvidence(e));
  return row;
}

async function loadEvents(append) {
  const body = $("events-table").querySelector("tbody");
  if (!append) { body.replaceChildren(); eventsCursor = null; }
  const page = await api("/api/events", { limit: 50, ...(eventsCursor ? { cursor: eventsCursor } : {}) });
  for (const e of page.items) body.append(eventRow(e));
  eventsCursor = page.next_cursor;
  $("more-events").hidden = !eventsCursor;
  return body.children.length;
}

async function openEvidence(e) {
  const response = await fetch(`/api/articles/${encodeURIComponent(e.article_id)}`);
  const article = await response.json();
  if (!response.ok) { showError(new Error(article.detail)); return; }
  $("evidence-panel").hidden = false;
  const meta = $("evidence-meta");
  meta.replaceChildren(
    el("strong", article.title || "(no title)"),
    el("span", ` · ${article.outlet || "unknown outlet"} · ${article.published || "undated"} · `),
    el("span", `${e.event_type}: ${actorsOf(e.source)} → ${actorsOf(e.target)}` +
      (e.origin ? ` · origin ${e.origin}` : "")),
  );
  const text = article.text;
  const evidence = $("evidence");
  evidence.replaceChildren(
    document.createTextNode(text.slice(0, e.char_start)),
    el("mark", text.slice(e.char_start, e.char_end), { id: "evidence-mark" }),
    document.createTextNode(text.slice(e.char_end)),
  );
  $("removed-list").replaceChildren(...(article.removed || []).map((item) =>
    el("li", `${item.reason}: ${item.text}`)));
  $("evidence-mark").scrollIntoView({ block: "center" });
}

async function loadFlags() {
  const page = await api("/api/flags", { limit: 200 });
  $("flags-list").replaceChildren(...page.items.map((f) => {
    const item = el("li");
    item.append(el("span", f.kind, { class: "flag-kind" }), el("span", ` — ${f.mention}: ${f.explanation}`));
    return item;
  }));
  return page.items.length;
}

async function loadStories() {
  const page = await api("/api/stories", { limit: 200, story: "" });
  const select = $("f-story");
  const chosen = select.value;
  select.replaceChildren(el("option", "any", { value: "" }),
    ...page.items.map((s) => el("option", `${s.title} (${s.first || "?"})`, { value: s.story_id })));
  select.value = chosen;
  $("stories-list").replaceChildren(...page.items.map((s) => {
    const item = el("li");
    const link = el("a", s.title, { "data-story-id": s.story_id });
    link.addEventListener("click", () => { $("f-story").value = s.story_id; refresh(); });
    item.append(link, el("span", ` · ${s.first || "?"} to ${s.last || "?"} · ${s.article_count} articles`));
    return item;
  }));
}

async function refresh() {
  writeUrl();
  $("status").textContent = "Loading…";
  try {
    const [events, canonical, flags] = await Promise.all([
      loadEvents(false), loadTimeline(), loadFlags(), loadNetwork()]);
    $("status").textContent = `${events} events shown · ${canonical} canonical events on the timeline · ${flags} flags`;
  } catch (error) {
    showError(error);
  }
}

function start() {
  const select = $("f-type");
  for (const type of TYPES) select.append(el("option", type, { value: type }));
  timelineChart = echarts.init($("timeline-chart"));
  networkChart = echarts.init($("network-chart"));
  readUrl();
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
  $("reset").addEventListener("click", () => { for (const n of FIELDS) $("f-" + n).value = ""; refresh(); });
  $("more-events").addEventListener("click", () => loadEvents(true).catch(showError));
  $("close-evidence").addEventListener("click", () => { $("evidence-panel").hidden = true; });
  window.addEventListener("resize", () => { timelineChart.resize(); networkChart.resize(); });
  loadStories().then(() => { readUrl(); return refresh(); }).catch(showError);
}

start();
