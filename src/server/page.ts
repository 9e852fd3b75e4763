/**
 * The web page served at `/`: a review queue (filters, paging, sorting, the reason for each flag)
 * beside one plan's reviewable fields and its page image with the provenance boxes (SVG overlay).
 * Corrections go to POST /plans/:id/review. No build step, no external assets (CSP: self only);
 * data is put in the DOM with textContent only; the bearer token (sessionStorage) goes with every
 * request, images and links included (fetched, then shown from a blob URL).
 */
import { REVIEW_FIELDS } from '../store/reviews.js'

/** Labels of the reviewable fields, from the one table the API validates against. */
const LABELS = JSON.stringify(Object.fromEntries(Object.entries(REVIEW_FIELDS).map(([p, f]) => [p, f.label]))).replace(/</g, '\\u003c')

export const PAGE_HTML = /* html */ `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kehoach — duyệt kế hoạch đã trích xuất</title>
<style>
  * { box-sizing: border-box; }
  html, body { height: 100%; }
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #f6f6f4; display: flex; flex-direction: column; }
  header { background: #7a1f1f; color: #fff; padding: .35rem .8rem; display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 1rem; margin: 0; }
  header .keys { font-size: .8rem; opacity: .9; }
  kbd { font: .75rem ui-monospace, monospace; background: rgba(255,255,255,.2); border-radius: 3px; padding: 0 .25rem; }
  form#f { display: flex; flex-wrap: wrap; gap: .35rem; padding: .4rem .8rem; background: #fff; border-bottom: 1px solid #ddd; align-items: center; }
  input, select, button, textarea { font: inherit; padding: .2rem .4rem; }
  #q { flex: 1 1 14rem; }
  form#f label { display: inline-flex; gap: .25rem; align-items: center; white-space: nowrap; }
  main { flex: 1; min-height: 0; display: grid; grid-template-columns: 330px 1fr; }
  #list { overflow: auto; border-right: 1px solid #ddd; background: #fff; }
  #status { color: #555; padding: .3rem .6rem; margin: 0; font-size: .85rem; }
  #rows { width: 100%; border-collapse: collapse; }
  #rows td { padding: .35rem .6rem; border-bottom: 1px solid #eee; vertical-align: top; overflow-wrap: anywhere; }
  #rows tr { cursor: pointer; } #rows tr:hover { background: #fff8e6; } #rows tr.sel { background: #fff0c2; box-shadow: inset 3px 0 #7a1f1f; }
  .r-head { font-weight: 600; } .r-issuer { color: #444; font-size: .85rem; } .r-title { font-size: .9rem; }
  .why { font-size: .8rem; color: #a32; margin-top: .15rem; } .ok-badge { font-size: .8rem; color: #1e8449; }
  .snip { color: #666; font-size: .8rem; }
  .pager { display: flex; justify-content: space-between; align-items: center; padding: .3rem .6rem; gap: .3rem; }
  #plan { min-height: 0; overflow: hidden; }
  #plan > .muted { padding: 1rem; }
  .split { display: grid; grid-template-columns: 420px 1fr; height: 100%; min-height: 0; }
  .fields { overflow: auto; padding: .5rem .7rem; border-right: 1px solid #ddd; background: #fff; }
  .fields h2 { font-size: 1rem; margin: 0 0 .4rem; overflow-wrap: anywhere; }
  .fld { border: 1px solid #e4e4e4; border-radius: 4px; padding: .25rem .4rem; margin-bottom: .3rem; }
  .fld.unsure { border-color: #c0392b; background: #fdf0ee; }
  .fld.reviewed { border-color: #1e8449; background: #f0faf3; }
  .fld.hotf { outline: 2px solid #d35400; }
  .fld .top { display: flex; gap: .4rem; align-items: baseline; flex-wrap: wrap; font-size: .8rem; }
  .fld .top b { font-size: .85rem; }
  .fld input[type=text], .fld textarea { width: 100%; margin-top: .15rem; }
  .fld textarea { resize: vertical; }
  .conf { font-variant-numeric: tabular-nums; padding: 0 .25rem; border-radius: 3px; }
  .c-low { background: #f5b7b1; } .c-mid { background: #fae5a5; } .c-high { background: #c9ecd4; } .c-none { background: #eee; }
  .rule { color: #666; font-family: ui-monospace, monospace; font-size: .75rem; overflow-wrap: anywhere; }
  .fld .confirm { margin-left: auto; white-space: nowrap; }
  .save { position: sticky; bottom: 0; background: #fff; padding: .4rem 0; border-top: 1px solid #ddd; display: flex; gap: .4rem; flex-wrap: wrap; align-items: center; }
  .save button { background: #7a1f1f; color: #fff; border: 0; border-radius: 3px; padding: .3rem .8rem; }
  .save button#confirm-rest { background: #1e8449; }
  #msg { font-size: .85rem; }
  .warn { font-size: .8rem; margin: .15rem 0; }
  .fields h3 { font-size: .9rem; margin: .6rem 0 .2rem; }
  .revs li { font-size: .8rem; margin-bottom: .2rem; }
  .viewer { overflow: auto; padding: .5rem; }
  .pages { display: flex; flex-wrap: wrap; gap: .3rem; margin-bottom: .3rem; align-items: center; }
  .pages button.on { background: #7a1f1f; color: #fff; }
  figure.page { position: relative; margin: 0; border: 1px solid #ccc; background: #fff; line-height: 0; }
  figure.page img { width: 100%; height: auto; display: block; }
  figure.page svg { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
  svg rect { fill: none; vector-effect: non-scaling-stroke; }
  svg rect.line { stroke: #9ab; stroke-width: .5; opacity: .45; }
  svg rect.box { stroke-width: 2; fill-opacity: .12; }
  svg rect.k-field { stroke: #d35400; fill: #f39c12; } svg rect.k-unsure { stroke: #c0392b; fill: #e74c3c; stroke-dasharray: 6 3; }
  svg rect.k-basis { stroke: #1f5fa8; fill: #3498db; } svg rect.k-target { stroke: #1e8449; fill: #2ecc71; }
  svg rect.k-task { stroke: #7d3c98; fill: #af7ac5; } svg rect.k-mark { stroke: #0e7c86; fill: #1abc9c; stroke-width: 3; }
  svg rect.hot { stroke-width: 4; fill-opacity: .35; }
  .legend span { display: inline-block; margin-right: .6rem; font-size: .8rem; line-height: 1.4; }
  .legend i { display: inline-block; width: .8em; height: .8em; margin-right: .25em; border: 2px solid; vertical-align: -1px; }
  .links a { margin-right: .6rem; font-size: .85rem; }
  .muted { color: #777; }
  @media (max-width: 1100px) { main { grid-template-columns: 280px 1fr; } .split { grid-template-columns: 360px 1fr; } }
</style>
</head>
<body>
<header><h1>kehoach — duyệt văn bản</h1>
  <span class="keys"><kbd>Alt</kbd>+<kbd>↓</kbd>/<kbd>↑</kbd> văn bản sau/trước · <kbd>Alt</kbd>+<kbd>N</kbd> trường cần xem tiếp · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> lưu</span></header>
<form id="f" role="search">
  <input id="q" name="q" placeholder="Tìm: ke hoach giam ngheo…" aria-label="Tìm" maxlength="500">
  <input name="issuer" placeholder="Cơ quan ban hành" aria-label="Cơ quan ban hành" maxlength="200" size="14">
  <input name="type" placeholder="Loại (KH…)" size="7" aria-label="Loại" maxlength="100">
  <input name="year" placeholder="Năm" size="4" inputmode="numeric" aria-label="Năm" maxlength="4">
  <label>Từ <input name="from" type="date" aria-label="Từ ngày"></label>
  <label>đến <input name="to" type="date" aria-label="Đến ngày"></label>
  <label><input type="checkbox" name="needsReview" value="true" id="needs"> Cần xem lại</label>
  <label>Độ tin cậy &lt; <select name="confidenceBelow" aria-label="Độ tin cậy dưới"><option value="">—</option><option>0.5</option><option>0.7</option><option>0.9</option><option>1</option></select></label>
  <label>Xếp theo <select name="sort" aria-label="Xếp theo"><option value="">ngày (mới trước)</option><option value="confidence">độ tin cậy (thấp trước)</option><option value="date-asc">ngày (cũ trước)</option><option value="number">số</option><option value="issuer">cơ quan</option><option value="title">trích yếu</option><option value="indexed">mới nhập</option></select></label>
  <button type="submit">Lọc</button>
</form>
<main>
  <section id="list" aria-label="Danh sách văn bản">
    <p id="status" role="status"></p>
    <table id="rows"><tbody></tbody></table>
    <div class="pager"><button type="button" id="prev">‹ Trang trước</button><span id="range"></span><button type="button" id="next">Trang sau ›</button></div>
  </section>
  <section id="plan" aria-live="polite"><p class="muted">Chọn một văn bản để duyệt.</p></section>
</main>
<script>
"use strict";
const $ = (s) => document.querySelector(s);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = String(text); if (cls) e.className = cls; return e; };
const PAGE_SIZE = 50;
const token = () => sessionStorage.getItem("kehoach-token");
function authHeaders(extra) {
  const h = Object.assign({}, extra || {});
  const t = token();
  if (t) h.Authorization = "Bearer " + t;
  return h;
}
async function request(path, init) {
  const r = await fetch(path, Object.assign({}, init || {}, { headers: authHeaders((init || {}).headers) }));
  if (r.status === 401) {
    const t2 = prompt("Mã truy cập (KEHOACH_TOKEN):");
    if (t2) { sessionStorage.setItem("kehoach-token", t2); return request(path, init); }
  }
  return r;
}
async function api(path, init) {
  const r = await request(path, init);
  const body = await r.json();
  if (!r.ok) { const e = new Error(body.message || r.statusText); e.status = r.status; e.body = body; throw e; }
  return body;
}
// links open through fetch, so the token goes with them too
async function openLink(path) {
  const r = await request(path);
  if (!r.ok) { alert("Không mở được: " + r.status); return; }
  window.open(URL.createObjectURL(await r.blob()), "_blank");
}

// ---- the list ------------------------------------------------------------------------------
const list = { items: [], offset: 0, total: 0, params: null };
function params() {
  const fd = new FormData($("#f"));
  const p = new URLSearchParams();
  for (const [k, v] of fd) if (String(v).trim()) p.set(k, String(v).trim());
  const sort = p.get("sort");
  if (sort === "confidence") p.set("order", "asc");
  if (sort === "date-asc") { p.set("sort", "date"); p.set("order", "asc"); }
  if (sort === "number" || sort === "issuer" || sort === "title") p.set("order", "asc");
  return p;
}
const FIELD_LABEL = ${LABELS};
function whyText(it) {
  if (!it.unsure) return null;
  if (!it.unsure.length) return it.needsReview ? "Cần xem lại" : null;
  const reason = { missing: "thiếu", "low-confidence": "tin cậy thấp", "low-ocr": "OCR kém" };
  return "Cần xem: " + it.unsure.map((u) => (FIELD_LABEL[u.path] || u.path.replace("document.", "")) + " (" + reason[u.reason] + (u.confidence != null ? " " + u.confidence.toFixed(2) : "") + ")").join(", ");
}
async function search(ev, keepId) {
  if (ev) ev.preventDefault();
  const p = params();
  if (!ev || ev.type === "submit") list.offset = ev && ev.type === "submit" ? 0 : list.offset;
  p.set("limit", String(PAGE_SIZE)); p.set("offset", String(list.offset));
  const q = p.get("q");
  if (q) { for (const k of ["needsReview", "confidenceBelow"]) p.delete(k); }
  const path = q ? "/search?" + p : "/review?" + p;
  $("#status").textContent = "Đang tìm…";
  try {
    const r = await api(path);
    list.items = r.items; list.total = r.total;
    $("#status").textContent = r.total + " kết quả";
    $("#range").textContent = r.total ? (list.offset + 1) + "–" + (list.offset + r.items.length) + " / " + r.total : "";
    $("#prev").disabled = list.offset === 0;
    $("#next").disabled = list.offset + r.items.length >= r.total;
    const tb = $("#rows tbody");
    tb.replaceChildren();
    for (const it of r.items) {
      const tr = el("tr"); tr.dataset.id = it.id;
      const td = el("td");
      td.append(el("div", [it.number || "(chưa có số)", it.date || "—"].join(" · "), "r-head"));
      td.append(el("div", it.issuer || "(chưa rõ cơ quan)", "r-issuer"));
      td.append(el("div", it.title || "(không có trích yếu)", "r-title"));
      const why = whyText(it);
      if (why) td.append(el("div", why, "why"));
      else if (it.unsure && !it.needsReview) td.append(el("div", "✓ đã đủ tin cậy", "ok-badge"));
      if (it.warnings && it.warnings.length) td.append(el("div", it.warnings.length + " cảnh báo", "snip"));
      if (it.snippet) td.append(el("div", it.snippet, "snip"));
      tr.append(td);
      tr.addEventListener("click", () => show(it.id));
      tb.append(tr);
    }
    const u = new URLSearchParams(new FormData($("#f")));
    for (const [k, v] of [...u]) if (!v) u.delete(k);
    history.replaceState(null, "", "?" + u);
    markSelected(keepId || (current && current.plan.id));
  } catch (e) { $("#status").textContent = "Lỗi: " + e.message; }
}
function markSelected(id) {
  document.querySelectorAll("#rows tr").forEach((tr) => tr.classList.toggle("sel", tr.dataset.id === id));
  const sel = document.querySelector("#rows tr.sel");
  if (sel) sel.scrollIntoView({ block: "nearest" });
}
async function step(dir) {
  // the row selected last (its plan may still be loading), not the plan shown
  const sel = document.querySelector("#rows tr.sel");
  const i = sel ? list.items.findIndex((x) => x.id === sel.dataset.id) : -1;
  const j = i + dir;
  if (j >= 0 && j < list.items.length) return show(list.items[j].id);
  if (dir > 0 && list.offset + list.items.length < list.total) { list.offset += PAGE_SIZE; await search(); if (list.items[0]) show(list.items[0].id); }
  else if (dir < 0 && list.offset > 0) { list.offset = Math.max(0, list.offset - PAGE_SIZE); await search(); const last = list.items[list.items.length - 1]; if (last) show(last.id); }
}

// ---- the page image and its boxes ----------------------------------------------------------
const SVGNS = "http://www.w3.org/2000/svg";
let objectUrl = null;
function provBox(p, prov) {
  if (!prov) return null;
  if (prov.box) return prov.box;
  const pt = p.text.pages.find((x) => x.page === prov.page);
  if (!pt || !pt.lineBoxes || !prov.lines) return null;
  let b = null;
  for (let i = prov.lines[0]; i <= prov.lines[1]; i++) {
    const l = pt.lineBoxes[i];
    if (!l) continue;
    b = b ? [Math.min(b[0], l[0]), Math.min(b[1], l[1]), Math.max(b[2], l[2]), Math.max(b[3], l[3])] : l.slice();
  }
  return b;
}
// Everything that has a place on a page: header fields, legal bases, targets, tasks, marks (stamps, signatures).
function boxesOf(p, review) {
  const out = [];
  const unsure = new Set(review.unsure.map((u) => u.path.replace("document.", "")));
  for (const [k, t] of Object.entries(p.document.fields || {})) out.push({ key: "f:" + k, kind: unsure.has(k) ? "unsure" : "field", label: FIELD_LABEL["document." + k] || k, prov: t.prov });
  p.legalBases.forEach((b, i) => out.push({ key: "b:" + i, kind: "basis", label: "Căn cứ " + (i + 1), prov: b.prov }));
  p.targets.forEach((t, i) => out.push({ key: "t:" + i, kind: "target", label: "Chỉ tiêu " + (i + 1), prov: t.prov }));
  p.tasks.forEach((t, i) => out.push({ key: "k:" + i, kind: "task", label: "Nhiệm vụ " + (t.id || i + 1), prov: t.prov }));
  (p.marks ?? []).forEach((m, i) => { if (m && typeof m === "object") out.push({ key: "m:" + i, kind: "mark", label: String(m.kind || m.type || "Dấu/chữ ký") + (m.text ? ": " + m.text : ""), prov: m.prov || (m.box ? { page: m.page || 1, box: m.box } : null) }); });
  for (const m of out) m.box = provBox(p, m.prov);
  return out.filter((m) => m.prov && m.box);
}
let current = null;
async function showPage(n) {
  const { plan: p, boxes } = current;
  current.page = n;
  document.querySelectorAll(".pages button").forEach((b) => b.classList.toggle("on", Number(b.dataset.page) === n));
  const fig = $("#fig");
  fig.replaceChildren(el("p", "Đang tải trang " + n + "…", "muted"));
  const pt = p.text.pages.find((x) => x.page === n) || {};
  let url;
  try {
    const r = await request("/plans/" + p.id + "/pages/" + n + ".png");
    if (!r.ok) { const j = await r.json().catch(() => ({})); throw new Error(j.message || r.statusText); }
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    url = objectUrl = URL.createObjectURL(await r.blob());
  } catch (e) {
    fig.replaceChildren(el("p", "Không có ảnh trang: " + e.message, "muted"));
    return;
  }
  if (current.plan !== p || current.page !== n) return;
  const img = el("img");
  img.alt = "Trang " + n + " của bản gốc";
  const svg = document.createElementNS(SVGNS, "svg");
  svg.id = "overlay";
  svg.setAttribute("preserveAspectRatio", "none");
  img.addEventListener("load", () => {
    // boxes are in OCR pixels (unit px, at dpi) or PDF points (pt); the page size is in the same unit
    let w = pt.width, h = pt.height;
    if (!w || !h) {
      const f = pt.origin === "text-layer" ? 72 / 100 : (pt.dpi || 300) / 100;
      w = img.naturalWidth * f; h = img.naturalHeight * f;
    }
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    const rect = (b, cls, key, label) => {
      const r = document.createElementNS(SVGNS, "rect");
      r.setAttribute("x", b[0]); r.setAttribute("y", b[1]);
      r.setAttribute("width", Math.max(1, b[2] - b[0])); r.setAttribute("height", Math.max(1, b[3] - b[1]));
      r.setAttribute("class", cls);
      if (key) r.dataset.key = key;
      if (label) { const t = document.createElementNS(SVGNS, "title"); t.textContent = label; r.append(t); }
      svg.append(r);
    };
    for (const b of pt.lineBoxes || []) if (b) rect(b, "line");
    for (const m of boxes) if (m.prov.page === n) rect(m.box, "box k-" + m.kind, m.key, m.label);
    fig.dataset.boxes = String(svg.querySelectorAll("rect.box").length);
    if (current.hot) hot(current.hot, true);
  });
  img.src = url;
  fig.replaceChildren(img, svg);
}
function hot(key, on) {
  const m = current && current.boxes.find((x) => x.key === key);
  current.hot = on ? key : null;
  if (!m) return;
  if (on && m.prov.page !== current.page) { showPage(m.prov.page); return; }
  document.querySelectorAll('#overlay rect[data-key="' + CSS.escape(key) + '"]').forEach((r) => {
    r.classList.toggle("hot", on);
    if (on && r.scrollIntoView) r.scrollIntoView({ block: "nearest", inline: "nearest" });
  });
}
function hoverable(e, key) {
  e.dataset.key = key;
  e.addEventListener("mouseenter", () => hot(key, true));
  e.addEventListener("mouseleave", () => hot(key, false));
}

// ---- one plan: fields, warnings, revisions -------------------------------------------------
function confClass(c) { return c == null ? "c-none" : c <= 0.5 ? "c-low" : c < 0.85 ? "c-mid" : "c-high"; }
const RULE_NAMES = { review: "người duyệt" };
function fieldRow(f, unsure, p) {
  const key = "f:" + f.path.replace("document.", "");
  const box = el("div", null, "fld" + (unsure ? " unsure" : "") + (f.rule === "review" ? " reviewed" : ""));
  box.dataset.path = f.path;
  const top = el("div", null, "top");
  const id = "v-" + f.path.replace(/\\./g, "-");
  const lab = el("label", f.label); lab.htmlFor = id;
  const b = el("b"); b.append(lab);
  top.append(b, el("span", f.confidence == null ? "—" : f.confidence.toFixed(2), "conf " + confClass(f.confidence)));
  if (f.rule) top.append(el("span", RULE_NAMES[f.rule] || f.rule, "rule"));
  if (unsure) top.append(el("span", unsure, "why"));
  const c = el("label", null, "confirm"); const cb = el("input"); cb.type = "checkbox"; cb.dataset.confirm = f.path;
  c.append(cb, " Đúng"); top.append(c);
  const long = f.path === "document.title" || f.path === "document.issuer.name" || f.path === "document.issuer.parent";
  const input = el(long ? "textarea" : "input");
  if (!long) input.type = "text"; else input.rows = f.path === "document.title" ? 3 : 2;
  input.id = id; input.value = f.value == null ? "" : String(f.value); input.dataset.path = f.path;
  input.dataset.orig = input.value;
  if (f.path === "document.date") input.placeholder = "YYYY-MM-DD";
  input.addEventListener("input", () => { if (input.value !== input.dataset.orig) cb.checked = false; });
  input.addEventListener("focus", () => { document.querySelectorAll(".fld.hotf").forEach((x) => x.classList.remove("hotf")); box.classList.add("hotf"); hot(key, true); });
  input.addEventListener("blur", () => { box.classList.remove("hotf"); hot(key, false); });
  box.append(top, input);
  if (current.boxes.some((m) => m.key === key)) hoverable(box, key);
  return box;
}
function posText(pos) { return pos ? "tr. " + pos.page + (pos.line != null ? ", dòng " + (pos.line + 1) : "") + (pos.column != null ? ", cột " + pos.column : "") : "cả văn bản"; }
function revisionsList(revs) {
  const ul = el("ul", null, "revs");
  for (const r of revs) {
    const who = r.review ? r.review.reviewer + ", " + r.review.at.replace("T", " ").slice(0, 16) : "máy đọc, " + r.processedAt.replace("T", " ").slice(0, 16);
    const li = el("li", "Bản " + r.revision + (r.current ? " (hiện tại)" : "") + " — " + who);
    if (r.review) for (const c of r.review.changes) {
      const name = FIELD_LABEL[c.path] || c.path;
      li.append(el("div", c.action === "confirmed" ? "✓ " + name + ": " + (c.old ?? "(trống)") : "✎ " + name + ": " + (c.old ?? "(trống)") + " → " + (c.new ?? "(trống)")));
    }
    ul.append(li);
  }
  return ul;
}
async function show(id) {
  markSelected(id);
  const box = $("#plan");
  box.replaceChildren(el("p", "Đang tải…", "muted"));
  try {
    const [p, review, revs] = await Promise.all([api("/plans/" + id), api("/plans/" + id + "/review"), api("/plans/" + id + "/revisions")]);
    for (const f of review.fields) FIELD_LABEL[f.path] = f.label;
    current = { plan: p, review, boxes: boxesOf(p, review), page: 1, hot: null };
    const unsure = new Map(review.unsure.map((u) => [u.path, { missing: "thiếu", "low-confidence": "tin cậy thấp", "low-ocr": "OCR kém" }[u.reason]]));
    const fields = el("div", null, "fields");
    fields.append(el("h2", p.document.title || p.document.number || p.source.fileName));
    const state = el("p", (review.needsReview ? "Cần xem lại: " + (review.unsure.length ? review.unsure.length + " trường" : "xem cảnh báo") : "Không còn trường cần xem") + " · bản " + p.revision, review.needsReview ? "why" : "ok-badge");
    state.id = "state";
    fields.append(state);
    const dl = el("dl");
    for (const f of review.fields) dl.append(fieldRow(f, unsure.get(f.path), p));
    fields.append(dl);
    const save = el("div", null, "save");
    const who = el("input"); who.id = "reviewer"; who.placeholder = "Người duyệt"; who.size = 14; who.setAttribute("aria-label", "Người duyệt");
    who.value = localStorage.getItem("kehoach-reviewer") || "";
    const btn = el("button", "Lưu duyệt"); btn.type = "button"; btn.id = "save";
    btn.addEventListener("click", saveReview);
    // "all the rest is right": ticks Đúng on every field left as read that has a value (complete labels, one click)
    const all = el("button", "Đúng hết"); all.type = "button"; all.id = "confirm-rest"; all.title = "Đánh dấu Đúng mọi trường có giá trị chưa sửa";
    all.addEventListener("click", () => document.querySelectorAll(".fld").forEach((f) => {
      const i = f.querySelector("[data-path]"), c = f.querySelector("[data-confirm]");
      if (i && c && i.value.trim() !== "" && i.value === i.dataset.orig) c.checked = true;
    }));
    save.append(who, all, btn, el("span", "", "muted")); save.lastChild.id = "msg";
    fields.append(save);
    if (review.warnings.length) {
      fields.append(el("h3", "Cảnh báo (" + review.warnings.length + ")"));
      for (const w of review.warnings) fields.append(el("p", "• " + posText(w.position) + ": " + w.message, "warn"));
    }
    fields.append(el("h3", "Các bản"), revisionsList(revs.revisions));
    const links = el("p", null, "links");
    for (const [name, path] of [["Văn bản (text)", "/text"], ["Bản gốc", "/source"], ["JSON", ""]]) {
      const a = el("a", name); a.href = "/plans/" + p.id + path;
      a.addEventListener("click", (ev) => { ev.preventDefault(); openLink(a.getAttribute("href")); });
      links.append(a);
    }
    fields.append(links);
    const viewer = el("div", null, "viewer");
    const pages = el("div", null, "pages");
    for (let n = 1; n <= p.source.pageCount; n++) {
      const b = el("button", "Tr. " + n); b.type = "button"; b.dataset.page = String(n);
      b.addEventListener("click", () => showPage(n));
      pages.append(b);
    }
    const legend = el("span", null, "legend");
    for (const [name, c] of [["Trường", "#d35400"], ["Cần xem", "#c0392b"], ["Căn cứ", "#1f5fa8"], ["Chỉ tiêu", "#1e8449"], ["Nhiệm vụ", "#7d3c98"], ["Dấu, chữ ký", "#0e7c86"]]) {
      const sp = el("span"); const i = el("i"); i.style.borderColor = c; sp.append(i, name); legend.append(sp);
    }
    pages.append(legend);
    const fig = el("figure", null, "page"); fig.id = "fig";
    viewer.append(pages, fig);
    const split = el("div", null, "split");
    split.append(fields, viewer);
    box.replaceChildren(split);
    if (p.source.textOrigin === "plain-text") fig.replaceChildren(el("p", "Văn bản thuần: không có ảnh trang.", "muted"));
    else await showPage(1);
  } catch (e) { box.replaceChildren(el("p", "Lỗi: " + e.message)); }
}
async function saveReview() {
  const p = current.plan;
  const fields = {}, confirm = [];
  document.querySelectorAll(".fld [data-path]").forEach((i) => {
    if (i.value.trim() === i.dataset.orig.trim()) return;
    const v = i.value.trim();
    fields[i.dataset.path] = v === "" ? null : i.dataset.path === "document.year" && /^\\d{4}$/.test(v) ? Number(v) : v;
  });
  document.querySelectorAll("[data-confirm]:checked").forEach((c) => { if (!(c.dataset.confirm in fields)) confirm.push(c.dataset.confirm); });
  const reviewer = $("#reviewer").value.trim();
  const msg = $("#msg");
  if (!reviewer) { msg.textContent = "Nhập tên người duyệt."; $("#reviewer").focus(); return; }
  if (!Object.keys(fields).length && !confirm.length) { msg.textContent = "Chưa sửa hay xác nhận trường nào."; return; }
  localStorage.setItem("kehoach-reviewer", reviewer);
  msg.textContent = "Đang lưu…";
  try {
    const r = await api("/plans/" + p.id + "/review", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ fields, confirm, reviewer, revision: p.revision }) });
    await show(p.id);
    $("#msg").textContent = "Đã lưu bản " + r.revision + (r.needsReview ? "; còn " + r.unsure.length + " trường cần xem" : "; không còn gì cần xem");
    // the row is updated in place: the list keeps its order until the next search, so Alt+↓ goes on from here
    const tr = document.querySelector('#rows tr[data-id="' + p.id + '"] td');
    if (tr) {
      tr.querySelectorAll(".why, .ok-badge").forEach((x) => x.remove());
      tr.append(el("div", "✓ đã duyệt (bản " + r.revision + ")" + (r.needsReview ? ", còn " + r.unsure.length + " trường cần xem" : ""), r.needsReview ? "why" : "ok-badge"));
    }
  } catch (e) {
    msg.textContent = e.status === 409 ? "Văn bản đã được người khác duyệt (bản " + e.body.revision + "). Tải lại rồi duyệt tiếp." : "Lỗi: " + e.message;
  }
}
function nextUnsure() {
  const all = [...document.querySelectorAll(".fld.unsure [data-path]")];
  if (!all.length) { const m = $("#msg"); if (m) m.textContent = "Không còn trường cần xem."; return; }
  const at = all.indexOf(document.activeElement);
  all[(at + 1) % all.length].focus();
}
document.addEventListener("keydown", (ev) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
  if ((ev.altKey && ev.key === "ArrowDown") || (!typing && ev.key === "j")) { ev.preventDefault(); step(1); }
  else if ((ev.altKey && ev.key === "ArrowUp") || (!typing && ev.key === "k")) { ev.preventDefault(); step(-1); }
  else if ((ev.altKey && (ev.key === "n" || ev.key === "N" || ev.code === "KeyN")) || (!typing && ev.key === "n")) { ev.preventDefault(); nextUnsure(); }
  else if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter" && current) { ev.preventDefault(); saveReview(); }
});
$("#f").addEventListener("submit", search);
$("#needs").addEventListener("change", () => $("#f").requestSubmit());
$("#prev").addEventListener("click", () => { list.offset = Math.max(0, list.offset - PAGE_SIZE); search(); });
$("#next").addEventListener("click", () => { list.offset += PAGE_SIZE; search(); });
const init = new URLSearchParams(location.search);
for (const [k, v] of init) { const i = document.querySelector("[name=" + CSS.escape(k) + "]"); if (i) { if (i.type === "checkbox") i.checked = v === i.value; else i.value = v; } }
search();
</script>
</body>
</html>
`
