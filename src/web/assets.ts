// The pages' only style sheet and script, served as files (/style.css, /sort.js): the Content-Security-
// Policy allows no inline style or script. Light and dark follow the reader's system (prefers-color-scheme);
// the layout is one column that a phone reads without zooming, the wide tables scroll on their own.

export const styleCss = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0a58ca;--head:#f6f8fa;--warn:#9a6700;
--s0:#0072b2;--s1:#d55e00;--s2:#009e73;--s3:#cc79a7;--s4:#e69f00;--s5:#56b4e9}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--accent:#6cb6ff;--head:#161b22;--warn:#d29922;
--s0:#56b4e9;--s1:#ff8c42;--s2:#3fd0a0;--s3:#f0a0d0;--s4:#f5c242;--s5:#a0d8ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
header.site,footer.site{border-bottom:1px solid var(--line);padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
footer.site{border-top:1px solid var(--line);border-bottom:0;color:var(--muted);font-size:.9rem;margin-top:2rem}
header.site .brand{font-weight:700;text-decoration:none;color:var(--fg)}
header.site nav{display:flex;gap:1rem;flex-wrap:wrap}
form.search{display:flex;gap:.4rem;margin-left:auto}
form.search input{font:inherit;padding:.3rem .5rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);width:12rem;max-width:50vw}
form.search button,th button{font:inherit}
form.search button{padding:.3rem .7rem;border:1px solid var(--line);border-radius:6px;background:var(--head);color:var(--fg)}
main{max-width:72rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.6rem;line-height:1.25;margin:1.2rem 0 .4rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
.muted,.note{color:var(--muted)}
.note.warning,.note.error{color:var(--warn)}
nav.days,nav.toc{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.95rem}
.table{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:var(--head);white-space:nowrap}
td.num,th[data-type=number]{text-align:right}
td.title{min-width:16rem}
td.wide[data-sort]{white-space:nowrap}
th button{background:none;border:0;color:inherit;font-weight:700;cursor:pointer;padding:0}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
figure.chart{margin:1rem 0}
svg.chart{width:100%;height:auto;max-height:28rem}
svg.chart .grid{stroke:var(--line);stroke-width:1}
svg.chart .axis{stroke:var(--muted);stroke-width:1}
svg.chart text{fill:var(--muted);font-size:12px}
svg.chart .label{fill:var(--fg);font-size:13px}
svg.chart .line{stroke-width:2.5}
svg.chart .line.rising{stroke-width:4}
.s0{stroke:var(--s0);fill:var(--s0)}.s1{stroke:var(--s1);fill:var(--s1)}.s2{stroke:var(--s2);fill:var(--s2)}
.s3{stroke:var(--s3);fill:var(--s3)}.s4{stroke:var(--s4);fill:var(--s4)}.s5{stroke:var(--s5);fill:var(--s5)}
svg.chart polyline.line{fill:none}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.9rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;margin-right:.35rem;vertical-align:-.1rem}
.swatch.s0{background:var(--s0)}.swatch.s1{background:var(--s1)}.swatch.s2{background:var(--s2)}.swatch.s3{background:var(--s3)}.swatch.s4{background:var(--s4)}.swatch.s5{background:var(--s5)}
figcaption{color:var(--muted);font-size:.9rem}
ol.hits{padding-left:1.2rem}ol.hits li{margin:.6rem 0}
ul.months{list-style:none;padding:0}ul.days{padding-left:1.2rem}
mark{background:#fff3b0;color:#1b1f24}
@media (max-width:640px){.wide{display:none}td.title{min-width:11rem}svg.chart text{font-size:17px}svg.chart .label{font-size:20px}svg.chart .line{stroke-width:4}form.search{margin-left:0;width:100%}form.search input{flex:1;width:auto;max-width:none}h1{font-size:1.3rem}}
@media print{header.site,footer.site,form.search{display:none}}
`;

/**
 * Click a column's header to sort its table (again: the other way); the order a reader chose is said to
 * screen readers through aria-sort. Without the script the tables keep the report's order.
 */
export const sortJs = `"use strict";
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.querySelectorAll("thead th");
  heads.forEach(function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var numeric = th.dataset.type === "number";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var cell = row.cells[column];
        var value = cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : "";
        return numeric ? parseFloat(value) || 0 : value.toLowerCase();
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
`;

export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0a58ca"/><path d="M3 12l3-4 3 2 4-6" stroke="#fff" stroke-width="2" fill="none"/></svg>`;
