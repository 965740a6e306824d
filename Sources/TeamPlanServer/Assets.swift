/// The page's own style and script: served from the binary, nothing from elsewhere.
enum Assets {
    static let css = """
    :root { --ink: #1d2430; --muted: #5b6472; --line: #d5dae1; --accent: #1f5f8b; --bad: #a12622; --ok: #2d6a2e; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
    header { background: #f3f5f8; border-bottom: 1px solid var(--line); }
    nav { max-width: 72rem; margin: 0 auto; padding: .6rem 1rem; display: flex; justify-content: space-between; }
    nav a { color: var(--accent); text-decoration: none; }
    nav a.home { font-weight: 700; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus { outline: 3px solid #f2b134; outline-offset: 2px; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
    pre { background: #f7f8fa; border: 1px solid var(--line); padding: .75rem; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; }
    .muted { color: var(--muted); }
    .problem, li.error { color: var(--bad); }
    li.warning { color: #8a5a00; }
    .ok { color: var(--ok); }
    form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
    label { display: block; font-size: .9rem; color: var(--muted); flex-basis: 100%; }
    input { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; width: 10rem; }
    button { font: inherit; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
    button[disabled] { opacity: .5; cursor: default; }
    button.secondary { background: #fff; color: var(--accent); }
    form.inline { display: inline-flex; margin: 0 .4rem 0 0; }
    form.inline button { padding: .2rem .6rem; font-size: .9rem; }
    select { font: inherit; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; }
    .pinned { color: var(--ok); font-weight: 600; }
    #saved { background: #eef7ee; border: 1px solid #bcdcbc; padding: .5rem .75rem; border-radius: 4px; }
    li.gone { color: var(--bad); }
    li.new { color: var(--ok); }
    dl.progress { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.5rem; }
    dl.progress dt { color: var(--muted); }
    dl.progress dd { margin: 0; font-variant-numeric: tabular-nums; }
    iframe#report { width: 100%; height: 80vh; border: 1px solid var(--line); }
    @media print {
      header, form, button, #downloads, iframe { display: none; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
    }
    """

    /// The job page's live progress (server-sent events) and its Stop button.
    static let js = """
    "use strict";
    (function () {
      const job = document.getElementById("job");
      if (!job) return;
      const id = job.dataset.job;
      const words = Object.fromEntries(job.dataset.words.split(";").map(function (p) { return p.split("="); }));
      const lang = document.documentElement.lang;
      const number = function (x, digits) {
        return x == null ? "" : x.toLocaleString(lang === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: digits });
      };
      const set = function (key, text) { const e = document.getElementById(key); if (e) e.textContent = text; };
      const stop = document.getElementById("stop");
      const show = function (s) {
        const state = document.getElementById("state");
        state.dataset.state = s.state;
        state.textContent = words[s.state] || s.state;
        set("place", s.place == null ? "–" : String(s.place));
        set("elapsed", number(s.seconds, 1) + " s");
        set("objective", number(s.objective, 2));
        set("bound", number(s.bound, 2));
        set("gap", s.mipGap == null ? "" : number(s.mipGap * 100, 2) + " %");
        set("message", s.message || "");
        const over = ["done", "failed", "stopped", "cancelled"].indexOf(s.state) >= 0;
        if (over) stop.disabled = true;
        if (s.plan) window.location.assign(s.plan);
      };
      let over = false;
      const events = new EventSource("/job/" + id + "/events");
      events.addEventListener("snapshot", function (e) {
        const s = JSON.parse(e.data);
        show(s);
        if (["done", "failed", "stopped", "cancelled"].indexOf(s.state) >= 0) { over = true; events.close(); }
      });
      events.onerror = function () { if (over) events.close(); };
      stop.addEventListener("click", function () {
        stop.disabled = true;
        fetch("/job/" + id + "/stop", { method: "POST", credentials: "same-origin" });
      });
    })();
    """
}
