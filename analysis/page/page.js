// teachsim interactive page: reads the summaries embedded in #ts-data (written by analysis/page.py)
// and draws every panel as hand-written SVG and tables, so the page needs no library and no network.
// The whole page is redrawn from the state `S` on every change: the data are summaries, a few
// thousand numbers per view, so a full redraw takes milliseconds and no view can go stale.
(function () {
  "use strict";
  var P = JSON.parse(document.getElementById("ts-data").textContent);
  var D = P.data;
  var COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
  var T = {
    en: {
      title: "Teacher workforce: interactive results", scenarios_h: "Scenarios and what they change",
      scenarios_pick: "Scenarios", region: "County", indicator: "Indicator", level: "Level", subject: "Subject",
      year: "Year (map, tables)", fan_h: "Fan chart: median, 25–75 % and 5–95 % of replications",
      fan_note: "Bands: the middle 50 % and 90 % of the replications; line: the median.",
      diff_h: "Paired difference against the reference", map_h: "Map of the counties",
      targets_h: "Targets and their probabilities",
      targets_note: "Probability: share of the replications meeting the target; interval: 95 % Wilson score interval.",
      failure_h: "Why counties fail the quality-balance assessment", costs_h: "Costs, cumulative from the first year",
      schools_h: "Schools", level_all: "all levels", primary: "primary", junior: "junior", nine_year: "nine-year",
      urban: "urban", town: "town", rural: "rural",
      g_staffing: "Staffing", g_flows: "Flows", g_age: "Age", g_quality: "Quality balance", g_targeted: "Targeted teachers",
      g_costs: "Costs", g_subjects: "By subject",
      year_h: "Year", scenario: "Scenario", median: "median", band90: "5–95 %", band50: "25–75 %", mean: "mean",
      reference: "reference", csv: "Download CSV", target: "Target", definition: "Definition", probability: "Probability",
      interval_lo: "95 % interval, lower", interval_hi: "95 % interval, upper", met_of: "met / evaluated", no_contrast: "Pick a scenario other than the reference to see its difference.",
      diff_note: "Scenario minus the reference {ref} in the same replication (common random numbers): mean and 5–95 %.",
      changes: "Changes against the reference {ref}:", no_changes: "Same keys as the reference.",
      is_reference: "This is the reference scenario.", change_words: "{key}: {ref} in the reference, {val} here",
      more: "and {n} more", reason: "Reason", share: "share",
      failure_note: "{s}, {year}: mean over replications. For a county, the probability it fails for that reason; for ALL, the mean number of counties failing for it (shares of schools stay shares).",
      f_qb_fails_cv_qualified: "Difference coefficient of qualified teachers over its limit",
      f_qb_fails_cv_backbone: "Difference coefficient of backbone teachers over its limit",
      f_qb_fails_cv_pe_art: "Difference coefficient of PE/art teachers over its limit",
      f_qb_fails_school_rule: "At least one scored school misses the school rule",
      f_qb_schools_missing_qualified: "Share of scored schools below the qualified-teacher threshold",
      f_qb_schools_missing_backbone: "Share of scored schools below the backbone threshold",
      f_qb_schools_missing_pe_art: "Share of scored schools below the PE/art threshold",
      f_qb_failing_missing_qualified: "Among failing schools: share below the qualified-teacher threshold",
      f_qb_failing_missing_backbone: "Among failing schools: share below the backbone threshold",
      f_qb_failing_missing_pe_art: "Among failing schools: share below the PE/art threshold",
      f_qb_fails_rotation: "Rotation condition not met",
      costs_note: "Median and 5–95 % over replications of the costs summed from {first} to {year}, {region}.",
      item: "Item", c_cost_pay: "Pay", c_cost_rural_allowance: "Rural allowance",
      c_cost_targeted_study_provincial: "Targeted study (provincial)", c_cost_targeted_study_municipal: "Targeted study (municipal)",
      c_cost_recruitment: "Recruitment", c_cost_standby_training: "Standby training", c_cost_rotation_allowance: "Rotation allowance",
      c_cost_total: "Total", c_cost_county: "Paid by the county", c_cost_city: "Paid by the city", c_cost_province: "Paid by the province",
      schools_note: "{n} schools of {region}, scenario {s}, {year}. Click a column header to sort.",
      s_name: "School", s_level: "Level", s_locality: "Locality", s_pupils: "Pupils at start", s_scored: "Scored",
      s_rule: "P(meets school rule)", s_reps: "Scored replications", s_qualified: "Qualified per 100", s_backbone: "Backbone per 100",
      s_pe_art: "PE/art per 100", s_most: "Most missed", s_miss_qualified: "Missing qualified", s_miss_backbone: "Missing backbone",
      s_miss_pe_art: "Missing PE/art", qualified: "qualified", backbone: "backbone", pe_art: "PE/art", yes: "yes", no: "no",
      map_note: "{ind}, median in {year}, scenario {s}. Click a county to pick it.", county: "County", value: "Value",
      size: "This page: {total} (embedded data {data}); it holds summaries over {r} replications (5, 25, 50, 75, 95 % points and means, {d} significant digits), not the replications.",
      file: "File", caption: "{n} replications · base seed {seed} · teachsim {v} · run {c}", none: "–",
      no_data: "No data for this choice.", by_subject: " (by subject)", family_fan_h: "Fan chart: median and 5–95 % of replications",
      schools_years: "The page holds the schools of {list}; another year shows the nearest before it.",
      family_note: "By subject: the band is the middle 90 % of the replications; line: the median.", values: "Values (table)", targets_line: "Targets: {list}",
      studies_h: "Studies in this file",
      studies_note: "What teachsim attribute, sensitivity or optimise found, written with -o beside the run; the report draws their charts."
    },
    zh: {
      title: "教师队伍模拟：交互式结果", scenarios_h: "方案及其改动",
      scenarios_pick: "方案", region: "县市区", indicator: "指标", level: "学段", subject: "学科",
      year: "年份（地图、表格）", fan_h: "扇形图：各次模拟的中位数、25–75 % 与 5–95 % 区间",
      fan_note: "色带：中间 50 % 与 90 % 的模拟结果；线：中位数。",
      diff_h: "与参照方案的配对差值", map_h: "县市区示意图", targets_h: "目标及其达成概率",
      targets_note: "概率：达成目标的模拟次数所占比例；区间：95 % Wilson 置信区间。",
      failure_h: "县市区未通过优质均衡评估的原因", costs_h: "成本（自首年起累计）", schools_h: "学校",
      level_all: "全部学段", primary: "小学", junior: "初中", nine_year: "九年一贯制",
      urban: "城区", town: "镇区", rural: "乡村",
      g_staffing: "编制与岗位", g_flows: "流动", g_age: "年龄", g_quality: "优质均衡", g_targeted: "公费定向师范生",
      g_costs: "成本", g_subjects: "分学科",
      year_h: "年份", scenario: "方案", median: "中位数", band90: "5–95 %", band50: "25–75 %", mean: "均值",
      reference: "参照", csv: "下载 CSV", target: "目标", definition: "定义", probability: "概率",
      interval_lo: "95 % 区间下限", interval_hi: "95 % 区间上限", met_of: "达成 / 评估次数", no_contrast: "请选择参照方案以外的方案以查看差值。",
      diff_note: "本方案减去参照方案 {ref}（同一次模拟，共用随机数）：均值与 5–95 %。",
      changes: "相对参照方案 {ref} 的改动：", no_changes: "与参照方案的参数相同。",
      is_reference: "这是参照方案。", change_words: "{key}：参照方案为 {ref}，本方案为 {val}",
      more: "另有 {n} 项", reason: "原因", share: "比例",
      failure_note: "{s}，{year} 年：各次模拟的均值。单个县市区为因该原因未通过的概率；全部为因该原因未通过的县市区个数的均值（学校比例仍为比例）。",
      f_qb_fails_cv_qualified: "高于规定学历教师差异系数超标",
      f_qb_fails_cv_backbone: "骨干教师差异系数超标",
      f_qb_fails_cv_pe_art: "音体美教师差异系数超标",
      f_qb_fails_school_rule: "有学校未达到学校标准",
      f_qb_schools_missing_qualified: "高于规定学历教师数未达标的学校占比",
      f_qb_schools_missing_backbone: "骨干教师数未达标的学校占比",
      f_qb_schools_missing_pe_art: "音体美专任教师数未达标的学校占比",
      f_qb_failing_missing_qualified: "未达标学校中高于规定学历教师数未达标的占比",
      f_qb_failing_missing_backbone: "未达标学校中骨干教师数未达标的占比",
      f_qb_failing_missing_pe_art: "未达标学校中音体美专任教师数未达标的占比",
      f_qb_fails_rotation: "交流轮岗条件未达标",
      costs_note: "{first} 年至 {year} 年累计成本在各次模拟中的中位数与 5–95 %，{region}。",
      item: "项目", c_cost_pay: "工资", c_cost_rural_allowance: "乡村教师补贴",
      c_cost_targeted_study_provincial: "公费定向培养（省级）", c_cost_targeted_study_municipal: "公费定向培养（市级）",
      c_cost_recruitment: "招聘", c_cost_standby_training: "待岗培训", c_cost_rotation_allowance: "交流轮岗补贴",
      c_cost_total: "合计", c_cost_county: "县级承担", c_cost_city: "市级承担", c_cost_province: "省级承担",
      schools_note: "{region}共 {n} 所学校，方案 {s}，{year} 年。点击列标题排序。",
      s_name: "学校", s_level: "学段", s_locality: "城乡类别", s_pupils: "初始学生数", s_scored: "参评",
      s_rule: "达到学校标准的概率", s_reps: "参评模拟次数", s_qualified: "每百名学生拥有高于规定学历教师数", s_backbone: "每百名学生拥有县级以上骨干教师数",
      s_pe_art: "每百名学生拥有音体美专任教师数", s_most: "最常未达项", s_miss_qualified: "高于规定学历教师数未达标比例", s_miss_backbone: "骨干教师数未达标比例",
      s_miss_pe_art: "音体美专任教师数未达标比例", qualified: "高于规定学历教师", backbone: "骨干教师", pe_art: "音体美专任教师", yes: "是", no: "否",
      map_note: "{ind}，{year} 年中位数，方案 {s}。点击县市区即可选中。", county: "县市区", value: "数值",
      size: "本页大小 {total}（其中嵌入数据 {data}）；只含 {r} 次模拟的汇总（5、25、50、75、95 % 分位数与均值，保留 {d} 位有效数字），不含逐次结果。",
      file: "文件", caption: "{n} 次模拟 · 基础随机种子 {seed} · teachsim {v} · 运行于 {c}", none: "–",
      no_data: "此选项没有数据。", by_subject: "（分学科）", family_fan_h: "扇形图：各次模拟的中位数与 5–95 % 区间",
      schools_years: "本页只含 {list} 年的学校数据，其他年份显示此前最近一年。",
      family_note: "分学科指标：色带为中间 90 % 的模拟结果；线：中位数。", values: "数值表", targets_line: "目标：{list}",
      studies_h: "本文件中的分析",
      studies_note: "teachsim attribute、sensitivity 或 optimise 以 -o 写入本文件的结论；图表见报告。"
    }
  };
  var FAILURES = ["qb_fails_cv_qualified", "qb_fails_cv_backbone", "qb_fails_cv_pe_art", "qb_fails_school_rule",
    "qb_schools_missing_qualified", "qb_schools_missing_backbone", "qb_schools_missing_pe_art",
    "qb_failing_missing_qualified", "qb_failing_missing_backbone", "qb_failing_missing_pe_art"];
  var COSTS = ["cost_pay", "cost_rural_allowance", "cost_targeted_study_provincial", "cost_targeted_study_municipal",
    "cost_recruitment", "cost_standby_training", "cost_rotation_allowance", "cost_total", "cost_county", "cost_city",
    "cost_province"];
  var GROUPS = ["staffing", "flows", "age", "quality", "targeted", "costs", "subjects"];

  // Indicators by base name: the level selector picks among name, name_primary and name_junior.
  var BASES = {}, BASE_ORDER = [];
  D.order.forEach(function (n) {
    var m = /^(.*)_(primary|junior)$/.exec(n), base = m ? m[1] : n, lv = m ? m[2] : "";
    if (!BASES[base]) { BASES[base] = { levels: {}, group: D.meta[n].group }; BASE_ORDER.push(base); }
    BASES[base].levels[lv] = n;
  });
  var S = {
    lang: P.lang === "zh" ? "zh" : "en", scen: D.scenarios.slice(0, Math.min(2, D.scenarios.length)),
    region: "ALL", base: BASES.vacancies ? "vacancies" : BASE_ORDER[0], level: "", subject: 0,
    year: D.years[D.years.length - 1], sort: { col: null, dir: 1 }
  };
  if (!D.regions.some(function (r) { return r.code === "ALL"; })) S.region = D.regions[0].code;

  function t(k, args) {
    var s = (T[S.lang][k] !== undefined ? T[S.lang][k] : (T.en[k] !== undefined ? T.en[k] : k));
    if (args) Object.keys(args).forEach(function (a) { s = s.split("{" + a + "}").join(args[a]); });
    return s;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function clear(id) { var e = document.getElementById(id); while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function show(id, on) { document.getElementById(id).classList.toggle("hidden", !on); }

  function indicator() { var b = BASES[S.base]; return b.levels[S.level] || b.levels[Object.keys(b.levels)[0]]; }
  function meta(n) { return D.meta[n]; }
  function iname(n) { var m = meta(n); return S.lang === "zh" ? m.zh : m.en; }
  // Chinese units for files written before the writer gave units_zh (its own value wins).
  var UNITS_ZH = { teachers: "教师", posts: "岗位", pupils: "学生", yuan: "元", years: "岁", counties: "县市区",
    schools: "学校", "teachers per year": "教师/年", "pupils per teacher": "生师比", "teachers per 100 pupils": "教师/百名学生" };
  function unitText(u, zh) {
    if (u === "1") return t("share");
    if (u === "yuan") return money().u;
    if (S.lang === "zh") return zh && zh !== u ? zh : (UNITS_ZH[u] || u);
    return u;
  }
  function units(n) { var m = meta(n); return unitText(m.units, m.units_zh); }
  function regionName(code) {
    var r = D.regions.filter(function (x) { return x.code === code; })[0];
    if (!r) return code;
    return S.lang === "zh" ? r.zh : (code === "ALL" ? "ALL" : code);
  }
  function regionIndex(code) { for (var i = 0; i < D.regions.length; i++) if (D.regions[i].code === code) return i; return -1; }
  function scenIndex(s) { return D.scenarios.indexOf(s); }
  function yearIndex(y) { return D.years.indexOf(y); }
  function color(s) { return COLORS[scenIndex(s) % COLORS.length]; }
  function isFamily(n) { return n.indexOf("subjects/") === 0; }
  // English names of the writer's subject codes (the file gives the Chinese ones, subject_name_zh).
  var SUBJECT_EN = { chinese: "Chinese", maths: "Maths", english: "English", science: "Science", pe: "PE",
    music: "Music", art: "Art", other: "Other" };
  function subjectName(i) { var s = D.subjects[i]; return S.lang === "zh" ? s.zh : (SUBJECT_EN[s.code] || s.code); }

  // Five quantiles per year of indicator n for scenario s in region code g (a subject for families).
  // A family embeds only its 5 %, 50 % and 95 % points (analysis/page.py, FAMILY_QUANTILES): the
  // 25 % and 75 % are null, so its chart has the outer band and the median line only.
  function fan(n, s, g) {
    var a = D.fan[n][scenIndex(s)][regionIndex(g)];
    return isFamily(n) ? a.map(function (y) { var q = y[S.subject]; return [q[0], null, q[1], null, q[2]]; }) : a;
  }
  function diffRow(n, c, g) {
    var a = D.diff[n][c][regionIndex(g)];
    return isFamily(n) ? a.map(function (y) { return y[S.subject]; }) : a;
  }

  // Money is shown in 万元 in Chinese (as budgets are written there) and in million yuan in English;
  // the cells' data-v and the CSV files keep the file's yuan.
  function money() { return S.lang === "zh" ? { f: 1e-4, u: "万元" } : { f: 1e-6, u: "million yuan" }; }
  function fmt(v, u) {
    if (v === null || v === undefined || !isFinite(v)) return t("none");
    if (u === "1") return (v * 100).toFixed(1) + " %";
    if (u === "yuan") { v *= money().f; u = ""; }
    var a = Math.abs(v);
    var d = a >= 100 || Number.isInteger(v) ? 0 : a >= 10 ? 1 : 2;
    return v.toLocaleString(S.lang === "zh" ? "zh-CN" : "en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  }
  function bytes(n) { return (n / 1e6).toFixed(2) + " MB"; }  // MB = 10^6 bytes, as the command line prints it

  // A table from a header row and rows of cells; a cell is text or {v: number, text: shown, cls}.
  // Every table gets a CSV button that writes what the table shows (numbers unformatted).
  function table(id, name, head, rows, opts) {
    var box = clear(id), tab = el("table", { id: id + "-t" }), tr = el("tr");
    opts = opts || {};
    head.forEach(function (h, i) {
      var left = i < (opts.left || 1) || (opts.textCols || []).indexOf(i) >= 0;
      var th = el("th", { "class": (left ? "l" : "") + (opts.sortable ? " sort" : ""), "data-col": i }, h);
      if (opts.sortable && S.sort.col === i) th.classList.add(S.sort.dir > 0 ? "asc" : "desc");
      if (opts.sortable) th.addEventListener("click", function () {
        S.sort = { col: i, dir: S.sort.col === i ? -S.sort.dir : 1 }; render();
      });
      tr.appendChild(th);
    });
    tab.appendChild(tr);
    rows.forEach(function (r) {
      var row = el("tr");
      r.forEach(function (c, i) {
        var cell = typeof c === "object" && c !== null ? c : { text: c };
        var left = i < (opts.left || 1) || (opts.textCols || []).indexOf(i) >= 0;
        var td = el("td", { "class": (left ? "l " : "") + (cell.cls || "") }, cell.text);
        if (cell.v !== undefined) td.setAttribute("data-v", cell.v === null ? "" : String(cell.v));
        Object.keys(cell.data || {}).forEach(function (k) { td.setAttribute("data-" + k, cell.data[k]); });
        if (cell.bar !== undefined) { var b = el("span", { "class": "bar" }); b.style.width = Math.round(60 * Math.max(0, Math.min(1, cell.bar))) + "px"; td.insertBefore(b, td.firstChild); }
        row.appendChild(td);
      });
      tab.appendChild(row);
    });
    var btn = el("button", { type: "button", "class": "csv", id: id + "-csv" }, t("csv"));
    btn.addEventListener("click", function () { download(name, head, rows); });
    box.appendChild(btn);
    box.appendChild(tab);
  }
  function csvCell(c) {
    var cell = typeof c === "object" && c !== null ? c : { text: c };
    var s = cell.v !== undefined ? (cell.v === null ? "" : String(cell.v)) : String(cell.text === undefined ? "" : cell.text);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function download(name, head, rows) {
    // UTF-8 with a byte-order mark: Excel then opens the Chinese names correctly.
    var text = "\ufeff" + [head].concat(rows).map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), download: name + ".csv" });
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
  }
  function safe(s) { return String(s).replace(/[^A-Za-z0-9_.-]+/g, "_"); }

  // ---- charts ---------------------------------------------------------------------------------
  function ticks(lo, hi, n) {
    if (!(hi > lo)) { hi = lo + 1; lo = lo - 1; }
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / n))), err = (hi - lo) / n / step;
    step *= err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }
  // Runs of consecutive years with every needed value defined (NaN breaks a band or a line).
  function runs(rows, idx) {
    var out = [], cur = [];
    rows.forEach(function (r, i) {
      var ok = r && idx.every(function (k) { return r[k] !== null && r[k] !== undefined; });
      if (ok) cur.push(i); else if (cur.length) { out.push(cur); cur = []; }
    });
    if (cur.length) out.push(cur);
    return out;
  }
  // series: [{key, color, rows (per year), bands: [[lo, hi, opacity]], line: k}]
  function chart(id, series, u, zero, label) {
    var box = clear(id), W = 760, H = 330, m = { l: 70, r: 15, t: 12, b: 32 };
    var vals = [];
    series.forEach(function (s) { s.rows.forEach(function (r) { (r || []).forEach(function (v) { if (v !== null && isFinite(v)) vals.push(v); }); }); });
    if (zero) vals.push(0);
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "data-series": series.length });
    box.appendChild(root);
    if (!vals.length) { var tx = svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "empty" }); tx.textContent = t("no_data"); root.appendChild(tx); return; }
    var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals), pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
    lo -= pad; hi += pad;
    var ys = D.years, x = function (i) { return m.l + (W - m.l - m.r) * (ys.length > 1 ? i / (ys.length - 1) : 0.5); };
    var y = function (v) { return m.t + (H - m.t - m.b) * (1 - (v - lo) / (hi - lo)); };
    ticks(lo, hi, 6).forEach(function (v) {
      root.appendChild(svg("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), stroke: v === 0 && zero ? "#555" : "#e3e3e3" }));
      var tx = svg("text", { x: m.l - 6, y: y(v) + 4, "text-anchor": "end" }); tx.textContent = fmt(v, u); root.appendChild(tx);
    });
    var every = Math.ceil(ys.length / 12);
    ys.forEach(function (yr, i) {
      if (i % every) return;
      var tx = svg("text", { x: x(i), y: H - m.b + 18, "text-anchor": "middle" }); tx.textContent = yr; root.appendChild(tx);
    });
    root.appendChild(svg("line", { x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, stroke: "#999" }));
    series.forEach(function (s) {
      s.bands.forEach(function (b) {
        runs(s.rows, [b[0], b[1]]).forEach(function (run) {
          var pts = run.map(function (i) { return x(i) + "," + y(s.rows[i][b[1]]); })
            .concat(run.slice().reverse().map(function (i) { return x(i) + "," + y(s.rows[i][b[0]]); }));
          root.appendChild(svg("polygon", { points: pts.join(" "), fill: s.color, "fill-opacity": b[2], stroke: "none", "class": "band", "data-key": s.key }));
        });
      });
      runs(s.rows, [s.line]).forEach(function (run) {
        var d = run.map(function (i, j) { return (j ? "L" : "M") + x(i).toFixed(1) + "," + y(s.rows[i][s.line]).toFixed(1); }).join("");
        root.appendChild(svg("path", { d: d, fill: "none", stroke: s.color, "stroke-width": 2.2, "class": "median", "data-key": s.key }));
        if (run.length === 1) root.appendChild(svg("circle", { cx: x(run[0]), cy: y(s.rows[run[0]][s.line]), r: 3, fill: s.color, "class": "median" }));
      });
    });
    var yi = yearIndex(S.year);
    if (yi >= 0) root.appendChild(svg("line", { x1: x(yi), x2: x(yi), y1: m.t, y2: H - m.b, stroke: "#888", "stroke-dasharray": "3,3" }));
    var lt = svg("text", { x: m.l + 6, y: m.t + 12 }); lt.textContent = label; root.appendChild(lt);
  }

  // ---- panels ---------------------------------------------------------------------------------
  function renderFan() {
    var n = indicator(), u = meta(n).units;
    chart("fan-chart", S.scen.map(function (s) {
      return { key: s, color: color(s), rows: fan(n, s, S.region), bands: [[0, 4, 0.16], [1, 3, 0.32]], line: 2 };
    }), u, false, units(n));
    document.getElementById("fan-note").textContent = t(isFamily(n) ? "family_note" : "fan_note");
    document.getElementById("fan-h").textContent = t(isFamily(n) ? "family_fan_h" : "fan_h");
    var head = [t("year_h")], rows = [], ks = isFamily(n) ? [2, 0, 4] : [2, 0, 1, 3, 4];
    S.scen.forEach(function (s) { ks.forEach(function (k) { head.push(s + " " + (k === 2 ? t("median") : [5, 25, 50, 75, 95][k] + " %")); }); });
    D.years.forEach(function (yr, i) {
      var r = [String(yr)];
      S.scen.forEach(function (s) {
        var q = fan(n, s, S.region)[i];
        ks.forEach(function (k) { r.push({ v: q[k], text: fmt(q[k], u), data: { scenario: s, year: yr, q: [5, 25, 50, 75, 95][k] } }); });
      });
      rows.push(r);
    });
    table("fan-table", "fan-" + safe(n) + "-" + S.region, head, rows);
  }

  function contrastsShown() {
    var out = [];
    (D.contrasts || []).forEach(function (c, i) { if (S.scen.indexOf(c.scenario) >= 0) out.push({ i: i, c: c }); });
    return out;
  }
  function renderDiff() {
    var n = indicator(), has = D.contrasts && D.contrasts.length && D.diff[n];
    show("panel-diff", !!has);
    if (!has) return;
    var u = meta(n).units, cs = contrastsShown();
    document.getElementById("diff-note").textContent = cs.length ? t("diff_note", { ref: D.reference }) : t("no_contrast");
    chart("diff-chart", cs.map(function (x) {
      return { key: x.c.name, color: color(x.c.scenario), rows: diffRow(n, x.i, S.region), bands: [[1, 2, 0.22]], line: 0 };
    }), u, true, units(n));
    var head = [t("year_h")], rows = [];
    cs.forEach(function (x) { head.push(x.c.name + " " + t("mean"), x.c.name + " 5 %", x.c.name + " 95 %"); });
    D.years.forEach(function (yr, i) {
      var r = [String(yr)];
      cs.forEach(function (x) {
        var q = diffRow(n, x.i, S.region)[i];
        [0, 1, 2].forEach(function (k) { r.push({ v: q[k], text: fmt(q[k], u), data: { contrast: x.c.name, year: yr, stat: ["mean", "q05", "q95"][k] } }); });
      });
      rows.push(r);
    });
    table("diff-table", "difference-" + safe(n) + "-" + S.region, head, rows);
  }

  // A target's definition in Chinese, from the words the writer gives (sim/output/targets.c,
  // ts_targets_describe: "IND[SUBJ+SUBJ] OP VALUE in WHERE by|in|in every year to YEAR"), with the
  // file's names of the indicator, subjects and region; anything else is shown as written.
  var OPS_ZH = { ">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=" };
  function definitionZh(def) {
    var m = /^([a-z0-9_]+)(?:\[([a-z_+]+)\])? (>=|>|<=|<|==) (\S+) in (at least (\d+) counties|every county|ALL|\S+) (in every year to|by|in) (\d+)$/.exec(def || "");
    if (!m) return def;
    var md = D.meta[m[2] ? "subjects/" + m[1] : m[1]] || D.meta[m[1]];
    if (!md) return def;
    var subj = m[2] ? "（" + m[2].split("+").map(function (c) {
      var k = (D.subjects || []).map(function (x) { return x.code; }).indexOf(c);
      return k >= 0 ? D.subjects[k].zh : c;
    }).join("、") + "）" : "";
    var where = m[6] ? "至少 " + m[6] + " 个县市区" : m[5] === "every county" ? "每个县市区" : m[5] === "ALL" ? "全市" : regionName(m[5]);
    var when = m[7] === "by" ? m[8] + " 年前" : m[7] === "in" ? m[8] + " 年" : "至 " + m[8] + " 年每年";
    return when + "，" + where + "：" + md.zh + subj + " " + OPS_ZH[m[3]] + " " + m[4];
  }

  function renderTargets() {
    var tg = D.targets;
    show("panel-targets", !!tg);
    if (!tg) return;
    var rows = [];
    S.scen.forEach(function (s) {
      var si = scenIndex(s);
      tg.names.forEach(function (name, ti) {
        var p = tg.probability[si][ti], raw = tg.definition ? tg.definition[si][ti] : "";
        var def = S.lang === "zh" ? definitionZh(raw) : raw;
        if ((p === null || p === undefined) && !raw) return;
        var lo = tg.probability_lower ? tg.probability_lower[si][ti] : null, hi = tg.probability_upper ? tg.probability_upper[si][ti] : null;
        var k = tg.replications_met ? tg.replications_met[si][ti] : null, nn = tg.replications_evaluated ? tg.replications_evaluated[si][ti] : null;
        rows.push([s, name, { v: p, text: fmt(p, "1"), bar: p || 0, data: { scenario: s, target: name } },
          { v: lo, text: fmt(lo, "1") }, { v: hi, text: fmt(hi, "1") }, (k === null ? "" : k) + " / " + (nn === null ? "" : nn),
          { text: def, cls: "l" }]);
      });
    });
    table("targets-table", "targets", [t("scenario"), t("target"), t("probability"), t("interval_lo"), t("interval_hi"), t("met_of"), t("definition")], rows, { left: 2 });
  }

  function renderFailure() {
    var any = FAILURES.some(function (f) { return D.mean[f + "_primary"] || D.mean[f + "_junior"]; }) || D.mean.qb_fails_rotation;
    show("panel-failure", !!any);
    if (!any) return;
    var yi = yearIndex(S.year), gi = regionIndex(S.region), levels = S.level ? [S.level] : ["primary", "junior"];
    var head = [t("reason"), t("level")].concat(S.scen), rows = [];
    function add(name, label, lv) {
      if (!D.mean[name]) return;
      var u = meta(name).units, county = S.region !== "ALL";
      var r = [label, lv ? t(lv) : ""];
      S.scen.forEach(function (s) {
        var v = D.mean[name][scenIndex(s)][yi][gi];
        var share = u === "1" || county;  // a county's 0/1 mean is a probability
        r.push({ v: v, text: share ? fmt(v, "1") : fmt(v, ""), bar: share ? v : undefined, data: { scenario: s, name: name } });
      });
      rows.push(r);
    }
    // The file's own name (long_name_zh, in the assessment's terms), less the level the next column
    // gives; the page's label only for a file without the dataset's names.
    function label(name, f) {
      if (!meta(name) || meta(name).en === name) return t("f_" + f);
      return iname(name).replace(/（(小学|初中)）$/, "").replace(/, (primary|junior)$/, "");
    }
    levels.forEach(function (lv) { FAILURES.forEach(function (f) { add(f + "_" + lv, label(f + "_" + lv, f), lv); }); });
    add("qb_fails_rotation", label("qb_fails_rotation", "qb_fails_rotation"), "");
    document.getElementById("failure-note").textContent = t("failure_note", { year: S.year, s: regionName(S.region) });
    table("failure-table", "failure-" + S.region + "-" + S.year, head, rows, { left: 2 });
  }

  function renderCosts() {
    var have = COSTS.filter(function (c) { return D.cost_cum[c]; });
    show("panel-costs", have.length > 0);
    if (!have.length) return;
    var yi = yearIndex(S.year), gi = regionIndex(S.region), head = [t("item")], rows = [];
    S.scen.forEach(function (s) { head.push(s + " " + t("median"), s + " 5 %", s + " 95 %"); });
    have.forEach(function (c) {
      var r = [meta(c) && meta(c).en !== c ? iname(c) : t("c_" + c)];  // the file's name, as the selector's
      S.scen.forEach(function (s) {
        var q = D.cost_cum[c][scenIndex(s)][gi][yi];
        var u = meta(c) ? meta(c).units : "yuan";
        r.push({ v: q[2], text: fmt(q[2], u), data: { scenario: s, name: c } }, { v: q[0], text: fmt(q[0], u) }, { v: q[4], text: fmt(q[4], u) });
      });
      rows.push(r);
    });
    document.getElementById("costs-note").textContent = t("costs_note", { first: D.years[0], year: S.year, region: regionName(S.region) }) +
      (S.lang === "zh" ? "（" + money().u + "；CSV 文件为元）" : " (" + money().u + "; the CSV file in yuan)");
    table("costs-table", "costs-" + S.region + "-" + S.year, head, rows);
  }

  function renderSchools() {
    var sc = D.schools;
    show("panel-schools", !!sc);
    if (!sc) return;
    // The page holds the schools of a few years (analysis/page.py, school_year_indices): the nearest
    // one at or before the chosen year, else the first.
    var s = S.scen[0] || D.scenarios[0], si = scenIndex(s), sy = sc.years || D.years, yi = 0;
    sy.forEach(function (y, i) { if (y <= S.year) yi = i; });
    var year = sy[yi];
    var cols = [["s_name", "l"], ["s_level", "l"], ["s_locality", "l"], ["s_pupils"], ["s_scored", "l"], ["s_rule"], ["s_reps"],
      ["s_qualified"], ["s_backbone"], ["s_pe_art"], ["s_most", "l"]];
    var qi = sc.qb_indicator || [];
    if (sc.missing_share) qi.forEach(function (q) { cols.push(["s_miss_" + q]); });
    var rows = [];
    sc.id.forEach(function (id, k) {
      if (S.region !== "ALL" && sc.school_region && sc.school_region[k] !== S.region) return;
      function val(name) { return sc[name] ? sc[name][si][yi][k] : null; }
      var most = sc.most_missed ? ([""].concat(qi))[sc.most_missed[si][yi][k]] || "" : "";
      var r = [{ text: sc.school_name ? sc.school_name[k] : id, data: { school: id } },
        sc.school_level ? t(sc.school_level[k]) : "", sc.school_locality ? t(sc.school_locality[k]) : "",
        { v: sc.school_pupils_start ? sc.school_pupils_start[k] : null, text: sc.school_pupils_start ? fmt(sc.school_pupils_start[k], "") : "" },
        sc.school_scored ? (sc.school_scored[k] ? t("yes") : t("no")) : "",
        { v: val("rule_met_probability"), text: fmt(val("rule_met_probability"), "1") },
        { v: val("scored_replications"), text: fmt(val("scored_replications"), "") },
        { v: val("qualified_per100_mean"), text: fmt(val("qualified_per100_mean"), "") },
        { v: val("backbone_per100_mean"), text: fmt(val("backbone_per100_mean"), "") },
        { v: val("pe_art_per100_mean"), text: fmt(val("pe_art_per100_mean"), "") },
        most ? t(most) : ""];
      if (sc.missing_share) qi.forEach(function (q, j) { var v = sc.missing_share[si][yi][k][j]; r.push({ v: v, text: fmt(v, "1") }); });
      rows.push(r);
    });
    if (S.sort.col !== null && S.sort.col < cols.length) {
      var c = S.sort.col, dir = S.sort.dir;
      var key = function (r) { var x = r[c]; if (typeof x === "object") return x.v !== undefined ? x.v : x.text; return x; };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), xn = x === null || x === "" || x === undefined, yn = y === null || y === "" || y === undefined;
        if (xn || yn) return xn === yn ? 0 : xn ? 1 : -1;  // blanks last either way
        if (typeof x === "number" && typeof y === "number") return dir * (x - y);
        return dir * String(x).localeCompare(String(y), S.lang === "zh" ? "zh-CN" : "en");
      });
    }
    document.getElementById("schools-note").textContent = t("schools_note", { n: rows.length, region: regionName(S.region), s: s, year: year }) +
      (sy.length < D.years.length ? " " + t("schools_years", { list: sy.join(", ") }) : "");
    table("schools-table", "schools-" + S.region + "-" + safe(s) + "-" + year, cols.map(function (c) { return t(c[0]); }), rows,
      { sortable: true, left: 1, textCols: cols.map(function (c, i) { return c[1] ? i : -1; }) });
  }

  function renderMap() {
    var n = indicator(), u = meta(n).units, s = S.scen[0] || D.scenarios[0], yi = yearIndex(S.year);
    var counties = D.regions.filter(function (r) { return r.code !== "ALL"; });
    show("panel-map", counties.length > 0);
    if (!counties.length) return;
    var tiles = (P.tiles && P.tiles.tiles) || {}, placed = [], maxY = 0;
    counties.forEach(function (r) { var p = tiles[r.code]; if (p) { placed.push({ r: r, x: p.x, y: p.y, w: p.w || 1, h: p.h || 1 }); maxY = Math.max(maxY, p.y + (p.h || 1)); } });
    var k = 0, cols = 4;
    counties.forEach(function (r) { if (!tiles[r.code]) { placed.push({ r: r, x: k % cols, y: maxY + Math.floor(k / cols), w: 1, h: 1 }); k++; } });
    var val = {}, vs = [];
    counties.forEach(function (r) { var v = fan(n, s, r.code)[yi][2]; val[r.code] = v; if (v !== null && isFinite(v)) vs.push(v); });
    var lo = vs.length ? Math.min.apply(null, vs) : 0, hi = vs.length ? Math.max.apply(null, vs) : 1;
    function shade(v) {
      if (v === null || !isFinite(v)) return "#dddddd";
      var f = hi > lo ? (v - lo) / (hi - lo) : 0.5, a = [239, 243, 255], b = [8, 69, 148];
      return "rgb(" + a.map(function (c, i) { return Math.round(c + (b[i] - c) * f); }).join(",") + ")";
    }
    var TW = 150, TH = 90, gx = 0, gy = 0;
    placed.forEach(function (p) { gx = Math.max(gx, p.x + p.w); gy = Math.max(gy, p.y + p.h); });
    var W = gx * TW + 20, H = gy * TH + 60, box = clear("map"), root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img" });
    box.appendChild(root);
    placed.forEach(function (p) {
      var v = val[p.r.code], g = svg("g", { "class": "tile", "data-region": p.r.code, style: "cursor:pointer" });
      g.appendChild(svg("rect", { x: 10 + p.x * TW + 2, y: 10 + p.y * TH + 2, width: p.w * TW - 4, height: p.h * TH - 4, rx: 6,
        fill: shade(v), stroke: p.r.code === S.region ? "#000" : "#fff", "stroke-width": p.r.code === S.region ? 3 : 1, "data-v": v === null ? "" : v }));
      var dark = hi > lo && v !== null && (v - lo) / (hi - lo) > 0.55;
      var a = svg("text", { x: 10 + (p.x + p.w / 2) * TW, y: 10 + (p.y + p.h / 2) * TH - 4, "text-anchor": "middle", fill: dark ? "#fff" : "#111" });
      a.textContent = regionName(p.r.code); a.style.fill = dark ? "#fff" : "#111"; g.appendChild(a);
      var b = svg("text", { x: 10 + (p.x + p.w / 2) * TW, y: 10 + (p.y + p.h / 2) * TH + 14, "text-anchor": "middle" });
      b.textContent = fmt(v, u); b.style.fill = dark ? "#fff" : "#111"; g.appendChild(b);
      g.addEventListener("click", function () { S.region = p.r.code; render(); });
      root.appendChild(g);
    });
    // Legend: the colour ramp from the lowest to the highest county.
    var ly = gy * TH + 22, defs = svg("defs"), grad = svg("linearGradient", { id: "ramp" });
    grad.appendChild(svg("stop", { offset: "0", "stop-color": shade(lo) })); grad.appendChild(svg("stop", { offset: "1", "stop-color": shade(hi) }));
    defs.appendChild(grad); root.appendChild(defs);
    root.appendChild(svg("rect", { x: 10, y: ly, width: 200, height: 12, fill: "url(#ramp)", "class": "legend" }));
    var l1 = svg("text", { x: 10, y: ly + 28 }); l1.textContent = fmt(lo, u); root.appendChild(l1);
    var l2 = svg("text", { x: 210, y: ly + 28, "text-anchor": "end" }); l2.textContent = fmt(hi, u); root.appendChild(l2);
    document.getElementById("map-note").textContent = t("map_note", { ind: iname(n) + (isFamily(n) ? " · " + subjectName(S.subject) : ""), year: S.year, s: s });
    table("map-table", "map-" + safe(n) + "-" + safe(s) + "-" + S.year, [t("county"), t("value")],
      counties.map(function (r) { return [regionName(r.code), { v: val[r.code], text: fmt(val[r.code], u), data: { region: r.code } }]; }));
  }

  function renderScenarioInfo() {
    var box = clear("scenario-list");
    (D.scenario_info || []).forEach(function (sc) {
      var d = el("div", { "class": "scen", "data-scenario": sc.name });
      var h = el("div"); var sw = el("span", { "class": "swatch" }); sw.style.background = color(sc.name);
      h.appendChild(sw); h.appendChild(el("b", null, sc.name)); if (sc.description) h.appendChild(document.createTextNode(" — " + sc.description));
      d.appendChild(h);
      if (sc.name === D.reference) d.appendChild(el("div", { "class": "small" }, t("is_reference")));
      else if (!sc.changes.length) d.appendChild(el("div", { "class": "small" }, t("no_changes")));
      else {
        d.appendChild(el("div", { "class": "small" }, t("changes", { ref: D.reference })));
        var ul = el("ul"), max = 12;
        var word = function (v) { return S.lang === "zh" && (v === "true" || v === "false") ? t(v === "true" ? "yes" : "no") : v; };
        sc.changes.slice(0, max).forEach(function (c) { ul.appendChild(el("li", null, t("change_words", { key: c[0], ref: word(c[1]), val: word(c[2]) }))); });
        if (sc.changes.length > max) ul.appendChild(el("li", null, t("more", { n: sc.changes.length - max })));
        d.appendChild(ul);
      }
      if (sc.targets && sc.targets.length) d.appendChild(el("div", { "class": "small" }, t("targets_line", { list: sc.targets.join(", ") })));
      box.appendChild(d);
    });
  }

  // ---- selectors --------------------------------------------------------------------------------
  function options(id, items, value) {
    var s = clear(id);
    items.forEach(function (it) {
      if (it.group) { var g = el("optgroup", { label: it.group }); it.items.forEach(function (o) { g.appendChild(el("option", { value: o.value }, o.text)); }); s.appendChild(g); }
      else s.appendChild(el("option", { value: it.value }, it.text));
    });
    s.value = String(value);
  }
  function renderControls() {
    var box = clear("sel-scenarios");
    D.scenarios.forEach(function (s) {
      var l = el("label"), c = el("input", { type: "checkbox", value: s, "data-scenario": s });
      c.checked = S.scen.indexOf(s) >= 0;
      c.addEventListener("change", function () {
        S.scen = D.scenarios.filter(function (x) { return x === s ? c.checked : S.scen.indexOf(x) >= 0; });
        render();
      });
      var sw = el("span", { "class": "swatch" }); sw.style.background = color(s);
      l.appendChild(c); l.appendChild(sw); l.appendChild(document.createTextNode(s + (s === D.reference ? " (" + t("reference") + ")" : "")));
      box.appendChild(l);
    });
    options("sel-region", D.regions.map(function (r) { return { value: r.code, text: regionName(r.code) }; }), S.region);
    var groups = GROUPS.map(function (g) {
      return { group: t("g_" + g), items: BASE_ORDER.filter(function (b) { return BASES[b].group === g; }).map(function (b) {
        var lv = BASES[b].levels, n = lv[S.level] || lv[""] || lv[Object.keys(lv)[0]];
        // A family has the name of its root indicator (空岗（缺编）): the option says it is by subject,
        // since a closed selector shows the option and not its group.
        var name = iname(n), said = /by subject|分学科/i.test(name);
        return { value: b, text: name + (isFamily(n) && !said ? t("by_subject") : "") };
      }) };
    }).filter(function (g) { return g.items.length; });
    options("sel-indicator", groups, S.base);
    var lv = BASES[S.base].levels, levels = ["", "primary", "junior"].filter(function (l) { return lv[l]; });
    if (!lv[S.level]) S.level = levels[0];
    options("sel-level", levels.map(function (l) { return { value: l, text: l ? t(l) : t("level_all") }; }), S.level);
    show("lab-level", levels.length > 1);
    var fam = isFamily(indicator());
    show("lab-subject", fam);
    if (D.subjects) options("sel-subject", D.subjects.map(function (s, i) { return { value: i, text: subjectName(i) }; }), S.subject);
    options("sel-year", D.years.map(function (y) { return { value: y, text: String(y) }; }), S.year);
  }

  // The studies the file holds beside its run, as tables made by analysis/studies.py in both
  // languages; the panel stays hidden for a plain run.
  function renderStudies() {
    var list = (D.studies || {})[S.lang] || [];
    show("panel-studies", list.length > 0);
    var box = clear("studies-box");
    list.forEach(function (st, k) {
      box.appendChild(el("h3", null, st.title));
      if (st.intro) box.appendChild(el("p", { "class": "small" }, st.intro));
      box.appendChild(el("div", { "class": "tablebox", id: "study-" + k }));
      table("study-" + k, "study-" + (k + 1), st.head, st.rows, { left: st.left });
    });
  }

  function render() {
    document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
    document.title = t("title");
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) { e.textContent = t(e.getAttribute("data-t")); });
    Array.prototype.forEach.call(document.querySelectorAll(".lang button"), function (b) { b.classList.toggle("on", b.getAttribute("data-lang") === S.lang); });
    var f = D.file;
    document.getElementById("caption").textContent = t("file") + " " + f.name + " · " + t("caption", { n: f.replications, seed: f.seed, v: f.version, c: f.created });
    renderControls();
    var n = indicator(), m = meta(n);
    document.getElementById("indicator-desc").textContent = iname(n) + (isFamily(n) ? " · " + subjectName(S.subject) : "") +
      " (" + units(n) + ", " + regionName(S.region) + ")" + (S.lang === "en" && m.desc ? ": " + m.desc : "");
    renderScenarioInfo();
    renderFan(); renderDiff(); renderMap(); renderTargets(); renderFailure(); renderCosts(); renderSchools(); renderStudies();
    var sz = P.size || { total: 0, data: 0 };
    document.getElementById("footer").textContent = t("size", { total: bytes(sz.total), data: bytes(sz.data), r: f.replications, d: f.digits }) +
      " · teachsim · " + P.built;
    document.body.setAttribute("data-renders", String(Number(document.body.getAttribute("data-renders") || 0) + 1));
  }

  function on(id, fn) { document.getElementById(id).addEventListener("change", function (e) { fn(e.target.value); render(); }); }
  on("sel-region", function (v) { S.region = v; });
  on("sel-indicator", function (v) { S.base = v; S.subject = Math.min(S.subject, (D.subjects || [0]).length - 1); });
  on("sel-level", function (v) { S.level = v; });
  on("sel-subject", function (v) { S.subject = Number(v); });
  on("sel-year", function (v) { S.year = Number(v); });
  Array.prototype.forEach.call(document.querySelectorAll(".lang button"), function (b) {
    b.addEventListener("click", function () { S.lang = b.getAttribute("data-lang"); render(); });
  });
  render();
})();
