"use strict";
// The facilitator's page: every number shown comes from /api/rank and /api/group.
(() => {
  const { el, api, pct, num, status, clear, token } = PM;
  let model = null;
  const state = { method: null, weights: null, scores: {} };
  let inflight = false, pending = null, lastRanking = null;

  function scene(extra) {
    const s = { method: state.method, scores: state.scores };
    if (state.weights) s.weights = state.weights;
    return Object.assign(s, extra || {});
  }

  // One request at a time; while one runs, only the latest change waits.
  function rank(extra) {
    pending = scene(extra);
    if (!inflight) pump();
  }
  async function pump() {
    if (!pending) return;
    const s = pending; pending = null; inflight = true;
    try {
      const r = await api("/api/rank", s);
      state.weights = r.weights;
      show(r);
      status("");
    } catch (e) {
      status(e.message, true);
    } finally {
      inflight = false;
      if (pending) pump();
    }
  }

  function buildControls() {
    document.getElementById("title").textContent = model.title;
    document.title = model.title + " — pmatrix";
    const m = document.getElementById("method");
    clear(m);
    for (const name of model.methods) m.appendChild(el("option", { value: name, selected: name === model.method }, name));
    m.onchange = () => { state.method = m.value; rank(); };
    const sliders = document.getElementById("sliders");
    clear(sliders);
    for (const c of model.criteria) {
      const box = el("div", { class: "slider", "data-criterion": c.id });
      const label = el("div", { class: "label" });
      label.appendChild(el("span", {}, c.name));
      label.appendChild(el("span", { class: "value", id: "w-" + c.id }));
      box.appendChild(label);
      const track = el("div", { class: "track" });
      track.appendChild(el("div", { class: "band", id: "band-" + c.id }));
      const input = el("input", { type: "range", min: 0, max: 1000, step: 1, id: "slider-" + c.id, "aria-label": "weight of " + c.name });
      input.addEventListener("input", () => rank({ set_weight: { criterion: c.id, weight: Number(input.value) / 1000 } }));
      track.appendChild(input);
      box.appendChild(track);
      box.appendChild(el("div", { class: "interval", id: "int-" + c.id }));
      sliders.appendChild(box);
    }
    for (const id of ["points-from", "points-to"]) {
      const s = document.getElementById(id);
      clear(s);
      model.criteria.forEach((c, k) => s.appendChild(el("option", { value: c.id, selected: id === "points-to" && k === 1 }, c.name)));
    }
    document.getElementById("mode").onchange = (e) => {
      document.getElementById("points").hidden = e.target.value !== "points";
    };
    document.getElementById("points-go").onclick = () => {
      const from = document.getElementById("points-from").value, to = document.getElementById("points-to").value;
      const points = Number(document.getElementById("points-n").value);
      rank({ move_points: { from, to, points } });
    };
    document.getElementById("reset").onclick = () => {
      state.method = model.method; state.weights = null; state.scores = {};
      document.getElementById("method").value = model.method;
      buildMatrix();
      rank();
    };
    document.getElementById("save").onclick = async () => {
      try {
        const r = await api("/api/save", { scene: scene() });
        status("Saved as " + r.name + " (beside the model; nothing was overwritten).");
      } catch (e) { status(e.message, true); }
    };
    document.getElementById("report").onclick = async () => {
      status("Writing the report…");
      try {
        const r = await api("/api/report", scene());
        window.open(r.url + (token ? "?token=" + encodeURIComponent(token) : ""), "_blank", "noopener");
        status("The report opened in a new tab.");
      } catch (e) { status(e.message, true); }
    };
    const jl = document.getElementById("join-link");
    jl.textContent = model.join_path ? location.origin + model.join_path : "(the link the server printed)";
  }

  function levelPicker(c, value, onchange) {
    const s = el("select", { "aria-label": c.name });
    for (const l of c.scale.levels) s.appendChild(el("option", { value: l, selected: l === value }, l));
    s.onchange = () => onchange(s.value);
    return s;
  }
  function numberInput(c, value, onchange) {
    const i = el("input", { type: "number", value: value, step: "any", "aria-label": c.name });
    if (c.range) { i.min = c.range[0]; i.max = c.range[1]; }
    i.onchange = () => { if (i.value !== "" && isFinite(Number(i.value))) onchange(Number(i.value)); };
    return i;
  }
  function control(c, value, onchange) {
    return c.scale ? levelPicker(c, value, onchange) : numberInput(c, value, onchange);
  }

  function buildMatrix() {
    const t = document.getElementById("matrix");
    clear(t);
    const head = el("tr");
    head.appendChild(el("th", {}, "Alternative"));
    for (const c of model.criteria) {
      const th = el("th", {}, c.name);
      th.appendChild(el("span", { class: "dir" }, c.direction === "cost" ? "less is better" : "more is better"));
      head.appendChild(th);
    }
    t.appendChild(head);
    for (const a of model.alternatives) {
      const tr = el("tr");
      tr.appendChild(el("th", {}, a.name));
      for (const c of model.criteria) {
        const td = el("td", { "data-alt": a.id, "data-criterion": c.id });
        const current = (state.scores[a.id] && state.scores[a.id][c.id] !== undefined) ? state.scores[a.id][c.id] : a.scores[c.id];
        const set = (v) => {
          state.scores[a.id] = state.scores[a.id] || {};
          state.scores[a.id][c.id] = v;
          td.classList.add("changed");
          rank();
        };
        if (!model.scores_editable) {
          td.textContent = Array.isArray(current) ? current.join(" to ") : String(current);
        } else if (Array.isArray(current)) {
          let lo = current[0], hi = current[1];
          td.appendChild(control(c, lo, (v) => { lo = v; set([lo, hi]); }));
          td.appendChild(document.createTextNode(" to "));
          td.appendChild(control(c, hi, (v) => { hi = v; set([lo, hi]); }));
        } else {
          td.appendChild(control(c, current, set));
        }
        tr.appendChild(td);
      }
      t.appendChild(tr);
    }
    document.getElementById("matrix-note").textContent = model.scores_editable
      ? "Change a score to see what it does; an uncertain score is an interval (its midpoint is used)."
      : "This model reads its scores from a data file: they are shown, not edited.";
  }

  function show(r) {
    lastRanking = r.ranking;
    for (const c of model.criteria) {
      const w = r.weights[c.id];
      document.getElementById("slider-" + c.id).value = Math.round(w * 1000);
      document.getElementById("w-" + c.id).textContent = pct(w);
    }
    const st = r.stability || {};
    const byId = {};
    for (const c of st.criteria || []) byId[c.id] = c;
    for (const c of model.criteria) {
      const band = document.getElementById("band-" + c.id), text = document.getElementById("int-" + c.id);
      const s = byId[c.id];
      if (s) {
        const [lo, hi] = s.winner_interval;
        band.style.left = (100 * lo) + "%";
        band.style.width = Math.max(0.5, 100 * (hi - lo)) + "%";
        band.hidden = false;
        text.textContent = "winner stays first from " + pct(lo) + " to " + pct(hi);
      } else {
        band.hidden = true;
        text.textContent = "";
      }
    }
    const list = document.getElementById("ranking");
    clear(list);
    const scores = r.ranking.alternatives.map((a) => a.score);
    const hi = Math.max(...scores), lo = Math.min(0, ...scores);
    const desc = r.ranking.score_order !== "ascending";
    for (const a of r.ranking.alternatives) {
      const li = el("li", { class: a.rank === 1 ? "first" : null, "data-id": a.id });
      li.appendChild(el("span", { class: "rank" }, a.rank));
      li.appendChild(el("span", { class: "name" }, a.name));
      li.appendChild(el("span", { class: "score" }, num(a.score)));
      const share = hi > lo ? (a.score - lo) / (hi - lo) : 1;
      const bar = el("span", { class: "bar" });
      bar.style.width = (100 * (desc ? share : 1 - share + 0.02)) + "%";
      li.appendChild(bar);
      list.appendChild(li);
    }
    document.getElementById("explanation").textContent = (r.explanation || []).join(" ");
    document.getElementById("stability").textContent = st.summary || st.error || "";
    const ru = r.runner_up;
    document.getElementById("runner-up").textContent = !ru ? "Every alternative is tied for first." : (ru.sentence || ru.error || "");
    for (const td of document.querySelectorAll("#matrix td")) {
      const v = r.scores[td.dataset.alt] && r.scores[td.dataset.alt][td.dataset.criterion];
      td.title = v === undefined ? "" : "score: " + (Array.isArray(v) ? v.join(" to ") : v);
    }
  }

  function showGroup(g) {
    document.getElementById("group-count").textContent = g.participants;
    const box = document.getElementById("group");
    clear(box);
    if (!g.participants) { box.appendChild(el("p", { class: "hint" }, "No submissions yet.")); return; }
    if (g.error) { box.appendChild(el("p", { class: "dissent" }, g.error)); return; }
    const grid = el("div", { class: "group-grid" });
    const wt = el("table");
    wt.appendChild(el("caption", {}, "Group weights (mean)"));
    for (const c of model.criteria) {
      const tr = el("tr");
      tr.appendChild(el("td", {}, c.name));
      tr.appendChild(el("td", { class: "num" }, pct(g.weights[c.id])));
      wt.appendChild(tr);
    }
    grid.appendChild(wt);
    const rt = el("table", { id: "group-ranking" });
    rt.appendChild(el("caption", {}, "Group ranking, and how many put each first"));
    const names = {};
    for (const a of model.alternatives) names[a.id] = a.name;
    const firsts = {};
    for (const a of g.alternatives) firsts[a.id] = a.first;
    g.ranking.forEach((id, k) => {
      const tr = el("tr");
      tr.appendChild(el("td", {}, (k + 1) + ". " + names[id]));
      tr.appendChild(el("td", { class: "num" }, firsts[id] + " first"));
      rt.appendChild(tr);
    });
    grid.appendChild(rt);
    const d = el("div");
    d.appendChild(el("h3", {}, "Where the room disagrees"));
    if (g.dissent && g.dissent.length) for (const s of g.dissent) d.appendChild(el("p", { class: "dissent" }, s));
    else d.appendChild(el("p", {}, "Everyone puts the same alternative first."));
    if (typeof g.kendall_w === "number") d.appendChild(el("p", { class: "hint" }, "Agreement on the whole ranking (Kendall's W): " + g.kendall_w.toFixed(2)));
    grid.appendChild(d);
    box.appendChild(grid);
  }

  function listen() {
    const es = new EventSource("/api/events" + (token ? "?token=" + encodeURIComponent(token) : ""));
    es.addEventListener("group", (e) => { try { showGroup(JSON.parse(e.data)); } catch (_) { /* a broken event is skipped */ } });
  }

  async function start() {
    try {
      model = await api("/api/model");
      state.method = model.method;
      buildControls();
      buildMatrix();
      rank();
      listen();
    } catch (e) { status(e.message, true); }
  }
  start();
})();
