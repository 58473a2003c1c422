"use strict";
// The participant's page: a name, 100 points or an order of the criteria, their own ranking
// (from /api/preview), submit.
(() => {
  const { el, api, pct, num, status, clear } = PM;
  let model = null, me = null, how = "points", points = {}, order = [], timer = null;

  function allocation() {
    return how === "points" ? { points: Object.assign({}, points) } : { order: order.slice() };
  }

  function buildPoints() {
    const box = document.getElementById("allocation");
    clear(box);
    for (const c of model.criteria) {
      const row = el("div", { class: "alloc" });
      row.appendChild(el("label", { for: "p-" + c.id }, c.name));
      const n = el("input", { type: "number", min: 0, max: 100, step: 1, id: "p-" + c.id, value: points[c.id] });
      const r = el("input", { type: "range", min: 0, max: 100, step: 1, value: points[c.id], "aria-label": c.name });
      const set = (v) => { points[c.id] = Math.max(0, Math.min(100, Number(v) || 0)); n.value = points[c.id]; r.value = points[c.id]; changed(); };
      n.oninput = () => set(n.value);
      r.oninput = () => set(r.value);
      row.appendChild(n);
      row.appendChild(r);
      box.appendChild(row);
    }
  }

  function buildOrder() {
    const box = document.getElementById("allocation");
    clear(box);
    const list = el("ol", { class: "order" });
    order.forEach((id, k) => {
      const c = model.criteria.find((x) => x.id === id);
      const li = el("li");
      li.appendChild(el("span", {}, c.name));
      const btns = el("span");
      const up = el("button", { type: "button", "aria-label": "up", disabled: k === 0 }, "▲");
      const down = el("button", { type: "button", "aria-label": "down", disabled: k === order.length - 1 }, "▼");
      up.onclick = () => { [order[k - 1], order[k]] = [order[k], order[k - 1]]; buildOrder(); changed(); };
      down.onclick = () => { [order[k + 1], order[k]] = [order[k], order[k + 1]]; buildOrder(); changed(); };
      btns.appendChild(up); btns.appendChild(down);
      li.appendChild(btns);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function changed() {
    const t = document.getElementById("total");
    if (how === "points") {
      const total = Object.values(points).reduce((a, b) => a + b, 0);
      t.textContent = "Points given: " + total + " of 100";
      t.className = "total" + (total === 100 ? "" : " off");
    } else {
      t.textContent = "Most important first.";
      t.className = "total";
    }
    clearTimeout(timer);
    timer = setTimeout(preview, 120);
  }

  async function preview() {
    try {
      const r = await api("/api/preview", allocation());
      const list = document.getElementById("own-ranking");
      clear(list);
      for (const a of r.ranking.alternatives) {
        const li = el("li", { class: a.rank === 1 ? "first" : null });
        li.appendChild(el("span", { class: "rank" }, a.rank));
        li.appendChild(el("span", { class: "name" }, a.name));
        li.appendChild(el("span", { class: "score" }, num(a.score)));
        list.appendChild(li);
      }
      status("");
    } catch (e) { status(e.message, true); }
  }

  async function join() {
    try {
      const name = document.getElementById("name").value;
      const group = document.getElementById("group").value;
      me = await api("/api/join", { name, group: group || null });
      me.groupName = group || null;
      document.getElementById("join-step").hidden = true;
      document.getElementById("weights-step").hidden = false;
      document.getElementById("hello").textContent = "Your weights, " + me.name;
      if (me.previous_points) model.criteria.forEach((c, k) => { points[c.id] = me.previous_points[k]; });
      buildPoints();
      changed();
      status("");
    } catch (e) { status(e.message, true); }
  }

  async function submit() {
    if (how === "points") {
      const total = Object.values(points).reduce((a, b) => a + b, 0);
      if (total !== 100) { status("Share exactly 100 points (now " + total + ").", true); return; }
    }
    try {
      const r = await api("/api/submit", Object.assign({ key: me.key, group: me.groupName }, allocation()));
      status(r.revision > 1 ? "Revised (your submission no. " + r.revision + " counts)." : "Submitted. You can change your weights and submit again: the last one counts.");
    } catch (e) { status(e.message, true); }
  }

  async function start() {
    try {
      model = await api("/api/model");
      document.getElementById("title").textContent = model.title;
      const even = Math.floor(100 / model.criteria.length);
      model.criteria.forEach((c, k) => { points[c.id] = even + (k < 100 - even * model.criteria.length ? 1 : 0); });
      order = model.criteria.map((c) => c.id);
      document.getElementById("join").onclick = join;
      document.getElementById("name").onkeydown = (e) => { if (e.key === "Enter") join(); };
      document.getElementById("submit").onclick = submit;
      for (const r of document.querySelectorAll("input[name=how]")) r.onchange = () => {
        how = r.value;
        if (how === "points") buildPoints(); else buildOrder();
        changed();
      };
    } catch (e) { status(e.message, true); }
  }
  start();
  void pct;
})();
