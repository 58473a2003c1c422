"use strict";
// Shared by both pages. Every text from the server goes in through textContent.
const PM = (() => {
  const parts = location.pathname.split("/").filter(Boolean);
  const token = parts.length === 2 && (parts[0] === "join" || parts[0] === "facilitator") ? parts[1] : null;
  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v; else e.setAttribute(k, v === true ? "" : String(v));
    }
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  async function api(path, body) {
    const headers = {};
    if (token) headers["X-Pmatrix-Token"] = token;
    const init = { headers, cache: "no-store" };
    if (body !== undefined) {
      init.method = "POST";
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const r = await fetch(path, init);
    let data;
    try { data = await r.json(); } catch (_) { data = { error: "the server sent no JSON (" + r.status + ")" }; }
    if (!r.ok) throw new Error(data.error || ("HTTP " + r.status));
    return data;
  }
  function pct(w) { return (100 * w).toFixed(1) + "%"; }
  function num(x) {
    if (typeof x !== "number") return String(x);
    const a = Math.abs(x);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(3) : String(Number(x.toPrecision(4)));
  }
  function status(text, error) {
    const s = document.getElementById("status");
    s.textContent = text || "";
    s.className = "status" + (error ? " error" : "");
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  return { token, el, api, pct, num, status, clear };
})();
