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
    .scroll { overflow-x: auto; }
    table.grid td { padding: 0; }
    table.grid input { width: auto; border: 1px solid transparent; border-radius: 0; }
    table.grid input.error { border: 2px solid var(--bad); background: #fdecea; }
    td.row-actions { white-space: nowrap; padding: 0 .3rem; }
    td.row-actions button { padding: .1rem .4rem; font-size: .8rem; margin-right: .2rem; }
    textarea { width: 100%; font: .85rem/1.4 ui-monospace, monospace; border: 1px solid var(--line); padding: .5rem; }
    ul.errors li { color: var(--bad); cursor: pointer; }
    table.grid td.pickable { white-space: nowrap; }
    td button.pick { padding: .1rem .35rem; font-size: .8rem; margin: 0 .2rem; }
    .picker { border: 1px solid var(--line); background: #f7f8fa; padding: .5rem .75rem; margin: .5rem 0; border-radius: 4px; }
    .picker p { margin: 0 0 .4rem; font-weight: 600; }
    .picker label.option { display: inline-flex; align-items: center; gap: .3rem; flex-basis: auto; margin: 0 1rem .3rem 0; color: var(--ink); font-size: 1rem; }
    .picker input[type=checkbox] { width: auto; }
    .picker .period { display: flex; gap: .5rem; align-items: center; margin-bottom: .3rem; }
    .picker .period input { width: 11rem; }
    .picker .actions { margin-top: .4rem; display: flex; gap: .5rem; flex-wrap: wrap; }
    .picker button { padding: .2rem .7rem; font-size: .9rem; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
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
        set("steps", s.steps == null ? "–" : (s.stepsDone || 0) + " / " + s.steps);
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

    // The scenario editor: each change checked by the server's reader, errors at their cells.
    (function () {
      const editor = document.getElementById("editor");
      if (!editor) return;
      const words = Object.fromEntries(editor.dataset.words.split(";").map(function (p) { return p.split("="); }));
      const status = document.getElementById("status");
      const yaml = document.getElementById("yaml");
      const scalars = function (s) { return Array.from(s).length; };
      const quote = function (v, sep) {
        return (v.indexOf(sep) >= 0 || v.indexOf('"') >= 0 || v.indexOf("\\n") >= 0) ? '"' + v.replace(/"/g, '""') + '"' : v;
      };
      // Each grid as CSV text, with where each cell starts (line, column), as the reader counts.
      const serialise = function (grid) {
        const sep = grid.dataset.separator;
        const header = Array.from(grid.querySelectorAll("thead th")).slice(0, -1).map(function (th) { return th.textContent; });
        const lines = [header.map(function (h) { return quote(h, sep); }).join(sep)];
        const places = [];
        Array.from(grid.querySelectorAll("tbody tr")).forEach(function (tr, r) {
          let column = 1;
          const cells = Array.from(tr.querySelectorAll("input")).map(function (input) {
            const text = quote(input.value, sep);
            places.push({ input: input, line: r + 2, column: column });
            column += scalars(text) + 1;
            return text;
          });
          lines.push(cells.join(sep));
        });
        return { text: lines.join("\\n") + "\\n", places: places };
      };
      const draft = function () {
        // Only the tables changed here are sent: the others stay byte for byte as they are.
        const grids = Array.from(document.querySelectorAll("table.grid")).filter(function (g) { return g.dataset.dirty === "1"; });
        const tables = grids.map(function (g) { const s = serialise(g); return { name: g.dataset.table, text: s.text, version: g.dataset.version, places: s.places, grid: g }; });
        return { body: { yaml: yaml.value, yamlVersion: yaml.dataset.version,
                         tables: tables.map(function (t) { return { name: t.name, text: t.text, version: t.version }; }) },
                 tables: tables };
      };
      const show = function (answer, d) {
        document.querySelectorAll("input.error").forEach(function (i) { i.classList.remove("error"); i.removeAttribute("aria-invalid"); i.removeAttribute("title"); });
        document.querySelectorAll("ul.errors").forEach(function (u) { u.textContent = ""; });
        const file = editor.dataset.file;
        answer.problems.forEach(function (p) {
          const item = document.createElement("li");
          item.className = p.severity;
          const table = d.tables.find(function (t) { return p.file === t.name || p.file.endsWith("/" + t.name); });
          if (table) {
            const cells = table.places.filter(function (c) { return c.line === p.line && c.column <= (p.column || 1); });
            const cell = cells[cells.length - 1];
            item.textContent = words.row + " " + p.line + ": " + p.message;
            if (cell) {
              cell.input.classList.add("error");
              cell.input.setAttribute("aria-invalid", "true");
              cell.input.title = p.message;
              item.addEventListener("click", function () { cell.input.focus(); });
            }
            table.grid.closest("section").querySelector("ul.errors").appendChild(item);
          } else {
            item.textContent = (p.line ? words.line + " " + p.line + ": " : "") + p.message;
            if (p.line) item.addEventListener("click", function () {
              const lines = yaml.value.split("\\n");
              const start = lines.slice(0, p.line - 1).join("\\n").length + (p.line > 1 ? 1 : 0);
              yaml.focus();
              yaml.setSelectionRange(start, start + (lines[p.line - 1] || "").length);
            });
            document.getElementById("yaml-errors").appendChild(item);
          }
        });
        document.getElementById("capacity").textContent = answer.capacity || "";
        status.textContent = answer.refusal ? words.failed + " " + answer.refusal
          : answer.errors > 0 ? answer.errors + " " + words.errors : (answer.versions ? words.saved : words.ok);
      };
      const send = function (url) {
        const d = draft();
        status.textContent = words.checking;
        return fetch(url, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
                            body: JSON.stringify(d.body) })
          .then(function (r) { return r.json(); })
          .then(function (answer) {
            show(answer, d);
            if (answer.versions) {
              yaml.dataset.version = answer.versions.yaml;
              d.tables.forEach(function (t) { if (answer.versions[t.name]) t.grid.dataset.version = answer.versions[t.name]; });
            }
            return answer;
          });
      };
      let timer = null;
      const changed = function () { clearTimeout(timer); timer = setTimeout(function () { send(editor.dataset.check); }, 300); };
      const dirty = function (element) { const g = element && element.closest("section") && element.closest("section").querySelector("table.grid"); if (g) g.dataset.dirty = "1"; };
      editor.addEventListener("input", function (e) { dirty(e.target); changed(); });
      document.getElementById("save").addEventListener("click", function () { clearTimeout(timer); send(editor.dataset.save); });
      const undoArea = document.getElementById("undo-area");
      // Pickers: slots and skills as boxes to tick, leave as periods with date
      // pickers; each writes the cell's text (items joined by |) as typed would.
      const picks = JSON.parse(editor.dataset.picks || "{}");
      let picker = null;
      const make = function (tag, props) { const e = document.createElement(tag); Object.assign(e, props || {}); return e; };
      const items = function (v) { return v.split("|").map(function (x) { return x.trim(); }).filter(function (x) { return x !== ""; }); };
      const closePicker = function (focus) {
        if (!picker) return;
        const input = picker.cell;
        picker.remove();
        picker = null;
        if (focus && input.isConnected) input.focus();
      };
      const setCell = function (input, value) {
        if (input.value === value) return;
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      };
      const openPicker = function (button) {
        closePicker(false);
        const input = button.previousElementSibling;
        const kind = button.dataset.pick;
        const panel = make("div", { id: "picker", className: "picker" });
        panel.cell = input;
        panel.setAttribute("role", "group");
        panel.setAttribute("aria-label", words[kind] + ": " + input.getAttribute("aria-label"));
        panel.appendChild(make("p", { textContent: words[kind] + ": " + input.getAttribute("aria-label") }));
        const actions = make("div", { className: "actions" });
        if (kind === "dates") {
          const list = make("div");
          const compose = function () {
            setCell(input, Array.from(list.children).map(function (row) {
              const d = row.querySelectorAll("input");
              return d[0].value ? d[0].value + ".." + (d[1].value || d[0].value) : "";
            }).filter(function (x) { return x !== ""; }).join("|"));
          };
          const period = function (from, to) {
            const row = make("div", { className: "period" });
            const a = make("input", { type: "date", value: from || "" }), b = make("input", { type: "date", value: to || "" });
            a.setAttribute("aria-label", words.from);
            b.setAttribute("aria-label", words.to);
            a.addEventListener("change", function () { if (!b.value || b.value < a.value) b.value = a.value; compose(); });
            b.addEventListener("change", compose);
            const remove = make("button", { type: "button", className: "secondary", textContent: words.remove });
            remove.addEventListener("click", function () { row.remove(); compose(); });
            row.append(make("span", { textContent: words.from }), a, make("span", { textContent: words.to }), b, remove);
            list.appendChild(row);
            return a;
          };
          items(input.value).forEach(function (p) { const d = p.split(".."); period(d[0].trim(), (d[1] || d[0]).trim()); });
          panel.appendChild(list);
          const more = make("button", { type: "button", className: "secondary", textContent: words.period });
          more.addEventListener("click", function () { period("", "").focus(); });
          actions.appendChild(more);
        } else {
          const chosen = items(input.value);
          const options = (kind === "slots" ? picks.slots : picks.skills) || [];
          const boxes = make("div");
          const compose = function () {
            setCell(input, Array.from(boxes.querySelectorAll("input:checked")).map(function (b) { return b.value; }).join("|"));
          };
          const option = function (value, checked) {
            const box = make("input", { type: "checkbox", value: value, checked: checked });
            box.addEventListener("change", compose);
            const label = make("label", { className: "option" });
            label.append(box, value);
            boxes.appendChild(label);
            return box;
          };
          options.forEach(function (o) { option(o, chosen.indexOf(o) >= 0); });
          chosen.filter(function (c) { return options.indexOf(c) < 0; }).forEach(function (c) { option(c, true); });
          panel.appendChild(boxes);
          if (kind === "skills") {
            const other = make("input", { type: "text" });
            other.setAttribute("aria-label", words.other);
            const add = make("button", { type: "button", className: "secondary", textContent: words.add });
            const adding = function () {
              const v = other.value.trim().replace(/[|]/g, "");
              if (v && !Array.from(boxes.querySelectorAll("input")).some(function (b) { return b.value === v; })) { option(v, true); compose(); }
              other.value = "";
              other.focus();
            };
            add.addEventListener("click", adding);
            other.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); adding(); } });
            actions.append(other, add);
          }
        }
        const done = make("button", { type: "button", textContent: words.done });
        done.addEventListener("click", function () { closePicker(true); });
        actions.appendChild(done);
        panel.appendChild(actions);
        // The panel's own controls are not cells: only the cell's input event counts.
        panel.addEventListener("input", function (e) { if (e.target !== input) e.stopPropagation(); });
        panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); closePicker(true); } });
        button.closest(".scroll").after(panel);
        picker = panel;
        const first = panel.querySelector("input, button");
        if (first) first.focus();
      };
      editor.addEventListener("click", function (e) {
        const button = e.target.closest("button");
        if (!button || button.id === "save" || button.closest("#picker")) return;
        if (button.classList.contains("pick")) { openPicker(button); return; }
        dirty(button);
        const tr = button.closest("tr");
        if (button.classList.contains("copy")) {
          const copy = tr.cloneNode(true);
          tr.after(copy);
          copy.querySelector("input").focus();
          changed();
        } else if (button.classList.contains("delete")) {
          const body = tr.parentNode, next = tr.nextSibling;
          tr.remove();
          undoArea.textContent = "";
          const undo = document.createElement("button");
          undo.type = "button";
          undo.className = "secondary";
          undo.id = "undo";
          undo.textContent = words.undo;
          undo.addEventListener("click", function () { body.insertBefore(tr, next); undoArea.textContent = ""; changed(); });
          undoArea.appendChild(undo);
          changed();
        } else if (button.classList.contains("add")) {
          const grid = button.closest("section").querySelector("table.grid tbody");
          const last = grid.querySelector("tr:last-child");
          if (!last) return;
          const row = last.cloneNode(true);
          row.querySelectorAll("input").forEach(function (i) { i.value = ""; });
          grid.appendChild(row);
          row.querySelector("input").focus();
          changed();
        }
      });
      send(editor.dataset.check);
    })();
    """
}
