// The plain-JavaScript baseline: fetch once, keep lower-case copies for search and sort, filter and
// sort when the search or sort changes, slice for a page change, redraw only the rows of the page.
const token = new URLSearchParams(location.hash.slice(1)).get("token");
const state = { search: "", sort: "created", dir: -1, page: 1, size: 10 };
let keys = [];
let order = [];

const $ = (id) => document.getElementById(id);
const rowsEl = $("rows");

function refilter() {
  const needle = state.search;
  const idx = [];
  for (let i = 0; i < keys.length; i++) {
    if (!needle || keys[i].nameLower.includes(needle) || keys[i].idLower.includes(needle)) idx.push(i);
  }
  const field = state.sort === "name" ? "nameLower" : state.sort === "status" ? "status" : "created_at";
  const dir = state.dir;
  idx.sort((a, b) => {
    const x = keys[a][field], y = keys[b][field];
    return x < y ? -dir : x > y ? dir : a - b;
  });
  order = idx;
}

function cell(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

function row(k) {
  const tr = document.createElement("tr");
  tr.dataset.testid = "key-row";
  const check = cell("td", "uk-table__check");
  const box = cell("input", "uk-check");
  box.type = "checkbox";
  box.setAttribute("aria-label", `Select ${k.name}`);
  check.append(box);
  const name = cell("th", "uk-table__name", k.name);
  name.scope = "row";
  const id = cell("td", "uk-table__id");
  id.dataset.label = "Access Key";
  const wrap = cell("div", "uk-idcell");
  const copy = cell("button", "uk-btn uk-btn--copy");
  copy.type = "button";
  copy.setAttribute("aria-label", `Copy access key ID of ${k.name}`);
  copy.append(cell("span", "uk-copy__icon"), cell("span", "uk-copy__text", "Copy"));
  wrap.append(cell("code", "uk-id", k.accesskey), copy);
  id.append(wrap);
  const status = cell("td", "uk-table__status");
  status.dataset.testid = "key-status";
  const st = cell("span", "uk-status");
  st.append(cell("span", `uk-dot uk-dot--${k.status === "Active" ? "active" : "suspended"}`), k.status);
  status.append(st);
  const date = cell("td", "uk-table__date", k.created_at);
  const actions = cell("td", "uk-table__actions");
  const menu = cell("button", "uk-menu__button", "⋯");
  menu.type = "button";
  menu.setAttribute("aria-label", `Actions for ${k.name}`);
  actions.append(menu);
  tr.append(check, name, id, status, date, actions);
  return tr;
}

function windowOf(page, pages) {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const out = [];
  let last = 0;
  for (const n of shown) {
    if (n - last === 2) out.push(n - 1);
    else if (n - last > 2) out.push("…");
    out.push(n);
    last = n;
  }
  return out;
}

function draw() {
  const pages = Math.max(1, Math.ceil(order.length / state.size));
  state.page = Math.min(Math.max(1, state.page), pages);
  const start = (state.page - 1) * state.size;
  const frag = document.createDocumentFragment();
  for (const i of order.slice(start, start + state.size)) frag.append(row(keys[i]));
  rowsEl.replaceChildren(frag);
  const shown = Math.min(state.size, order.length - start);
  $("summary").textContent = order.length ? `Showing ${start + 1}–${start + shown} of ${order.length}` : "No keys to show";
  const items = windowOf(state.page, pages).map((n) => {
    const li = document.createElement("li");
    if (n === "…") {
      li.className = "uk-pagination__gap";
      li.textContent = "…";
    } else {
      const b = cell("button", "uk-pagination__page" + (n === state.page ? " uk-pagination__page--current" : ""), String(n));
      b.type = "button";
      b.dataset.page = n;
      li.append(b);
    }
    return li;
  });
  $("pages").replaceChildren(...items);
  $("prev").disabled = state.page <= 1;
  $("next").disabled = state.page >= pages;
}

$("search").addEventListener("input", (e) => {
  state.search = e.target.value.trim().toLowerCase();
  state.page = 1;
  refilter();
  draw();
});
document.querySelector("thead").addEventListener("click", (e) => {
  const b = e.target.closest("button[data-sort]");
  if (!b) return;
  const sort = b.dataset.sort;
  state.dir = state.sort === sort ? -state.dir : sort === "created" ? -1 : 1;
  state.sort = sort;
  state.page = 1;
  refilter();
  draw();
});
$("size").addEventListener("change", (e) => {
  state.size = Number(e.target.value);
  state.page = 1;
  draw();
});
$("prev").addEventListener("click", () => {
  state.page--;
  draw();
});
$("next").addEventListener("click", () => {
  state.page++;
  draw();
});
$("pages").addEventListener("click", (e) => {
  const b = e.target.closest("button[data-page]");
  if (!b) return;
  state.page = Number(b.dataset.page);
  draw();
});

const res = await fetch("/v2/objectstorage/innoida/accesskeys", { headers: { Authorization: `Bearer ${token}` } });
const text = await res.text();
const list = JSON.parse(text.slice(text.indexOf("{"))).accesskeys ?? [];
keys = list.map((k) => ({ ...k, nameLower: k.name.toLowerCase(), idLower: k.accesskey.toLowerCase() }));
refilter();
draw();
document.body.dataset.ready = "1";
