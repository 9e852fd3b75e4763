/**
 * The read-only web page served at `/`: search box, filters, results, one plan's fields next to its
 * page image (GET /plans/:id/pages/:n.png) with the provenance boxes drawn in an SVG overlay.
 * No build step, no external assets (CSP: self only); data is put in the DOM with textContent only.
 */
export const PAGE_HTML = /* html */ `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kehoach — kế hoạch đã trích xuất</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #f6f6f4; }
  header { background: #7a1f1f; color: #fff; padding: .6rem 1rem; display: flex; gap: 1rem; align-items: baseline; }
  header h1 { font-size: 1.1rem; margin: 0; }
  form { display: flex; flex-wrap: wrap; gap: .5rem; padding: .8rem 1rem; background: #fff; border-bottom: 1px solid #ddd; }
  input, select, button { font: inherit; padding: .3rem .5rem; }
  #q { flex: 1 1 22rem; }
  main { display: grid; grid-template-columns: minmax(18rem, .8fr) minmax(30rem, 2fr); gap: 1rem; padding: 1rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
  tbody tr { cursor: pointer; } tbody tr:hover, tbody tr.sel { background: #fff3d6; }
  .snip { color: #666; font-size: .85em; }
  #plan { background: #fff; padding: .8rem 1rem; border: 1px solid #ddd; min-height: 10rem; }
  #plan dt { font-weight: 600; margin-top: .4rem; } #plan dd { margin: 0 0 .2rem 0; }
  #plan h3 { margin: 1rem 0 .3rem; font-size: 1rem; }
  #status { color: #555; padding: 0 1rem; }
  .muted { color: #777; }
  .split { display: grid; grid-template-columns: minmax(16rem, 1fr) minmax(18rem, 1.3fr); gap: 1rem; align-items: start; }
  .viewer { position: sticky; top: .5rem; }
  .pages { display: flex; flex-wrap: wrap; gap: .3rem; margin-bottom: .4rem; }
  .pages button.on { background: #7a1f1f; color: #fff; }
  figure.page { position: relative; margin: 0; border: 1px solid #ccc; background: #fff; line-height: 0; }
  figure.page img { width: 100%; height: auto; display: block; }
  figure.page svg { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
  svg rect { fill: none; vector-effect: non-scaling-stroke; }
  svg rect.line { stroke: #9ab; stroke-width: .5; opacity: .45; }
  svg rect.box { stroke-width: 2; fill-opacity: .12; }
  svg rect.k-field { stroke: #d35400; fill: #f39c12; } svg rect.k-basis { stroke: #1f5fa8; fill: #3498db; }
  svg rect.k-target { stroke: #1e8449; fill: #2ecc71; } svg rect.k-task { stroke: #7d3c98; fill: #af7ac5; }
  svg rect.hot { stroke-width: 4; fill-opacity: .35; }
  [data-key] { cursor: default; } [data-key]:hover { background: #fff3d6; }
  .legend span { display: inline-block; margin-right: .8rem; font-size: .85em; }
  .legend i { display: inline-block; width: .8em; height: .8em; margin-right: .25em; border: 2px solid; vertical-align: -1px; }
  @media (max-width: 80rem) { .split { grid-template-columns: 1fr; } }
  @media (max-width: 60rem) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header><h1>kehoach</h1><span>Tìm kế hoạch — có dấu hay không dấu đều được</span></header>
<form id="f" role="search">
  <input id="q" name="q" placeholder="ke hoach giam ngheo…" aria-label="Tìm" maxlength="500">
  <input name="issuer" placeholder="Cơ quan ban hành" aria-label="Cơ quan ban hành" maxlength="200">
  <input name="type" placeholder="Loại (KH, CTr…)" size="10" aria-label="Loại" maxlength="100">
  <input name="year" placeholder="Năm" size="5" inputmode="numeric" aria-label="Năm" maxlength="4">
  <input name="cites" placeholder="Căn cứ số (27/2022/NĐ-CP)" aria-label="Văn bản được trích dẫn" maxlength="100">
  <button type="submit">Tìm</button>
</form>
<p id="status" role="status"></p>
<main>
  <section><table><thead><tr><th>Ngày</th><th>Số</th><th>Cơ quan</th><th>Trích yếu</th></tr></thead><tbody id="rows"></tbody></table></section>
  <section id="plan" aria-live="polite"><p class="muted">Chọn một kế hoạch để xem chi tiết.</p></section>
</main>
<script>
"use strict";
const $ = (s) => document.querySelector(s);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = String(text); if (cls) e.className = cls; return e; };
async function api(path) {
  const headers = {};
  const t = sessionStorage.getItem("kehoach-token");
  if (t) headers.Authorization = "Bearer " + t;
  const r = await fetch(path, { headers });
  if (r.status === 401) {
    const t2 = prompt("Mã truy cập (KEHOACH_TOKEN):");
    if (t2) { sessionStorage.setItem("kehoach-token", t2); return api(path); }
  }
  const body = await r.json();
  if (!r.ok) throw new Error(body.message || r.statusText);
  return body;
}
async function search(ev) {
  if (ev) ev.preventDefault();
  const fd = new FormData($("#f"));
  const p = new URLSearchParams();
  for (const [k, v] of fd) if (String(v).trim()) p.set(k, String(v).trim());
  const q = p.get("q");
  const path = q ? "/search?" + p : "/plans?" + p;
  $("#status").textContent = "Đang tìm…";
  try {
    const r = await api(path);
    $("#status").textContent = r.total + " kết quả";
    const tb = $("#rows");
    tb.replaceChildren();
    for (const it of r.items) {
      const tr = el("tr");
      tr.dataset.id = it.id;
      tr.append(el("td", it.date || "—"), el("td", it.number || "—"), el("td", it.issuer || "—"));
      const td = el("td", it.title || "(không có trích yếu)");
      if (it.snippet) td.append(el("div", it.snippet, "snip"));
      tr.append(td);
      tr.addEventListener("click", () => show(it.id, tr));
      tb.append(tr);
    }
    history.replaceState(null, "", "?" + p);
  } catch (e) { $("#status").textContent = "Lỗi: " + e.message; }
}
const SVGNS = "http://www.w3.org/2000/svg";
let objectUrl = null;
// A box of an item: its own prov.box, else the union of its lines' boxes on that page.
function provBox(p, prov) {
  if (!prov) return null;
  if (prov.box) return prov.box;
  const pt = p.text.pages.find((x) => x.page === prov.page);
  if (!pt || !pt.lineBoxes) return null;
  let b = null;
  for (let i = prov.lines[0]; i <= prov.lines[1]; i++) {
    const l = pt.lineBoxes[i];
    if (!l) continue;
    b = b ? [Math.min(b[0], l[0]), Math.min(b[1], l[1]), Math.max(b[2], l[2]), Math.max(b[3], l[3])] : l.slice();
  }
  return b;
}
const FIELD_NAMES = { "type.name": "Loại", "type.code": "Loại", number: "Số", date: "Ngày", year: "Năm", place: "Nơi ban hành",
  "issuer.name": "Cơ quan ban hành", "issuer.parent": "Cơ quan cấp trên", title: "Trích yếu", signer: "Người ký",
  "signer.name": "Người ký", "signer.position": "Chức vụ", "signer.authority": "Thẩm quyền ký", recipients: "Nơi nhận" };
// Everything that has a place on a page: header fields, legal bases, targets, tasks.
function marks(p) {
  const out = [];
  for (const [k, t] of Object.entries(p.document.fields || {})) out.push({ key: "f:" + k, kind: "field", label: FIELD_NAMES[k] || k, prov: t.prov });
  p.legalBases.forEach((b, i) => out.push({ key: "b:" + i, kind: "basis", label: "Căn cứ " + (i + 1), prov: b.prov }));
  p.targets.forEach((t, i) => out.push({ key: "t:" + i, kind: "target", label: "Chỉ tiêu " + (i + 1), prov: t.prov }));
  p.tasks.forEach((t, i) => out.push({ key: "k:" + i, kind: "task", label: "Nhiệm vụ " + (t.id || i + 1), prov: t.prov }));
  for (const m of out) m.box = provBox(p, m.prov);
  return out.filter((m) => m.prov && m.box);
}
let current = null;
async function showPage(n) {
  const { plan: p, marks: ms } = current;
  current.page = n;
  document.querySelectorAll(".pages button").forEach((b) => b.classList.toggle("on", Number(b.dataset.page) === n));
  const fig = $("#fig");
  fig.replaceChildren(el("p", "Đang tải trang " + n + "…", "muted"));
  const pt = p.text.pages.find((x) => x.page === n) || {};
  let url;
  try {
    const headers = {};
    const t = sessionStorage.getItem("kehoach-token");
    if (t) headers.Authorization = "Bearer " + t;
    const r = await fetch("/plans/" + p.id + "/pages/" + n + ".png", { headers });
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
    for (const m of ms) if (m.prov.page === n) rect(m.box, "box k-" + m.kind, m.key, m.label);
    fig.dataset.boxes = String(svg.querySelectorAll("rect.box").length);
  });
  img.src = url;
  fig.replaceChildren(img, svg);
}
function hot(key, on) {
  const m = current && current.marks.find((x) => x.key === key);
  if (!m) return;
  if (on && m.prov.page !== current.page) { showPage(m.prov.page); return; }
  document.querySelectorAll('#overlay rect[data-key="' + CSS.escape(key) + '"]').forEach((r) => r.classList.toggle("hot", on));
}
async function show(id, tr) {
  document.querySelectorAll("tbody tr.sel").forEach((x) => x.classList.remove("sel"));
  if (tr) tr.classList.add("sel");
  const box = $("#plan");
  box.replaceChildren(el("p", "Đang tải…", "muted"));
  try {
    const p = await api("/plans/" + encodeURIComponent(id));
    const ms = marks(p);
    current = { plan: p, marks: ms, page: 1 };
    const d = p.document;
    const fields = el("div", null, "fields");
    const dl = el("dl");
    const row = (k, v, ...keys) => {
      const dt = el("dt", k), dd = el("dd", v == null || v === "" ? "—" : v);
      const key = keys.map((x) => "f:" + x).find((x) => ms.some((m) => m.key === x));
      if (key) for (const e of [dt, dd]) {
        e.dataset.key = key;
        e.addEventListener("mouseenter", () => hot(key, true));
        e.addEventListener("mouseleave", () => hot(key, false));
      }
      dl.append(dt, dd);
    };
    row("Loại", [d.type.name, d.type.code && "(" + d.type.code + ")"].filter(Boolean).join(" "), "type.name", "type.code");
    row("Số", d.number, "number"); row("Ngày", d.date, "date", "year"); row("Nơi ban hành", d.place, "place");
    row("Cơ quan ban hành", d.issuer.name, "issuer.name"); row("Cơ quan cấp trên", d.issuer.parent, "issuer.parent");
    row("Trích yếu", d.title, "title");
    row("Người ký", d.signer && [d.signer.authority, d.signer.position, d.signer.name].filter(Boolean).join(" — "), "signer.name", "signer", "signer.position");
    row("Cần xem lại", p.quality.needsReview ? "có" : "không");
    row("Phiên bản", p.revision);
    fields.append(el("h2", d.title || d.number || p.id), dl);
    const list = (title, items, prefix, fmt) => {
      if (!items.length) return;
      fields.append(el("h3", title + " (" + items.length + ")"));
      const ul = el("ul");
      items.forEach((it, i) => {
        const li = el("li", fmt(it));
        const key = prefix + i;
        if (ms.some((m) => m.key === key)) {
          li.dataset.key = key;
          li.addEventListener("mouseenter", () => hot(key, true));
          li.addEventListener("mouseleave", () => hot(key, false));
        }
        ul.append(li);
      });
      fields.append(ul);
    };
    list("Căn cứ", p.legalBases, "b:", (b) => b.text + "  [tr. " + b.prov.page + "]");
    list("Chỉ tiêu", p.targets, "t:", (t) => t.text + (t.deadline ? " — " + t.deadline : "") + "  [tr. " + t.prov.page + "]");
    list("Nhiệm vụ", p.tasks, "k:", (t) => (t.id ? t.id + ". " : "") + t.content + (t.lead ? " — chủ trì: " + t.lead : ""));
    const links = el("p");
    const a1 = el("a", "Văn bản (text)"); a1.href = "/plans/" + p.id + "/text";
    const a2 = el("a", "Bản gốc"); a2.href = "/plans/" + p.id + "/source";
    const a3 = el("a", "JSON"); a3.href = "/plans/" + p.id;
    links.append(a1, " · ", a2, " · ", a3);
    fields.append(links);
    const viewer = el("div", null, "viewer");
    const pages = el("div", null, "pages");
    for (let n = 1; n <= p.source.pageCount; n++) {
      const b = el("button", "Tr. " + n);
      b.type = "button"; b.dataset.page = String(n);
      b.addEventListener("click", () => showPage(n));
      pages.append(b);
    }
    const legend = el("p", null, "legend");
    for (const [k, name, c] of [["field", "Trường", "#d35400"], ["basis", "Căn cứ", "#1f5fa8"], ["target", "Chỉ tiêu", "#1e8449"], ["task", "Nhiệm vụ", "#7d3c98"]]) {
      const sp = el("span"); const i = el("i"); i.style.borderColor = c; sp.append(i, name); legend.append(sp);
    }
    const fig = el("figure", null, "page"); fig.id = "fig";
    viewer.append(pages, legend, fig);
    const split = el("div", null, "split");
    split.append(fields, viewer);
    box.replaceChildren(split);
    if (p.source.textOrigin === "plain-text") fig.replaceChildren(el("p", "Văn bản thuần: không có ảnh trang.", "muted"));
    else await showPage(1);
  } catch (e) { box.replaceChildren(el("p", "Lỗi: " + e.message)); }
}
$("#f").addEventListener("submit", search);
const init = new URLSearchParams(location.search);
for (const [k, v] of init) { const i = document.querySelector("[name=" + CSS.escape(k) + "]"); if (i) i.value = v; }
search();
</script>
</body>
</html>
`
