/**
 * The read-only web page served at `/`: search box, filters, results, one plan's fields.
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
  main { display: grid; grid-template-columns: minmax(20rem, 1fr) minmax(20rem, 1.2fr); gap: 1rem; padding: 1rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
  tbody tr { cursor: pointer; } tbody tr:hover, tbody tr.sel { background: #fff3d6; }
  .snip { color: #666; font-size: .85em; }
  #plan { background: #fff; padding: .8rem 1rem; border: 1px solid #ddd; min-height: 10rem; }
  #plan dt { font-weight: 600; margin-top: .4rem; } #plan dd { margin: 0 0 .2rem 0; }
  #plan h3 { margin: 1rem 0 .3rem; font-size: 1rem; }
  #status { color: #555; padding: 0 1rem; }
  .muted { color: #777; }
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
async function show(id, tr) {
  document.querySelectorAll("tbody tr.sel").forEach((x) => x.classList.remove("sel"));
  if (tr) tr.classList.add("sel");
  const box = $("#plan");
  box.replaceChildren(el("p", "Đang tải…", "muted"));
  try {
    const p = await api("/plans/" + encodeURIComponent(id));
    const d = p.document;
    const dl = el("dl");
    const row = (k, v) => { dl.append(el("dt", k), el("dd", v == null || v === "" ? "—" : v)); };
    row("Loại", [d.type.name, d.type.code && "(" + d.type.code + ")"].filter(Boolean).join(" "));
    row("Số", d.number); row("Ngày", d.date); row("Nơi ban hành", d.place);
    row("Cơ quan ban hành", d.issuer.name); row("Cơ quan cấp trên", d.issuer.parent);
    row("Trích yếu", d.title);
    row("Người ký", d.signer && [d.signer.authority, d.signer.position, d.signer.name].filter(Boolean).join(" — "));
    row("Cần xem lại", p.quality.needsReview ? "có" : "không");
    box.replaceChildren(el("h2", d.title || d.number || p.id), dl);
    const list = (title, items, fmt) => {
      if (!items.length) return;
      box.append(el("h3", title + " (" + items.length + ")"));
      const ul = el("ul");
      for (const it of items) ul.append(el("li", fmt(it)));
      box.append(ul);
    };
    list("Căn cứ", p.legalBases, (b) => b.text + "  [tr. " + b.prov.page + "]");
    list("Chỉ tiêu", p.targets, (t) => t.text + (t.deadline ? " — " + t.deadline : "") + "  [tr. " + t.prov.page + "]");
    list("Nhiệm vụ", p.tasks, (t) => (t.id ? t.id + ". " : "") + t.content + (t.lead ? " — chủ trì: " + t.lead : ""));
    const links = el("p");
    const a1 = el("a", "Văn bản (text)"); a1.href = "/plans/" + p.id + "/text";
    const a2 = el("a", "Bản gốc"); a2.href = "/plans/" + p.id + "/source";
    const a3 = el("a", "JSON"); a3.href = "/plans/" + p.id;
    links.append(a1, " · ", a2, " · ", a3);
    box.append(links);
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
